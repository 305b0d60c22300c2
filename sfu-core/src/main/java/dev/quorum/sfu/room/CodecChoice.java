package dev.quorum.sfu.room;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one codec the room's policy chose for an m-section, with the numbers the SDP gave it.
 * Nothing here is hard-coded: payload types, clock rate, fmtp and feedback all come from the
 * offer (publisher side) or from the engine's choice for the subscriber (subscriber side).
 *
 * @param payloadType    RTP payload type of the media packets
 * @param name           rtpmap encoding name as the SDP spells it: {@code opus}, {@code VP8},
 *                       {@code VP9}, {@code H264}, {@code AV1}
 * @param clockRate      RTP clock rate (48000 for Opus, 90000 for video)
 * @param channels       audio channels from the rtpmap (2 for Opus), 0 for video
 * @param fmtp           format parameters (e.g. {@code packetization-mode=1},
 *                       {@code useinbandfec=1}); empty if none
 * @param rtcpFeedback   accepted {@code a=rtcp-fb} values: {@code nack}, {@code nack pli},
 *                       {@code ccm fir}, {@code transport-cc}, {@code goog-remb}
 * @param rtxPayloadType payload type of the RTX stream ({@code apt} = payloadType), or -1 if RTX
 *                       is not negotiated
 */
public record CodecChoice(
        int payloadType,
        String name,
        int clockRate,
        int channels,
        Map<String, String> fmtp,
        List<String> rtcpFeedback,
        int rtxPayloadType) {

    public static final String NACK = "nack";
    public static final String NACK_PLI = "nack pli";
    public static final String CCM_FIR = "ccm fir";
    public static final String TRANSPORT_CC = "transport-cc";
    public static final String GOOG_REMB = "goog-remb";

    public CodecChoice {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payloadType must be 0..127: " + payloadType);
        }
        if (rtxPayloadType < -1 || rtxPayloadType > 127 || rtxPayloadType == payloadType) {
            throw new IllegalArgumentException("rtxPayloadType must be -1 or another 0..127: " + rtxPayloadType);
        }
        Objects.requireNonNull(name, "name");
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate must be positive: " + clockRate);
        }
        fmtp = Map.copyOf(fmtp);
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    /** True if the codec is the named one (case-insensitive, as rtpmap names are). */
    public boolean is(String codecName) {
        return name.equalsIgnoreCase(codecName);
    }

    /** True if the given {@code a=rtcp-fb} value was negotiated. */
    public boolean hasFeedback(String feedback) {
        return rtcpFeedback.contains(feedback);
    }

    public boolean hasRtx() {
        return rtxPayloadType >= 0;
    }

    /** The same codec under other payload types (the subscriber side renumbers codecs). */
    public CodecChoice withPayloadTypes(int newPayloadType, int newRtxPayloadType) {
        return new CodecChoice(newPayloadType, name, clockRate, channels, fmtp, rtcpFeedback, newRtxPayloadType);
    }

    /** The same codec with a different set of feedback (what the subscriber side offers). */
    public CodecChoice withFeedback(List<String> feedback) {
        return new CodecChoice(payloadType, name, clockRate, channels, fmtp, feedback, rtxPayloadType);
    }
}

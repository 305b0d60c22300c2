package dev.quorum.signaling.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One payload type of an m-section with everything said about it: {@code a=rtpmap},
 * {@code a=fmtp} and the {@code a=rtcp-fb} lines naming it (RFC 8866 §6.6, RFC 4585).
 *
 * @param name        encoding name as written ({@code opus}, {@code VP8}, {@code rtx}); null for a
 *                    static payload type listed without an rtpmap
 * @param clockRate   RTP clock rate in Hz; 0 when there is no rtpmap
 * @param channels    audio channels; 0 when not written
 * @param fmtp        format parameters as written ({@code minptime=10;useinbandfec=1}); null if none
 * @param feedback    rtcp-fb values for this payload type, in order ({@code nack}, {@code nack pli})
 */
public record RtpCodec(int payloadType, String name, int clockRate, int channels, String fmtp, List<String> feedback) {

    public RtpCodec {
        feedback = List.copyOf(feedback);
    }

    /** True if the encoding name matches, ignoring case ({@code h264} = {@code H264}). */
    public boolean is(String encodingName) {
        return name != null && name.equalsIgnoreCase(encodingName);
    }

    /**
     * The fmtp parameters as an ordered map of {@code key=value} pairs; a parameter without
     * {@code =} maps to the empty string. Keys keep their case.
     */
    public Map<String, String> parameters() {
        if (fmtp == null || fmtp.isBlank()) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : fmtp.split(";")) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq < 0) {
                m.put(t, "");
            } else {
                m.put(t.substring(0, eq).trim(), t.substring(eq + 1).trim());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** One fmtp parameter, matched case-insensitively, or null. */
    public String parameter(String key) {
        for (Map.Entry<String, String> e : parameters().entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** For an RTX payload type, the payload type it repairs ({@code apt}); -1 otherwise. */
    public int associatedPayloadType() {
        if (!is("rtx")) {
            return -1;
        }
        String apt = parameter("apt");
        try {
            return apt == null ? -1 : Integer.parseInt(apt);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The rtpmap value, {@code 111 opus/48000/2}. */
    public String rtpmapText() {
        return payloadType + " " + name + "/" + clockRate + (channels > 0 ? "/" + channels : "");
    }

    /** A copy with other fmtp and feedback. */
    public RtpCodec with(String newFmtp, List<String> newFeedback) {
        return new RtpCodec(payloadType, name, clockRate, channels, newFmtp, newFeedback);
    }

    /** Writes an ordered parameter map back as fmtp text; null for an empty map. */
    public static String fmtpText(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(e.getKey());
            if (!e.getValue().isEmpty()) {
                b.append('=').append(e.getValue());
            }
        }
        return b.toString();
    }

    /** The lower-case encoding name, or the empty string for a static payload type. */
    public String lowerName() {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }
}

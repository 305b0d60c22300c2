package dev.quorum.rtp.ext;

/**
 * The URIs of the header extensions the SFU negotiates ({@code a=extmap}). IDs are chosen per
 * session by the offerer, so code maps URI → ID from SDP and never hard-codes an ID.
 */
public final class HeaderExtensionUris {

    /** RFC 6464 client-to-mixer audio level: {@link AudioLevel}. */
    public static final String SSRC_AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    /** Sender's 24-bit send time, for REMB estimation: {@link AbsSendTime}. */
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    /** Transport-wide sequence number for transport-cc feedback: {@link TransportWideSequenceNumber}. */
    public static final String TRANSPORT_WIDE_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /** RFC 9143 media identification: {@link SdesExtension}. */
    public static final String SDES_MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    /** RFC 8852 RtpStreamId (the simulcast rid): {@link SdesExtension}. */
    public static final String SDES_RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    /** RFC 8852 RepairedRtpStreamId (the rid an RTX stream repairs): {@link SdesExtension}. */
    public static final String SDES_REPAIRED_RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    /** 3GPP coordination of video orientation (CVO): {@link VideoOrientation}. */
    public static final String VIDEO_ORIENTATION = "urn:3gpp:video-orientation";

    private HeaderExtensionUris() {}
}

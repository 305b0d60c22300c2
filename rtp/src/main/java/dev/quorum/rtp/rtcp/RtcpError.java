package dev.quorum.rtp.rtcp;

/**
 * Why bytes were rejected as RTCP. Each constant names one cause so that drops can be counted per
 * reason.
 */
public enum RtcpError {
    /** Fewer than the 4 bytes of the common header. */
    TRUNCATED_HEADER("shorter than the 4-byte RTCP header"),
    /** The version field is not 2. */
    BAD_VERSION("version is not 2"),
    /** The length field runs past the end of the datagram. */
    LENGTH_PAST_END("length field runs past the end of the datagram"),
    /** P is set but the padding count is zero or larger than the packet. */
    BAD_PADDING("padding count is zero or exceeds the packet"),
    /** The datagram holds no RTCP packet. */
    EMPTY("no RTCP packet in the datagram"),
    /** A message parser was handed another packet type or feedback format. */
    WRONG_PACKET_TYPE("packet type or format does not match the message"),
    /** The packet is shorter than its type's fixed part. */
    TOO_SHORT_FOR_TYPE("packet shorter than its type's fixed fields"),
    /** The report count announces more report blocks than the packet holds. */
    REPORT_COUNT_MISMATCH("report blocks run past the end of the packet"),
    /** An SDES chunk or item runs past the end of the packet, or chunks are missing. */
    SDES_TRUNCATED("SDES chunk or item runs past the end of the packet"),
    /** The BYE source count or reason runs past the end of the packet. */
    BYE_TRUNCATED("BYE sources or reason run past the end of the packet"),
    /** Feedback control information whose length is not a whole number of entries. */
    FCI_LENGTH_MISMATCH("feedback control information length is not a whole number of entries"),
    /** A payload-specific application feedback claiming REMB whose fields do not fit. */
    REMB_TRUNCATED("REMB SSRC list runs past the end of the packet"),
    /** Transport-cc packet status chunks run past the end of the packet. */
    TWCC_TRUNCATED_CHUNKS("transport-cc status chunks run past the end of the packet"),
    /** Transport-cc receive deltas run past the end of the packet. */
    TWCC_TRUNCATED_DELTAS("transport-cc receive deltas run past the end of the packet");

    private final String description;

    RtcpError(String description) {
        this.description = description;
    }

    /** A sentence fragment saying what was wrong, for logs and error messages. */
    public String description() {
        return description;
    }
}

package dev.quorum.rtp;

/**
 * Why bytes were rejected as an RTP packet, or why an operation on a packet could not be done.
 * Each constant names one cause so that drops can be counted per reason.
 */
public enum RtpError implements RtpParseResult {
    /** Fewer than the 12 bytes of the fixed header (RFC 3550 §5.1). */
    TRUNCATED_HEADER("shorter than the 12-byte fixed header"),
    /** The version field is not 2. */
    BAD_VERSION("version is not 2"),
    /** The CSRC count announces more identifiers than the packet holds. */
    TRUNCATED_CSRC("CSRC list runs past the end of the packet"),
    /** The X bit is set but the 4-byte extension header does not fit. */
    TRUNCATED_EXTENSION_HEADER("extension header runs past the end of the packet"),
    /** The extension length field points past the end of the packet. */
    EXTENSION_PAST_END("header extension length runs past the end of the packet"),
    /** An RFC 8285 element's length runs past the end of the extension block. */
    MALFORMED_EXTENSION("header extension element overflows the extension block"),
    /** The P bit is set but the padding count is zero or larger than the room after the header. */
    BAD_PADDING("padding count is zero or exceeds the packet"),
    /** An RTX packet too short to hold the 2-byte original sequence number (RFC 4588 §4). */
    RTX_TRUNCATED("RTX payload shorter than the original sequence number"),
    /** An RTX packet carrying only padding: a bandwidth probe, not a retransmission. */
    RTX_PADDING_ONLY("RTX packet carries only padding"),
    /** Wrapping in place needs two free bytes in front of the packet in its buffer. */
    NO_HEADROOM("no room in front of the packet to insert the original sequence number"),
    /** The extension element asked for is not in the packet. */
    EXTENSION_NOT_FOUND("header extension element not present"),
    /** An in-place rewrite would change the element's length. */
    EXTENSION_LENGTH_MISMATCH("header extension element has a different length");

    private final String description;

    RtpError(String description) {
        this.description = description;
    }

    /** A sentence fragment saying what was wrong, for logs and error messages. */
    public String description() {
        return description;
    }
}

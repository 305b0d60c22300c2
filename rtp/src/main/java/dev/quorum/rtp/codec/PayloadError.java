package dev.quorum.rtp.codec;

/**
 * Why a depacketizer dropped a packet or a frame. One constant per cause, so drops can be counted
 * per reason.
 */
public enum PayloadError {
    /** The sequence number is not newer than the previous packet's: a duplicate or a late packet. */
    DUPLICATE_OR_LATE("sequence number not newer than the previous packet"),
    /** A sequence gap inside a frame: the partial frame is dropped. */
    FRAME_INCOMPLETE("sequence gap inside a frame"),
    /** A complete frame after loss (or at the start) that cannot be decoded before a keyframe. */
    WAITING_FOR_KEYFRAME("frame depends on data lost before it; waiting for a keyframe"),
    /** A packet in the middle of a frame whose first packet was never received. */
    MISSING_FRAME_START("packet continues a frame whose start was not received"),
    /** A frame that grew past the size limit without ending. */
    FRAME_TOO_LARGE("frame exceeds the size limit"),
    /** A frame with no bytes. */
    EMPTY_FRAME("frame has no data"),
    /** A packet pushed after the depacketizer was closed. */
    CLOSED("depacketizer is closed"),

    /** VP8 payload descriptor runs past the payload (RFC 7741 §4.2). */
    VP8_TRUNCATED_DESCRIPTOR("VP8 payload descriptor truncated"),

    /** VP9 payload descriptor runs past the payload (RFC 9628 §4.2). */
    VP9_TRUNCATED_DESCRIPTOR("VP9 payload descriptor truncated"),
    /** VP9 scalability structure truncated or inconsistent (RFC 9628 §4.2.1). */
    VP9_BAD_SCALABILITY_STRUCTURE("VP9 scalability structure malformed"),
    /** More than three reference indices (P_DIFF) in flexible mode. */
    VP9_TOO_MANY_REFERENCES("VP9 descriptor lists more than three P_DIFF references"),
    /** More layer frames than a superframe index can hold (8). */
    VP9_SUPERFRAME_TOO_LARGE("VP9 picture has more frames than a superframe holds"),

    /** A NAL unit shorter than its header (RFC 6184 §5.3). */
    H264_TRUNCATED_NAL("H.264 NAL unit truncated"),
    /** The NAL header's forbidden_zero_bit is set. */
    H264_FORBIDDEN_BIT("H.264 NAL forbidden bit set"),
    /** NAL type 0, 30, 31, or STAP-B/MTAP/FU-B, which packetization mode 1 does not use. */
    H264_UNSUPPORTED_NAL_TYPE("H.264 NAL type not allowed in packetization mode 1"),
    /** A STAP-A unit size of zero or running past the payload (RFC 6184 §5.7.1). */
    H264_STAP_A_BAD_SIZE("H.264 STAP-A aggregation unit size invalid"),
    /** An FU-A fragment without a preceding start fragment (RFC 6184 §5.8). */
    H264_FU_A_WITHOUT_START("H.264 FU-A fragment without a start fragment"),
    /** An FU-A unit not ended (E) before the next NAL unit or the end of the access unit. */
    H264_FU_A_INCOMPLETE("H.264 FU-A unit not ended"),
    /** An FU-A header with both S and E set, or a fragment type different from its start. */
    H264_FU_A_BAD_HEADER("H.264 FU-A header invalid"),

    /** Aggregation header with Z and N both set (AV1 RTP §4.4). */
    AV1_BAD_AGGREGATION_HEADER("AV1 aggregation header invalid"),
    /** A leb128 length longer than 8 bytes or above 2^32 - 1. */
    AV1_BAD_LEB128("AV1 leb128 value malformed"),
    /** An OBU element length runs past the payload, or W announces more elements than present. */
    AV1_ELEMENT_PAST_END("AV1 OBU element runs past the payload"),
    /** Z says the first element continues an OBU, but no OBU was left open. */
    AV1_CONTINUATION_WITHOUT_START("AV1 OBU continuation without a start"),
    /** An OBU left open (Y) was not continued (Z) by the next packet, or the unit ended. */
    AV1_FRAGMENT_NOT_CONTINUED("AV1 fragmented OBU not continued"),
    /** OBU header forbidden bit set, or the OBU shorter than its header. */
    AV1_BAD_OBU_HEADER("AV1 OBU header invalid"),
    /** An OBU's own size field disagrees with the element length. */
    AV1_OBU_SIZE_MISMATCH("AV1 OBU size field disagrees with its element"),

    /** Opus packet empty, or a code 3 packet without a valid frame count (RFC 6716 §3.2). */
    OPUS_BAD_TOC("Opus TOC invalid"),

    /** RED block headers run past the payload (RFC 2198 §3). */
    RED_TRUNCATED_HEADER("RED block header truncated"),
    /** RED block lengths add up to more than the payload. */
    RED_BLOCK_PAST_END("RED block runs past the payload"),
    /** More redundant blocks than any sender uses; treated as garbage. */
    RED_TOO_MANY_BLOCKS("RED packet has too many blocks");

    private final String description;

    PayloadError(String description) {
        this.description = description;
    }

    /** A sentence fragment saying what was wrong, for logs and error messages. */
    public String description() {
        return description;
    }
}

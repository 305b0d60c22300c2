package dev.quorum.rtp.codec.vp8;

import io.netty.buffer.ByteBuf;

/**
 * Reads the start of a VP8 frame: the frame tag (RFC 6386 §9.1, RFC 7741 §4.3) says whether it
 * is a keyframe, and a keyframe's header carries the picture size.
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |Size0|H| VER |P|   P = 0: keyframe
 * +-+-+-+-+-+-+-+-+
 * |     Size1     |
 * +-+-+-+-+-+-+-+-+
 * |     Size2     |
 * +-+-+-+-+-+-+-+-+
 * | 0x9d 0x01 0x2a|   keyframes only: start code, then
 * | width  (LE 16) |   14-bit width, 2-bit horizontal scale
 * | height (LE 16) |   14-bit height, 2-bit vertical scale
 * </pre>
 *
 * <p>Every method borrows the buffer it reads and reads only the bytes named.
 */
public final class Vp8FrameHeader {

    /** Bytes of a keyframe header up to and including the size fields. */
    public static final int KEYFRAME_HEADER_LENGTH = 10;

    private Vp8FrameHeader() {}

    /** Whether the frame starting at {@code index} is a keyframe (P bit clear). */
    public static boolean isKeyframe(ByteBuf frame, int index) {
        return (frame.getByte(index) & 0x01) == 0;
    }

    /** Whether a keyframe's start code is intact, so its sizes can be read. */
    public static boolean hasValidKeyframeHeader(ByteBuf frame, int index, int length) {
        return length >= KEYFRAME_HEADER_LENGTH
                && isKeyframe(frame, index)
                && frame.getUnsignedByte(index + 3) == 0x9d
                && frame.getUnsignedByte(index + 4) == 0x01
                && frame.getUnsignedByte(index + 5) == 0x2a;
    }

    /** Width of a keyframe whose header {@link #hasValidKeyframeHeader is valid}. */
    public static int width(ByteBuf frame, int index) {
        return frame.getUnsignedShortLE(index + 6) & 0x3FFF;
    }

    /** Height of a keyframe whose header {@link #hasValidKeyframeHeader is valid}. */
    public static int height(ByteBuf frame, int index) {
        return frame.getUnsignedShortLE(index + 8) & 0x3FFF;
    }
}

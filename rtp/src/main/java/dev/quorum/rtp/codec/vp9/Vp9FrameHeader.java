package dev.quorum.rtp.codec.vp9;

import dev.quorum.rtp.codec.BitReader;
import io.netty.buffer.ByteBuf;

/**
 * Reads the start of a VP9 frame's uncompressed header (VP9 bitstream spec §6.2): whether it is a
 * keyframe and, for keyframes, the frame size.
 *
 * <pre>
 * frame_marker f(2) = 2 | profile_low_bit f(1) | profile_high_bit f(1) | [profile 3: reserved_zero f(1)]
 * show_existing_frame f(1) | frame_type f(1) (0 = KEY_FRAME) | show_frame f(1) | error_resilient_mode f(1)
 * keyframe: frame_sync_code f(24) = 0x49 0x83 0x42
 *           color_config: [profile >= 2: ten_or_twelve_bit f(1)] color_space f(3)
 *                         [not sRGB: color_range f(1), profiles 1 and 3: subsampling_x, subsampling_y, reserved_zero]
 *                         [sRGB, profiles 1 and 3: reserved_zero f(1)]
 *           frame_width_minus_1 f(16) | frame_height_minus_1 f(16)
 * </pre>
 */
public final class Vp9FrameHeader {

    private static final int SYNC_CODE = 0x498342;
    private static final int CS_RGB = 7;

    private Vp9FrameHeader() {}

    /**
     * Parses the header of the frame at absolute {@code offset}. Borrows {@code buf}.
     *
     * @return the keyframe size packed as {@code width << 16 | height}, 0 if the frame is not a
     *     keyframe, or -1 if the header is not valid VP9
     */
    public static long keyframeSize(ByteBuf buf, int offset, int length) {
        BitReader r = new BitReader(buf, offset, Math.min(length, 16), false);
        if (r.u(2) != 2) {
            return -1;
        }
        int profile = r.u(1) | (r.u(1) << 1);
        if (profile == 3) {
            r.skip(1);
        }
        if (r.flag()) {
            return r.overrun() ? -1 : 0;
        }
        if (r.flag()) {
            return r.overrun() ? -1 : 0;
        }
        r.skip(2);
        if (r.u(24) != SYNC_CODE) {
            return -1;
        }
        if (profile >= 2) {
            r.skip(1);
        }
        int colorSpace = r.u(3);
        if (colorSpace != CS_RGB) {
            r.skip(1);
            if (profile == 1 || profile == 3) {
                r.skip(3);
            }
        } else if (profile == 1 || profile == 3) {
            r.skip(1);
        }
        long width = r.bits(16) + 1;
        long height = r.bits(16) + 1;
        return r.overrun() ? -1 : (width << 16) | height;
    }

    /** Whether the frame at {@code offset} is a keyframe. Borrows {@code buf}. */
    public static boolean isKeyframe(ByteBuf buf, int offset, int length) {
        return keyframeSize(buf, offset, length) > 0;
    }
}

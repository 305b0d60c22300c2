package dev.quorum.rtp.codec.av1;

import dev.quorum.rtp.codec.BitReader;
import io.netty.buffer.ByteBuf;

/**
 * The fields of an AV1 sequence header OBU (AV1 spec §5.5) a recorder needs: profile, whether
 * frames use the reduced still-picture header, and the maximum frame size.
 *
 * <pre>
 * seq_profile f(3) | still_picture f(1) | reduced_still_picture_header f(1)
 * reduced: seq_level_idx[0] f(5)
 * else:    timing_info_present_flag f(1) [timing_info, decoder_model_info_present_flag f(1) [decoder_model_info]]
 *          initial_display_delay_present_flag f(1) | operating_points_cnt_minus_1 f(5)
 *          per operating point: operating_point_idc f(12) | seq_level_idx f(5) [> 7: seq_tier f(1)]
 *                               [decoder model fields] [initial display delay fields]
 * frame_width_bits_minus_1 f(4) | frame_height_bits_minus_1 f(4)
 * max_frame_width_minus_1 f(n) | max_frame_height_minus_1 f(n)
 * </pre>
 *
 * @param profile                   seq_profile
 * @param reducedStillPictureHeader frames carry no show_existing_frame/frame_type bits: every frame is a keyframe
 * @param maxWidth                  max_frame_width_minus_1 + 1
 * @param maxHeight                 max_frame_height_minus_1 + 1
 */
public record Av1SequenceHeader(int profile, boolean reducedStillPictureHeader, int maxWidth, int maxHeight) {

    /**
     * Parses the payload (after the OBU header and size) of a sequence header OBU at absolute
     * {@code offset}. Borrows {@code buf}.
     *
     * @return the fields, or null if the payload is truncated or inconsistent
     */
    public static Av1SequenceHeader parse(ByteBuf buf, int offset, int length) {
        BitReader r = new BitReader(buf, offset, length, false);
        int profile = r.u(3);
        r.skip(1);
        boolean reduced = r.flag();
        if (reduced) {
            r.skip(5);
        } else {
            boolean decoderModelInfo = false;
            int bufferDelayLength = 0;
            if (r.flag()) {
                r.skip(64);
                if (r.flag()) {
                    uvlc(r);
                }
                decoderModelInfo = r.flag();
                if (decoderModelInfo) {
                    bufferDelayLength = r.u(5) + 1;
                    r.skip(32 + 5 + 5);
                }
            }
            boolean initialDisplayDelay = r.flag();
            int operatingPoints = r.u(5) + 1;
            for (int i = 0; i < operatingPoints && !r.overrun(); i++) {
                r.skip(12);
                if (r.u(5) > 7) {
                    r.skip(1);
                }
                if (decoderModelInfo && r.flag()) {
                    r.skip(2 * bufferDelayLength + 1);
                }
                if (initialDisplayDelay && r.flag()) {
                    r.skip(4);
                }
            }
        }
        int widthBits = r.u(4) + 1;
        int heightBits = r.u(4) + 1;
        long width = r.bits(widthBits) + 1;
        long height = r.bits(heightBits) + 1;
        if (r.overrun()) {
            return null;
        }
        return new Av1SequenceHeader(profile, reduced, (int) width, (int) height);
    }

    private static void uvlc(BitReader r) {
        int leadingZeros = 0;
        while (!r.overrun() && r.bit() == 0) {
            leadingZeros++;
        }
        if (leadingZeros < 32) {
            r.skip(leadingZeros);
        }
    }

    /**
     * Whether a frame (or frame header) OBU whose payload starts with {@code firstByte} is a key
     * frame: with the reduced still-picture header always; otherwise when show_existing_frame is 0
     * and frame_type is KEY_FRAME (0).
     */
    public boolean isKeyFrame(int firstByte) {
        return reducedStillPictureHeader || (firstByte & 0xE0) == 0;
    }
}

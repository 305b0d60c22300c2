package dev.quorum.rtp.codec.h264;

import dev.quorum.rtp.codec.BitReader;
import io.netty.buffer.ByteBuf;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) that a recorder needs:
 * profile and level for the avcC, chroma format and bit depths for its high-profile extension, and
 * the cropped picture size.
 *
 * <pre>
 * profile_idc u(8) | constraint_set0..5_flag, reserved u(8) | level_idc u(8) | seq_parameter_set_id ue
 * [high profiles: chroma_format_idc ue, (separate_colour_plane_flag u(1)), bit_depth_luma_minus8 ue,
 *  bit_depth_chroma_minus8 ue, qpprime_y_zero_transform_bypass_flag u(1), scaling matrices]
 * log2_max_frame_num_minus4 ue | pic_order_cnt_type ue (+ its fields) | max_num_ref_frames ue
 * gaps_in_frame_num_value_allowed_flag u(1) | pic_width_in_mbs_minus1 ue | pic_height_in_map_units_minus1 ue
 * frame_mbs_only_flag u(1) (+ mb_adaptive_frame_field_flag) | direct_8x8_inference_flag u(1)
 * frame_cropping_flag u(1) (+ left, right, top, bottom offsets ue)
 * </pre>
 *
 * @param profileIdc        profile_idc (66 baseline, 77 main, 100 high, ...)
 * @param constraintFlags   the byte after profile_idc (the avcC's profile_compatibility)
 * @param levelIdc          level_idc
 * @param chromaFormatIdc   0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param bitDepthLumaMinus8   luma bit depth - 8
 * @param bitDepthChromaMinus8 chroma bit depth - 8
 * @param width             picture width in pixels after cropping
 * @param height            picture height in pixels after cropping
 */
public record H264SequenceParameterSet(
        int profileIdc,
        int constraintFlags,
        int levelIdc,
        int chromaFormatIdc,
        int bitDepthLumaMinus8,
        int bitDepthChromaMinus8,
        int width,
        int height) {

    private static final int MAX_DIMENSION = 1 << 16;

    /** Whether {@code profileIdc} carries the chroma format and bit depth fields. */
    public static boolean isHighProfile(int profileIdc) {
        return switch (profileIdc) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    /**
     * Parses the SPS NAL unit (its header byte included) at absolute {@code offset}. Borrows
     * {@code buf}.
     *
     * @return the fields, or null if the NAL is not an SPS or is truncated or inconsistent
     */
    public static H264SequenceParameterSet parse(ByteBuf buf, int offset, int length) {
        if (length < 4 || (buf.getByte(offset) & 0x1F) != H264Nal.SPS) {
            return null;
        }
        BitReader r = new BitReader(buf, offset + 1, length - 1, true);
        int profileIdc = r.u(8);
        int constraintFlags = r.u(8);
        int levelIdc = r.u(8);
        r.ue();
        int chromaFormatIdc = 1;
        int bitDepthLuma = 0;
        int bitDepthChroma = 0;
        boolean separateColourPlane = false;
        if (isHighProfile(profileIdc)) {
            chromaFormatIdc = (int) r.ue();
            if (chromaFormatIdc > 3) {
                return null;
            }
            if (chromaFormatIdc == 3) {
                separateColourPlane = r.flag();
            }
            bitDepthLuma = (int) r.ue();
            bitDepthChroma = (int) r.ue();
            r.skip(1);
            if (r.flag()) {
                skipScalingMatrices(r, chromaFormatIdc == 3 ? 12 : 8);
            }
        }
        r.ue();
        long pocType = r.ue();
        if (pocType == 0) {
            r.ue();
        } else if (pocType == 1) {
            r.skip(1);
            r.se();
            r.se();
            long cycle = r.ue();
            if (cycle > 255) {
                return null;
            }
            for (long i = 0; i < cycle && !r.overrun(); i++) {
                r.se();
            }
        } else if (pocType != 2) {
            return null;
        }
        r.ue();
        r.skip(1);
        long widthInMbs = r.ue() + 1;
        long heightInMapUnits = r.ue() + 1;
        boolean frameMbsOnly = r.flag();
        if (!frameMbsOnly) {
            r.skip(1);
        }
        r.skip(1);
        long cropLeft = 0;
        long cropRight = 0;
        long cropTop = 0;
        long cropBottom = 0;
        if (r.flag()) {
            cropLeft = r.ue();
            cropRight = r.ue();
            cropTop = r.ue();
            cropBottom = r.ue();
        }
        if (r.overrun()) {
            return null;
        }
        int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
        int cropUnitX = chromaArrayType == 0 ? 1 : chromaArrayType == 3 ? 1 : 2;
        int cropUnitY = (chromaArrayType == 0 ? 1 : chromaArrayType == 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
        long width = widthInMbs * 16 - cropUnitX * (cropLeft + cropRight);
        long height = (frameMbsOnly ? 1 : 2) * heightInMapUnits * 16 - cropUnitY * (cropTop + cropBottom);
        if (width <= 0 || height <= 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            return null;
        }
        return new H264SequenceParameterSet(
                profileIdc, constraintFlags, levelIdc, chromaFormatIdc, bitDepthLuma, bitDepthChroma, (int) width, (int)
                        height);
    }

    private static void skipScalingMatrices(BitReader r, int lists) {
        for (int i = 0; i < lists && !r.overrun(); i++) {
            if (r.flag()) {
                int size = i < 6 ? 16 : 64;
                int last = 8;
                int next = 8;
                for (int j = 0; j < size && !r.overrun(); j++) {
                    if (next != 0) {
                        next = (int) ((last + r.se() + 256) % 256);
                    }
                    last = next == 0 ? last : next;
                }
            }
        }
    }
}

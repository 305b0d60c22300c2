package dev.quorum.sfu.room;

import java.io.ByteArrayOutputStream;

/**
 * Writes the H.264 sequence parameter set NAL unit (ITU-T H.264 §7.3.2.1.1) of a constrained
 * baseline stream of a given size, as a browser's encoder would: macroblock dimensions, and
 * frame cropping for a height that is not a multiple of 16.
 */
final class H264Sps {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int bits;

    private H264Sps() {}

    static byte[] of(int width, int height) {
        if (width % 16 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("width must be whole macroblocks and height even");
        }
        int heightInMbs = (height + 15) / 16;
        int cropBottom = (heightInMbs * 16 - height) / 2;
        H264Sps w = new H264Sps();
        w.u(8, 0x67); // forbidden_zero_bit, nal_ref_idc 3, nal_unit_type 7
        w.u(8, 66); // profile_idc: baseline
        w.u(8, 0xC0); // constraint_set0 and set1: constrained baseline
        w.u(8, 31); // level_idc 3.1
        w.ue(0); // seq_parameter_set_id
        w.ue(0); // log2_max_frame_num_minus4
        w.ue(2); // pic_order_cnt_type
        w.ue(1); // max_num_ref_frames
        w.u(1, 0); // gaps_in_frame_num_value_allowed_flag
        w.ue(width / 16 - 1);
        w.ue(heightInMbs - 1);
        w.u(1, 1); // frame_mbs_only_flag
        w.u(1, 1); // direct_8x8_inference_flag
        w.u(1, cropBottom > 0 ? 1 : 0);
        if (cropBottom > 0) {
            w.ue(0);
            w.ue(0);
            w.ue(0);
            w.ue(cropBottom);
        }
        w.u(1, 0); // vui_parameters_present_flag
        w.u(1, 1); // rbsp_stop_one_bit
        while (w.bits != 0) {
            w.u(1, 0);
        }
        return escape(w.out.toByteArray());
    }

    private void u(int n, int value) {
        for (int i = n - 1; i >= 0; i--) {
            current = (current << 1) | ((value >>> i) & 1);
            if (++bits == 8) {
                out.write(current);
                current = 0;
                bits = 0;
            }
        }
    }

    private void ue(int value) {
        int v = value + 1;
        int length = 32 - Integer.numberOfLeadingZeros(v);
        u(length - 1, 0);
        u(length, v);
    }

    /** Emulation prevention (§7.4.1): no 00 00 0x with x ≤ 3 inside a NAL unit. */
    private static byte[] escape(byte[] raw) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int zeros = 0;
        for (byte b : raw) {
            if (zeros == 2 && (b & 0xFF) <= 3) {
                o.write(3);
                zeros = 0;
            }
            o.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return o.toByteArray();
    }
}

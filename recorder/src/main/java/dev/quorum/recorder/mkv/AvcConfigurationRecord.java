package dev.quorum.recorder.mkv;

import java.io.ByteArrayOutputStream;

/**
 * Builds the AVCDecoderConfigurationRecord ({@code avcC}, ISO/IEC 14496-15 §5.2.4.1) that Matroska
 * carries as the CodecPrivate of {@code V_MPEG4/ISO/AVC}, from one SPS and one PPS NAL unit
 * (each including its one-byte NAL header).
 *
 * <pre>
 *  01 | profile_idc | constraint flags | level_idc | FF (6 reserved bits, lengthSizeMinusOne = 3)
 *  E1 (3 reserved bits, 1 SPS) | u16 length | SPS
 *  01 (1 PPS)                  | u16 length | PPS
 *  [profiles 100, 110, 122, 144: FC|chroma_format, F8|bit_depth_luma-8, F8|bit_depth_chroma-8, 00]
 * </pre>
 *
 * The High-profile tail is optional for decoders and we do not parse the SPS for chroma format, so
 * it is written with the common 4:2:0 8-bit values only for High profiles, which is what WebRTC
 * senders produce.
 */
public final class AvcConfigurationRecord {

    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;

    private AvcConfigurationRecord() {}

    public static byte[] build(byte[] sps, byte[] pps) {
        if (sps == null || sps.length < 4 || (sps[0] & 0x1F) != NAL_SPS) {
            throw new IllegalArgumentException("Not an SPS NAL unit");
        }
        if (pps == null || pps.length < 2 || (pps[0] & 0x1F) != NAL_PPS) {
            throw new IllegalArgumentException("Not a PPS NAL unit");
        }
        if (sps.length > 0xFFFF || pps.length > 0xFFFF) {
            throw new IllegalArgumentException("Parameter set longer than 65535 bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + sps.length + pps.length);
        int profile = sps[1] & 0xFF;
        out.write(1);
        out.write(profile);
        out.write(sps[2] & 0xFF);
        out.write(sps[3] & 0xFF);
        out.write(0xFF);
        out.write(0xE1);
        out.write(sps.length >>> 8);
        out.write(sps.length);
        out.write(sps, 0, sps.length);
        out.write(1);
        out.write(pps.length >>> 8);
        out.write(pps.length);
        out.write(pps, 0, pps.length);
        if (profile == 100 || profile == 110 || profile == 122 || profile == 144) {
            out.write(0xFC | 1);
            out.write(0xF8);
            out.write(0xF8);
            out.write(0);
        }
        return out.toByteArray();
    }
}

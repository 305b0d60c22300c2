package dev.quorum.rtp.codec.h264;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * The AVCDecoderConfigurationRecord ("avcC", ISO/IEC 14496-15 §5.3.3.1) that MP4 and Matroska
 * store as the H.264 track's codec private data, built from the stream's parameter sets. Frames
 * then carry NAL units with 4-byte length prefixes, as {@link H264Depacketizer} emits them.
 *
 * <pre>
 * configurationVersion = 1            u(8)
 * AVCProfileIndication                u(8)   SPS byte 1
 * profile_compatibility               u(8)   SPS byte 2
 * AVCLevelIndication                  u(8)   SPS byte 3
 * '111111' lengthSizeMinusOne = 3     u(8)
 * '111' numOfSequenceParameterSets    u(8)
 *   { sequenceParameterSetLength u(16), sequenceParameterSetNALUnit }
 * numOfPictureParameterSets           u(8)
 *   { pictureParameterSetLength u(16), pictureParameterSetNALUnit }
 * high profiles (100, 110, 122, 144) only:
 * '111111' chroma_format              u(8)
 * '11111' bit_depth_luma_minus8       u(8)
 * '11111' bit_depth_chroma_minus8     u(8)
 * numOfSequenceParameterSetExt = 0    u(8)
 * </pre>
 */
public final class AvcDecoderConfigurationRecord {

    /** Length of the NAL unit length prefix frames use. */
    public static final int NAL_LENGTH_SIZE = 4;

    private AvcDecoderConfigurationRecord() {}

    /** The record for one SPS and one PPS, each a whole NAL unit with its header byte. */
    public static byte[] build(byte[] sps, byte[] pps) {
        return build(List.of(sps), List.of(pps));
    }

    /**
     * The record for the given parameter sets (each a whole NAL unit with its header byte, as
     * carried in RTP: emulation prevention bytes included). The first SPS gives profile and level.
     *
     * @throws IllegalArgumentException if there is no SPS, an SPS is not a parseable SPS, or there
     *     are more than 31 SPS or 255 PPS
     */
    public static byte[] build(List<byte[]> spsList, List<byte[]> ppsList) {
        if (spsList.isEmpty() || spsList.size() > 31 || ppsList.size() > 255) {
            throw new IllegalArgumentException(
                    "need 1-31 SPS and at most 255 PPS, got " + spsList.size() + " and " + ppsList.size());
        }
        byte[] first = spsList.get(0);
        H264SequenceParameterSet sps = H264SequenceParameterSet.parse(Unpooled.wrappedBuffer(first), 0, first.length);
        if (sps == null) {
            throw new IllegalArgumentException("first parameter set is not a valid SPS");
        }
        int length = 7;
        for (byte[] nal : spsList) {
            length += 2 + nal.length;
        }
        for (byte[] nal : ppsList) {
            length += 2 + nal.length;
        }
        boolean extension = hasHighProfileExtension(sps.profileIdc());
        if (extension) {
            length += 4;
        }
        ByteBuf out = Unpooled.buffer(length);
        out.writeByte(1);
        out.writeByte(first[1]);
        out.writeByte(first[2]);
        out.writeByte(first[3]);
        out.writeByte(0xFC | (NAL_LENGTH_SIZE - 1));
        out.writeByte(0xE0 | spsList.size());
        for (byte[] nal : spsList) {
            out.writeShort(nal.length);
            out.writeBytes(nal);
        }
        out.writeByte(ppsList.size());
        for (byte[] nal : ppsList) {
            out.writeShort(nal.length);
            out.writeBytes(nal);
        }
        if (extension) {
            out.writeByte(0xFC | sps.chromaFormatIdc());
            out.writeByte(0xF8 | sps.bitDepthLumaMinus8());
            out.writeByte(0xF8 | sps.bitDepthChromaMinus8());
            out.writeByte(0);
        }
        return out.array();
    }

    /** ISO/IEC 14496-15 adds the chroma and bit depth fields for these profiles only. */
    static boolean hasHighProfileExtension(int profileIdc) {
        return profileIdc == 100 || profileIdc == 110 || profileIdc == 122 || profileIdc == 144;
    }
}

package dev.quorum.recorder.pipeline;

import dev.quorum.recorder.mkv.AvcConfigurationRecord;
import dev.quorum.recorder.mkv.MatroskaCodec;
import dev.quorum.recorder.mkv.TrackFormat;
import io.netty.buffer.ByteBuf;

/**
 * Builds a recording's Matroska track header from its first keyframe: picture size for video
 * (from the depacketizer, or read from the keyframe's own header), and for H.264 the avcC from
 * the SPS and PPS the keyframe carries (or, failing that, the ones seen before it). Returns null
 * when the keyframe does not say enough, so the recording waits for the next one. Bad bytes give
 * null, never an exception.
 */
final class TrackFormats {

    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;

    private TrackFormats() {}

    /**
     * @param data        the keyframe (borrowed)
     * @param width       the size the depacketizer read, or 0
     * @param channels    the rtpmap's channel count (Opus)
     * @param earlierAvcC H.264: the avcC of parameter sets seen before this keyframe, or null
     */
    static TrackFormat forKeyframe(
            MatroskaCodec codec, ByteBuf data, int width, int height, int channels, byte[] earlierAvcC) {
        return switch (codec) {
            case OPUS -> TrackFormat.opus(channels == 1 ? 1 : 2, 0);
            case VP8 -> width > 0 ? TrackFormat.vp8(width, height) : vp8(data);
            case VP9 -> width > 0 ? TrackFormat.vp9(width, height) : vp9(data);
            case H264 -> h264(data, width, height, earlierAvcC);
            case AV1 -> null;
        };
    }

    private static TrackFormat vp8(ByteBuf data) {
        int i = data.readerIndex();
        // RFC 6386 §9.1: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
        if (data.readableBytes() < 10
                || (data.getByte(i) & 1) != 0
                || data.getUnsignedByte(i + 3) != 0x9D
                || data.getUnsignedByte(i + 4) != 0x01
                || data.getUnsignedByte(i + 5) != 0x2A) {
            return null;
        }
        int w = data.getUnsignedShortLE(i + 6) & 0x3FFF;
        int h = data.getUnsignedShortLE(i + 8) & 0x3FFF;
        return w > 0 && h > 0 ? TrackFormat.vp8(w, h) : null;
    }

    /** VP9 keyframe uncompressed header (VP9 bitstream spec §6.2): frame_size after the color config. */
    private static TrackFormat vp9(ByteBuf data) {
        BitReader r = new BitReader(data);
        if (r.bits(2) != 2) {
            return null;
        }
        int profile = r.bits(1) | (r.bits(1) << 1);
        if (profile == 3) {
            r.bits(1);
        }
        if (r.bits(1) == 1 || r.bits(1) != 0) {
            return null; // show_existing_frame, or not a key frame
        }
        r.bits(2); // show_frame, error_resilient_mode
        if (r.bits(24) != 0x498342) {
            return null;
        }
        if (profile >= 2) {
            r.bits(1); // ten_or_twelve_bit
        }
        int colorSpace = r.bits(3);
        if (colorSpace != 7) {
            r.bits(1); // color_range
            if (profile == 1 || profile == 3) {
                r.bits(3); // subsampling_x, subsampling_y, reserved
            }
        } else if (profile == 1 || profile == 3) {
            r.bits(1);
        }
        int w = r.bits(16) + 1;
        int h = r.bits(16) + 1;
        return r.overrun() ? null : TrackFormat.vp9(w, h);
    }

    /** An access unit of 4-byte length-prefixed NAL units, preferably with its SPS and PPS. */
    private static TrackFormat h264(ByteBuf data, int width, int height, byte[] earlierAvcC) {
        if (width <= 0 || height <= 0) {
            return null;
        }
        byte[] sps = null;
        byte[] pps = null;
        int p = data.readerIndex();
        int end = data.writerIndex();
        while (p + 4 <= end) {
            long len = data.getUnsignedInt(p);
            if (len == 0 || len > end - p - 4) {
                return null;
            }
            int type = data.getByte(p + 4) & 0x1F;
            if (type == NAL_SPS && sps == null) {
                sps = new byte[(int) len];
                data.getBytes(p + 4, sps);
            } else if (type == NAL_PPS && pps == null) {
                pps = new byte[(int) len];
                data.getBytes(p + 4, pps);
            }
            p += 4 + (int) len;
        }
        if (sps == null || pps == null || sps.length < 4) {
            return earlierAvcC == null ? null : TrackFormat.h264(earlierAvcC, width, height);
        }
        try {
            return TrackFormat.h264(AvcConfigurationRecord.build(sps, pps), width, height);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** MSB-first bit reader over a buffer's readable bytes; reading past the end yields zeros. */
    private static final class BitReader {
        private final ByteBuf buf;
        private final long limit;
        private long pos;

        BitReader(ByteBuf buf) {
            this.buf = buf;
            this.pos = (long) buf.readerIndex() * 8;
            this.limit = (long) buf.writerIndex() * 8;
        }

        int bits(int n) {
            int v = 0;
            for (int i = 0; i < n; i++) {
                int bit = 0;
                if (pos < limit) {
                    bit = (buf.getByte((int) (pos >>> 3)) >> (7 - (int) (pos & 7))) & 1;
                }
                pos++;
                v = (v << 1) | bit;
            }
            return v;
        }

        boolean overrun() {
            return pos > limit;
        }
    }
}

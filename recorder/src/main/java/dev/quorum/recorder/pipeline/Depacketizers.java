package dev.quorum.recorder.pipeline;

import dev.quorum.rtp.codec.Codec;
import dev.quorum.rtp.codec.Depacketizer;
import dev.quorum.rtp.codec.h264.H264Depacketizer;
import dev.quorum.rtp.codec.opus.OpusDepacketizer;
import dev.quorum.rtp.codec.vp8.Vp8Depacketizer;
import dev.quorum.rtp.codec.vp9.Vp9Depacketizer;
import io.netty.buffer.ByteBufAllocator;

/** The rtp module's depacketizer for each codec the recorder writes. */
final class Depacketizers {

    /**
     * The avcC for the parameter sets an H.264 depacketizer has seen, for a keyframe that did not
     * carry them itself; null for other codecs or before both were seen.
     */
    static byte[] avcConfiguration(Depacketizer d) {
        return d instanceof H264Depacketizer h ? h.decoderConfigurationRecord() : null;
    }

    private Depacketizers() {}

    /** A new depacketizer for {@code codec}, or null when the recorder cannot write it. */
    static Depacketizer create(Codec codec, Depacketizer.Listener listener, ByteBufAllocator alloc) {
        return switch (codec) {
            case OPUS -> new OpusDepacketizer(listener);
            case VP8 -> new Vp8Depacketizer(listener, alloc);
            // Every spatial layer: an SVC picture is recorded whole, as a VP9 superframe.
            case VP9 -> new Vp9Depacketizer(listener, alloc, Vp9Depacketizer.ALL_LAYERS);
            case H264 -> new H264Depacketizer(listener, alloc);
            case AV1 -> null;
        };
    }
}

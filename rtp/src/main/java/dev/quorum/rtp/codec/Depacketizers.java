package dev.quorum.rtp.codec;

import dev.quorum.rtp.codec.av1.Av1Depacketizer;
import dev.quorum.rtp.codec.h264.H264Depacketizer;
import dev.quorum.rtp.codec.opus.OpusDepacketizer;
import dev.quorum.rtp.codec.vp8.Vp8Depacketizer;
import dev.quorum.rtp.codec.vp9.Vp9Depacketizer;
import io.netty.buffer.ByteBufAllocator;

/** Creates the depacketizer for a negotiated codec, with the defaults a per-track recording wants. */
public final class Depacketizers {

    private Depacketizers() {}

    /**
     * A depacketizer for {@code codec}: every VP9 spatial layer, AV1 without temporal delimiters
     * (as Matroska stores it), Opus unwrapping RED when {@code redPayloadType} is not -1.
     */
    public static Depacketizer create(
            Codec codec, Depacketizer.Listener listener, ByteBufAllocator alloc, int redPayloadType) {
        return switch (codec) {
            case OPUS -> new OpusDepacketizer(listener, redPayloadType);
            case VP8 -> new Vp8Depacketizer(listener, alloc);
            case VP9 -> new Vp9Depacketizer(listener, alloc);
            case H264 -> new H264Depacketizer(listener, alloc);
            case AV1 -> new Av1Depacketizer(listener, alloc);
        };
    }
}

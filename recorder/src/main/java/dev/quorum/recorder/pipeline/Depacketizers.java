package dev.quorum.recorder.pipeline;

import dev.quorum.rtp.codec.Codec;
import dev.quorum.rtp.codec.Depacketizer;
import dev.quorum.rtp.codec.opus.OpusDepacketizer;
import dev.quorum.rtp.codec.vp8.Vp8Depacketizer;
import io.netty.buffer.ByteBufAllocator;

/** The rtp module's depacketizer for each codec the recorder writes. */
final class Depacketizers {

    private Depacketizers() {}

    /** A new depacketizer for {@code codec}, or null when there is none. */
    static Depacketizer create(Codec codec, Depacketizer.Listener listener, ByteBufAllocator alloc) {
        return switch (codec) {
            case OPUS -> new OpusDepacketizer(listener);
            case VP8 -> new Vp8Depacketizer(listener, alloc);
            default -> null;
        };
    }
}

package dev.quorum.recorder.testing;

import dev.quorum.sfu.tap.TrackSink;
import io.netty.buffer.ByteBuf;

/** Lends packets to a sink as the SFU does: the caller owns the buffer and releases it after the call. */
public final class Lend {

    private Lend() {}

    /** Lends {@code packet} to {@code sink}, then releases it. */
    public static void rtp(TrackSink sink, ByteBuf packet, long arrivalNanos) {
        try {
            sink.onRtp(packet, arrivalNanos);
        } finally {
            packet.release();
        }
    }
}

package dev.quorum.sfu.transport;

import dev.quorum.sfu.transport.srtp.SrtpSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * Buffers the SRTP layer can transform in place: heap buffers (jitsi-srtp works on arrays) with
 * at least {@link #TAILROOM} writable bytes after the packet for the authentication tag and the
 * SRTCP index. The forwarding engine allocates outgoing packets here so that
 * {@link Transport#sendRtp} neither copies nor grows them.
 *
 * <p>Decrypted packets handed to {@link Transport.Listener#onRtp} already satisfy this (the
 * removed tag leaves its room behind), so a packet forwarded to a single receiver needs no new
 * buffer; each additional receiver needs its own copy, because protecting encrypts in place.
 */
public final class MediaBuffers {

    /** Writable bytes an outgoing packet must have beyond its end. */
    public static final int TAILROOM = 32;

    /** The allocator of the media port: pooled heap buffers. */
    public static final ByteBufAllocator ALLOCATOR = new PooledByteBufAllocator(false);

    static {
        if (TAILROOM < SrtpSession.MAX_OVERHEAD) {
            throw new AssertionError("tailroom smaller than the largest SRTP overhead");
        }
    }

    private MediaBuffers() {}

    /** An empty heap buffer for a packet of up to {@code packetLength} bytes plus the tailroom. */
    public static ByteBuf allocate(int packetLength) {
        return ALLOCATOR.heapBuffer(packetLength + TAILROOM);
    }

    /**
     * A copy of {@code packet}'s readable bytes in a new buffer with tailroom, e.g. one per
     * receiver when fanning out. Borrows {@code packet}; the caller owns the result.
     */
    public static ByteBuf copyOf(ByteBuf packet) {
        ByteBuf copy = allocate(packet.readableBytes());
        copy.writeBytes(packet, packet.readerIndex(), packet.readableBytes());
        return copy;
    }

    /** Whether {@code packet} can be protected in place without growing or copying. Borrows it. */
    public static boolean isTransformable(ByteBuf packet) {
        return packet.hasArray() && packet.maxFastWritableBytes() >= SrtpSession.MAX_OVERHEAD;
    }
}

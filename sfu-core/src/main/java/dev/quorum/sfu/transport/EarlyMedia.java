package dev.quorum.sfu.transport;

import io.netty.buffer.ByteBuf;

/**
 * SRTP that arrives while the DTLS handshake is finishing. A browser sends media the moment its
 * side of DTLS completes, which can be before our worker has handed the keys to the event loop;
 * dropping those packets would lose the first keyframe. A few are held and replayed once the
 * keys are in place. Loop-confined; holds the buffers it is given until drained or cleared.
 */
final class EarlyMedia {

    private final ByteBuf[] packets;
    private final PacketKind[] kinds;
    private final long[] arrivals;
    private int count;

    EarlyMedia(int capacity) {
        packets = new ByteBuf[capacity];
        kinds = new PacketKind[capacity];
        arrivals = new long[capacity];
    }

    /** Keeps {@code packet} (takes ownership) if there is room; false otherwise (caller keeps it). */
    boolean hold(PacketKind kind, ByteBuf packet, long arrivalNanos) {
        if (count == packets.length) {
            return false;
        }
        packets[count] = packet;
        kinds[count] = kind;
        arrivals[count] = arrivalNanos;
        count++;
        return true;
    }

    /**
     * Hands each held packet, in arrival order and with the time it arrived (not the time it is
     * replayed), to {@code sink}, which takes ownership.
     */
    void drainTo(Sink sink) {
        int n = count;
        count = 0;
        for (int i = 0; i < n; i++) {
            ByteBuf p = packets[i];
            packets[i] = null;
            sink.accept(kinds[i], p, arrivals[i]);
        }
    }

    /** Releases every held packet; returns how many there were. */
    int clear() {
        int n = count;
        for (int i = 0; i < n; i++) {
            packets[i].release();
            packets[i] = null;
        }
        count = 0;
        return n;
    }

    interface Sink {
        void accept(PacketKind kind, ByteBuf packet, long arrivalNanos);
    }
}

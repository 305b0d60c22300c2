package dev.quorum.bench.load;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One participant's subscriber connection seen from the receiving end: per forwarded stream
 * (the SSRCs of the server's offer) the packets received and the highest sequence number, so
 * gaps after SRTP unprotect count as loss; and the latency of each packet, from the send time at
 * the end of its payload to its decryption here. Written by the peer's reader thread only, read
 * at any time by the reporter.
 */
final class StreamReceiver implements LoadPeer.Listener {

    private static final int TIMESTAMP_BYTES = 8;

    // Given.
    private final int[] ssrcs;
    // Owned; each element has one writer (the reader thread).
    private final long[] highest;
    private final AtomicLongArray received;
    private final AtomicLongArray expected;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final LatencyHistogram latency = new LatencyHistogram();

    /** @param ssrcs the SSRCs the server's offer announced for the streams forwarded to us */
    StreamReceiver(int[] ssrcs) {
        this.ssrcs = ssrcs.clone();
        this.highest = new long[ssrcs.length];
        this.received = new AtomicLongArray(ssrcs.length);
        this.expected = new AtomicLongArray(ssrcs.length);
    }

    int streams() {
        return ssrcs.length;
    }

    /** Borrows {@code packet}. */
    @Override
    public void onRtp(ByteBuf packet, long receivedNanos) {
        int at = packet.readerIndex();
        int length = packet.readableBytes();
        int ssrc = packet.getInt(at + 8);
        int stream = indexOf(ssrc);
        if (stream < 0) {
            unknown.lazySet(unknown.get() + 1);
            return;
        }
        int seq = packet.getUnsignedShort(at + 2);
        long count = received.get(stream);
        if (count == 0) {
            highest[stream] = seq;
            expected.lazySet(stream, 1);
        } else {
            long previous = highest[stream];
            // Extend the 16-bit sequence number around the highest one seen (RFC 3550 A.1).
            long extended = (previous & ~0xFFFFL) | seq;
            if (extended < previous - 0x8000) {
                extended += 0x10000;
            } else if (extended > previous + 0x8000) {
                extended -= 0x10000;
            }
            if (extended > previous) {
                expected.lazySet(stream, expected.get(stream) + (extended - previous));
                highest[stream] = extended;
            }
        }
        received.lazySet(stream, count + 1);
        bytes.lazySet(bytes.get() + length);
        boolean padded = (packet.getByte(at) & 0x20) != 0;
        if (!padded && length >= 12 + TIMESTAMP_BYTES) {
            latency.record(receivedNanos - packet.getLong(at + length - TIMESTAMP_BYTES));
        }
    }

    private int indexOf(int ssrc) {
        for (int i = 0; i < ssrcs.length; i++) {
            if (ssrcs[i] == ssrc) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void onRtcp(ByteBuf packet) {}

    /** Adds this receiver's running totals into {@code into}. */
    void addTo(Totals into) {
        for (int i = 0; i < ssrcs.length; i++) {
            long r = received.get(i);
            into.packets += r;
            into.expected += expected.get(i);
            if (r > 0) {
                into.streamsFlowing++;
            }
        }
        into.streams += ssrcs.length;
        into.bytes += bytes.get();
        into.unknown += unknown.get();
        latency.addTo(into.latency);
    }

    /** Running totals over receivers; differences of two give an interval. */
    static final class Totals {
        long packets;
        long expected;
        long bytes;
        long unknown;
        int streams;
        int streamsFlowing;
        final long[] latency = new long[LatencyHistogram.BUCKETS];
    }
}

package dev.quorum.sfu.room.rtcp;

import dev.quorum.rtp.SequenceNumberUnwrapper;
import dev.quorum.rtp.rtcp.TransportWideFeedbackWriter;
import io.netty.buffer.ByteBuf;

/**
 * Arrival times of a publisher transport's packets by transport-wide sequence number, turned into
 * transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §3.1): the base sequence number, each packet received or not, the reference time in 64 ms units
 * and each received packet's arrival delta in 250 µs units. The publisher's congestion controller
 * ramps its bitrate up only if it gets this feedback. Each feedback covers the packets since the
 * previous one, losses included; a packet that arrives after its number was reported is not
 * reported again. Pure
 * state without allocation per packet; {@link #nextFeedback} fills this object's arrays and
 * {@link #writeFeedback} writes them as an RTCP packet, also without allocating.
 */
public final class TwccRecorder {

    /** Packets one feedback covers at most (keeps it well under the MTU). */
    public static final int MAX_PACKETS = 400;

    private static final int WINDOW = 1 << 13;
    private static final long NOT_RECEIVED = Long.MIN_VALUE;
    private static final long TICK_NANOS = 250_000;
    private static final long REFERENCE_UNIT_NANOS = 64_000_000;

    private final SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
    private final long[] arrivals = new long[WINDOW];
    private long nextToReport = Long.MIN_VALUE;
    private long highest = Long.MIN_VALUE;
    private int feedbackCount;

    // The feedback built by nextFeedback.
    private int baseSequence;
    private int packetCount;
    private int referenceTime;
    private int feedbackPacketCount;
    private final boolean[] received = new boolean[MAX_PACKETS];
    private final int[] deltas = new int[MAX_PACKETS];

    public TwccRecorder() {
        java.util.Arrays.fill(arrivals, NOT_RECEIVED);
    }

    /** A packet with this transport-wide sequence number (16 bits) arrived. */
    public void record(int transportSequence, long arrivalNanos) {
        long seq = unwrapper.unwrap(transportSequence);
        if (nextToReport == Long.MIN_VALUE) {
            nextToReport = seq;
        }
        if (seq < nextToReport) {
            return;
        }
        if (seq - nextToReport >= WINDOW) {
            // Far ahead of what was reported: skip the unreported gap rather than report stale slots.
            clear(nextToReport, Math.min(highest, nextToReport + WINDOW - 1));
            nextToReport = seq;
            highest = Long.MIN_VALUE;
        }
        arrivals[(int) (seq & (WINDOW - 1))] = arrivalNanos;
        if (highest == Long.MIN_VALUE || seq > highest) {
            highest = seq;
        }
    }

    /** True if packets arrived that no feedback has covered yet. */
    public boolean hasPending() {
        return highest != Long.MIN_VALUE && highest >= nextToReport;
    }

    /**
     * Builds the next feedback from the unreported packets (at most {@link #MAX_PACKETS}, ending
     * early if an arrival delta does not fit 16 bits); read it with the getters.
     *
     * @return false if there is nothing to report
     */
    public boolean nextFeedback() {
        if (!hasPending()) {
            return false;
        }
        long firstReceived = nextToReport;
        while (firstReceived <= highest && arrivals[(int) (firstReceived & (WINDOW - 1))] == NOT_RECEIVED) {
            firstReceived++;
        }
        if (firstReceived > highest) {
            return false;
        }
        // Start right after the previous feedback so that a packet lost just after it is reported
        // as lost (the sender's loss estimate counts only reported losses); a very long leading gap
        // is cut so the feedback still fits.
        long first = Math.max(nextToReport, firstReceived - MAX_PACKETS / 2);
        long firstArrival = arrivals[(int) (firstReceived & (WINDOW - 1))];
        long reference = Math.floorDiv(firstArrival, REFERENCE_UNIT_NANOS);
        long previous = reference * REFERENCE_UNIT_NANOS;
        baseSequence = (int) (first & 0xFFFF);
        referenceTime = (int) (reference & 0xFFFFFF);
        feedbackPacketCount = feedbackCount++ & 0xFF;
        int n = 0;
        long seq = first;
        long lastReceivedEnd = first;
        while (seq <= highest && n < MAX_PACKETS) {
            int slot = (int) (seq & (WINDOW - 1));
            long arrival = arrivals[slot];
            if (arrival == NOT_RECEIVED) {
                received[n] = false;
                deltas[n] = 0;
            } else {
                long delta = Math.floorDiv(arrival - previous, TICK_NANOS);
                if (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE) {
                    break;
                }
                received[n] = true;
                deltas[n] = (int) delta;
                previous += delta * TICK_NANOS;
                lastReceivedEnd = seq + 1;
            }
            n++;
            seq++;
        }
        // A feedback ends with a received packet; trailing losses wait for the next one.
        packetCount = (int) (lastReceivedEnd - first);
        clear(nextToReport, lastReceivedEnd - 1);
        nextToReport = lastReceivedEnd;
        return true;
    }

    private void clear(long from, long to) {
        for (long s = from; s <= to; s++) {
            arrivals[(int) (s & (WINDOW - 1))] = NOT_RECEIVED;
        }
    }

    /** An upper bound of the bytes {@link #writeFeedback} writes for the built feedback. */
    public int maxFeedbackLength() {
        return TransportWideFeedbackWriter.maxEncodedLength(packetCount);
    }

    /**
     * Appends the feedback {@link #nextFeedback} built as one transport-cc RTCP packet at
     * {@code dst}'s writer index. Borrows {@code dst}.
     */
    public void writeFeedback(long senderSsrc, long mediaSsrc, ByteBuf dst) {
        TransportWideFeedbackWriter.write(
                dst,
                senderSsrc,
                mediaSsrc,
                baseSequence,
                referenceTime,
                feedbackPacketCount,
                received,
                deltas,
                packetCount);
    }

    /** Base sequence number of the built feedback. */
    public int baseSequence() {
        return baseSequence;
    }

    /** Packet status count: packets covered, received or not. */
    public int packetCount() {
        return packetCount;
    }

    /** Reference time in multiples of 64 ms (24 bits). */
    public int referenceTime() {
        return referenceTime;
    }

    /** Feedback packet count (8 bits, increments per feedback). */
    public int feedbackPacketCount() {
        return feedbackPacketCount;
    }

    /** Whether packet {@code i} (0-based from the base) was received. */
    public boolean received(int i) {
        return received[i];
    }

    /**
     * Arrival delta of received packet {@code i} in 250 µs units from the previous received packet
     * (the first from the reference time): 0..255 fits the one-byte "small delta" form, anything
     * else needs the two-byte signed form.
     */
    public int delta(int i) {
        return deltas[i];
    }
}

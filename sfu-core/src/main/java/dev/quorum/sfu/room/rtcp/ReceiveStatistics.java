package dev.quorum.sfu.room.rtcp;

/**
 * Reception statistics of one received stream for its RTCP report block (RFC 3550 §6.4.1,
 * computed as in appendices A.3 and A.8): extended highest sequence number, cumulative and
 * fractional loss since the last report, interarrival jitter, and the last sender report's
 * timestamp with the delay since it arrived. Pure state; the caller passes unwrapped sequence
 * numbers and times.
 */
public final class ReceiveStatistics {

    private final int clockRate;
    private boolean started;
    private long baseSequence;
    private long highestSequence;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private boolean haveTransit;
    private long lastSrNtpMiddle;
    private long lastSrArrivalNanos = Long.MIN_VALUE;

    // The last computed report block.
    private int fractionLost;
    private int cumulativeLost;

    public ReceiveStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    /**
     * A media packet arrived (retransmissions pass {@code retransmitted}: they count as received
     * but say nothing about jitter).
     */
    public void received(long sequence, long rtpTimestamp, long arrivalNanos, boolean retransmitted) {
        if (!started) {
            started = true;
            baseSequence = sequence;
            highestSequence = sequence;
        } else if (sequence > highestSequence) {
            highestSequence = sequence;
        }
        received++;
        if (retransmitted) {
            return;
        }
        long arrival = arrivalNanos / 1000 * clockRate / 1_000_000;
        long transit = arrival - rtpTimestamp;
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            if (d < (long) clockRate * 10) {
                jitter += (d - jitter) / 16.0;
            }
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /** The publisher's sender report arrived: {@code ntp} is its 64-bit NTP timestamp. */
    public void senderReport(long ntp, long arrivalNanos) {
        lastSrNtpMiddle = (ntp >>> 16) & 0xFFFFFFFFL;
        lastSrArrivalNanos = arrivalNanos;
    }

    public boolean started() {
        return started;
    }

    /**
     * Closes the reporting interval: computes fraction and cumulative loss (read them with the
     * getters) for a report block sent now.
     */
    public void closeInterval() {
        long expected = highestSequence - baseSequence + 1;
        long lost = expected - received;
        cumulativeLost = (int) Math.max(-0x800000, Math.min(0x7FFFFF, lost));
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        fractionLost = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
    }

    /** Fraction lost in the last interval, in 1/256. */
    public int fractionLost() {
        return Math.min(255, fractionLost);
    }

    /** Packets lost since the start (24-bit signed). */
    public int cumulativeLost() {
        return cumulativeLost;
    }

    /** Extended highest sequence number received (32 bits). */
    public long extendedHighestSequence() {
        return highestSequence & 0xFFFFFFFFL;
    }

    /** Interarrival jitter in RTP timestamp units. */
    public long jitter() {
        return (long) jitter;
    }

    /** LSR: the middle 32 bits of the last SR's NTP timestamp, 0 if none arrived. */
    public long lastSenderReport() {
        return lastSrArrivalNanos == Long.MIN_VALUE ? 0 : lastSrNtpMiddle;
    }

    /** DLSR: the delay since the last SR arrived, in 1/65536 s, 0 if none arrived. */
    public long delaySinceLastSenderReport(long nowNanos) {
        if (lastSrArrivalNanos == Long.MIN_VALUE) {
            return 0;
        }
        return Math.min(0xFFFFFFFFL, (nowNanos - lastSrArrivalNanos) * 65536 / 1_000_000_000L);
    }
}

package dev.quorum.sfu.room.forward;

import dev.quorum.rtp.SequenceNumberUnwrapper;

/**
 * Outgoing sequence numbers of one forwarded stream for one subscriber. The subscriber must see
 * one gap-free sequence although the source changes (a simulcast layer switch starts a new
 * source "run") and although the engine does not forward some packets (padding-only probes): a
 * gap the subscriber would NACK in vain. Within a run, {@code out = runStartOut + (in - runStart)
 * - (packets dropped before in)}; reordered and retransmitted packets therefore map to the same
 * number they would have had in order. Pure state; one per subscription.
 */
public final class SeqRewriter {

    private static final int MAX_DROPPED = 64;

    private final SequenceNumberUnwrapper in = new SequenceNumberUnwrapper();
    private final long[] dropped = new long[MAX_DROPPED];
    private int droppedCount;
    private boolean started;
    private boolean needsRebase = true;
    private long runStartIn;
    private long runStartOut;
    private long highestOut;

    /** @param initial the first outgoing sequence number (random, RFC 3550 §5.1) */
    public SeqRewriter(int initial) {
        this.highestOut = (initial & 0xFFFF) - 1;
    }

    /** The next forwarded packet starts a new source run and follows the last one sent. */
    public void rebase() {
        needsRebase = true;
    }

    /** True until the first packet of a run has been rewritten. */
    public boolean needsRebase() {
        return needsRebase;
    }

    /**
     * The outgoing sequence number of a packet to forward, or -1 if the packet precedes the
     * current run (a late packet of the source we switched away from) and must not be sent.
     */
    public int rewrite(int sequenceNumber) {
        if (needsRebase) {
            in.reset();
            runStartIn = in.unwrap(sequenceNumber);
            runStartOut = highestOut + 1;
            droppedCount = 0;
            needsRebase = false;
            started = true;
        }
        long unwrapped = in.unwrap(sequenceNumber);
        if (unwrapped < runStartIn) {
            return -1;
        }
        long out = runStartOut + (unwrapped - runStartIn) - droppedBefore(unwrapped);
        if (out > highestOut) {
            highestOut = out;
        }
        return (int) (out & 0xFFFF);
    }

    /**
     * A packet of the current run that is not forwarded; later packets close the gap it leaves.
     * Ignored before the run started.
     */
    public void drop(int sequenceNumber) {
        if (needsRebase || !started) {
            return;
        }
        long unwrapped = in.unwrap(sequenceNumber);
        if (unwrapped < runStartIn) {
            return;
        }
        if (droppedCount == MAX_DROPPED) {
            // Fold the oldest drop into the run's base: only packets older than it map differently.
            runStartOut--;
            System.arraycopy(dropped, 1, dropped, 0, MAX_DROPPED - 1);
            droppedCount--;
        }
        int i = droppedCount;
        while (i > 0 && dropped[i - 1] > unwrapped) {
            dropped[i] = dropped[i - 1];
            i--;
        }
        if (i > 0 && dropped[i - 1] == unwrapped) {
            System.arraycopy(dropped, i + 1, dropped, i, droppedCount - i);
            return;
        }
        dropped[i] = unwrapped;
        droppedCount++;
    }

    private int droppedBefore(long unwrapped) {
        int n = 0;
        for (int i = 0; i < droppedCount && dropped[i] < unwrapped; i++) {
            n++;
        }
        return n;
    }

    /** The newest outgoing sequence number sent, or -1 before the first. */
    public int highest() {
        return started ? (int) (highestOut & 0xFFFF) : -1;
    }
}

package dev.quorum.sfu.room;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Picks the room's dominant speaker from the publishers' audio levels (RFC 6464 ssrc-audio-level:
 * 0 dBov loudest … 127 silence). Levels are smoothed per participant; the decision is taken every
 * {@link #DECISION_INTERVAL_NANOS} with hysteresis, so a cough does not steal the floor: a
 * challenger must be louder than a still-speaking dominant speaker by {@link #MARGIN} for two
 * decisions in a row. After {@link #SILENCE_NANOS} without speech the room has no dominant
 * speaker. Pure state; the caller passes the time.
 */
final class DominantSpeaker {

    static final long DECISION_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Smoothed loudness (127 - dBov) above which a participant counts as speaking (≈ -60 dBov). */
    static final double SPEAKING = 67;

    static final double MARGIN = 6;
    private static final double SMOOTHING = 0.15;
    private static final long STALE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** One participant's smoothed loudness. */
    static final class Voice {
        final String participantSid;
        double loudness;
        long lastNanos = Long.MIN_VALUE;

        Voice(String participantSid) {
            this.participantSid = participantSid;
        }
    }

    private final Map<String, Voice> voices = new LinkedHashMap<>();
    private String current;
    private String challenger;
    private int challengerWins;
    private long lastDecisionNanos = Long.MIN_VALUE;
    private long lastSpeechNanos = Long.MIN_VALUE;
    private boolean changed;

    /** The participant's voice entry (created on first use), to feed levels without a lookup. */
    Voice voice(String participantSid) {
        return voices.computeIfAbsent(participantSid, Voice::new);
    }

    void level(String participantSid, int dBov, long nowNanos) {
        level(voice(participantSid), dBov, nowNanos);
    }

    /** One packet's level. Does not allocate. */
    void level(Voice v, int dBov, long nowNanos) {
        double loud = 127 - Math.max(0, Math.min(127, dBov));
        v.loudness = v.lastNanos == Long.MIN_VALUE ? loud : v.loudness + SMOOTHING * (loud - v.loudness);
        v.lastNanos = nowNanos;
    }

    void remove(String participantSid) {
        voices.remove(participantSid);
        if (participantSid.equals(current)) {
            current = null;
            changed = true;
        }
        if (participantSid.equals(challenger)) {
            challenger = null;
            challengerWins = 0;
        }
    }

    void tick(long nowNanos) {
        if (lastDecisionNanos != Long.MIN_VALUE && nowNanos - lastDecisionNanos < DECISION_INTERVAL_NANOS) {
            return;
        }
        lastDecisionNanos = nowNanos;
        Voice loudest = null;
        Voice dominant = null;
        for (Voice v : voices.values()) {
            double loud = loudness(v, nowNanos);
            if (loud >= SPEAKING && (loudest == null || loud > loudness(loudest, nowNanos))) {
                loudest = v;
            }
            if (v.participantSid.equals(current)) {
                dominant = v;
            }
        }
        if (loudest != null) {
            lastSpeechNanos = nowNanos;
        }
        if (loudest == null) {
            challenger = null;
            challengerWins = 0;
            if (current != null && lastSpeechNanos != Long.MIN_VALUE && nowNanos - lastSpeechNanos >= SILENCE_NANOS) {
                set(null);
            }
            return;
        }
        if (loudest.participantSid.equals(current)) {
            challenger = null;
            challengerWins = 0;
            return;
        }
        boolean dominantSpeaking = dominant != null && loudness(dominant, nowNanos) >= SPEAKING;
        if (!dominantSpeaking) {
            set(loudest.participantSid);
            return;
        }
        if (loudness(loudest, nowNanos) < loudness(dominant, nowNanos) + MARGIN) {
            challenger = null;
            challengerWins = 0;
            return;
        }
        if (loudest.participantSid.equals(challenger)) {
            challengerWins++;
        } else {
            challenger = loudest.participantSid;
            challengerWins = 1;
        }
        if (challengerWins >= 2) {
            set(loudest.participantSid);
        }
    }

    private static double loudness(Voice v, long nowNanos) {
        return v.lastNanos == Long.MIN_VALUE || nowNanos - v.lastNanos > STALE_NANOS ? 0 : v.loudness;
    }

    private void set(String sid) {
        challenger = null;
        challengerWins = 0;
        if (sid == null ? current != null : !sid.equals(current)) {
            current = sid;
            changed = true;
        }
    }

    /** The dominant speaker's participant SID, or null. */
    String current() {
        return current;
    }

    /** True once after the dominant speaker changed. */
    boolean changed() {
        boolean c = changed;
        changed = false;
        return c;
    }
}

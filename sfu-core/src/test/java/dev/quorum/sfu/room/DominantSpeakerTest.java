package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DominantSpeakerTest {

    private static final long MS = 1_000_000;
    private final DominantSpeaker d = new DominantSpeaker();
    private long now;

    /** {@code millis} of 20 ms packets at these levels (dBov; 127 = silence). */
    private void talk(long millis, int alice, int bob) {
        for (long t = 0; t < millis; t += 20) {
            now += 20 * MS;
            d.level("alice", alice, now);
            d.level("bob", bob, now);
            d.tick(now);
        }
    }

    @Test
    void theLoudestSpeakerBecomesDominant() {
        talk(600, 30, 127);
        assertThat(d.current()).isEqualTo("alice");
        assertThat(d.changed()).isTrue();
        assertThat(d.changed()).isFalse();
    }

    @Test
    void aBriefLouderBurstDoesNotStealTheFloor() {
        talk(600, 40, 127);
        d.changed();
        talk(300, 40, 20);
        assertThat(d.current()).isEqualTo("alice");
        talk(1200, 40, 20);
        assertThat(d.current()).isEqualTo("bob");
        assertThat(d.changed()).isTrue();
    }

    @Test
    void whenTheDominantSpeakerStopsTheNextOneTakesOverAndSilenceClearsIt() {
        talk(600, 30, 127);
        talk(600, 127, 50);
        assertThat(d.current()).isEqualTo("bob");
        talk(3000, 127, 127);
        assertThat(d.current()).isNull();
    }

    @Test
    void aParticipantWhoLeftIsNoLongerDominant() {
        talk(600, 30, 127);
        d.changed();
        d.remove("alice");
        assertThat(d.current()).isNull();
        assertThat(d.changed()).isTrue();
    }
}

package dev.quorum.sfu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingRuleTest {

    private static boolean recorded(List<RecordingRule> rules, TrackKind kind, String identity, String name) {
        return RecordingRule.recorded(rules, kind, "PA1", identity, "MT1", name);
    }

    @Test
    void emptyRulesRecordNothing() {
        assertThat(recorded(List.of(), TrackKind.AUDIO, "alice", "mic")).isFalse();
    }

    @Test
    void includeAllThenExcludeVideoRecordsOnlyAudio() {
        List<RecordingRule> rules = List.of(
                new RecordingRule(true, true, null, null, null),
                new RecordingRule(false, false, TrackKind.VIDEO, null, null));
        assertThat(recorded(rules, TrackKind.AUDIO, "alice", "mic")).isTrue();
        assertThat(recorded(rules, TrackKind.VIDEO, "alice", "cam")).isFalse();
    }

    @Test
    void filtersInsideOneRuleAreAnded() {
        List<RecordingRule> rules = List.of(new RecordingRule(true, false, TrackKind.VIDEO, "alice", null));
        assertThat(recorded(rules, TrackKind.VIDEO, "alice", "cam")).isTrue();
        assertThat(recorded(rules, TrackKind.VIDEO, "bob", "cam")).isFalse();
        assertThat(recorded(rules, TrackKind.AUDIO, "alice", "mic")).isFalse();
    }

    @Test
    void publisherMatchesSidAndTrackMatchesSid() {
        assertThat(new RecordingRule(true, false, null, "PA1", null)
                        .matches(TrackKind.AUDIO, "PA1", "alice", "MT1", "mic"))
                .isTrue();
        assertThat(new RecordingRule(true, false, null, null, "MT1")
                        .matches(TrackKind.AUDIO, "PA1", "alice", "MT1", "mic"))
                .isTrue();
    }

    @Test
    void allCannotBeCombined() {
        assertThatThrownBy(() -> new RecordingRule(true, true, TrackKind.AUDIO, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordingRule(true, false, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sidsHaveTheHostedFormat() {
        String sid = Sid.generate(Sid.ROOM);
        assertThat(sid).hasSize(34).startsWith("RM").matches("RM[0-9a-f]{32}");
        assertThat(Sid.is(Sid.ROOM, sid)).isTrue();
        assertThat(Sid.is(Sid.TRACK, sid)).isFalse();
        assertThat(Sid.isAny("RM0123")).isFalse();
    }
}

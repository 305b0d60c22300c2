package dev.quorum.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class DropCountersTest {

    @Test
    void countsEachReasonUnderItsOwnTag() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DropCounters<RtpError> drops =
                new DropCounters<>(registry, "quorum.rtp.dropped", RtpError.class, Tags.of("direction", "inbound"));
        drops.increment(RtpError.BAD_VERSION);
        drops.increment(RtpError.BAD_VERSION);
        drops.increment(RtpError.TRUNCATED_HEADER);
        assertThat(drops.count(RtpError.BAD_VERSION)).isEqualTo(2);
        assertThat(registry.get("quorum.rtp.dropped")
                        .tags("reason", "bad_version", "direction", "inbound")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("quorum.rtp.dropped")
                        .tag("reason", "truncated_header")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("quorum.rtp.dropped").counters()).hasSize(RtpError.values().length);
    }
}

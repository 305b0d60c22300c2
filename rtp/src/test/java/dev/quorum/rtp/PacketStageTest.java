package dev.quorum.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PacketStageTest {

    @Test
    void countsInOutAndEachReasonUnderTheStageTag() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PacketStage<RtpError> stage = new PacketStage<>(
                registry, "parse", RtpError.class, EnumSet.of(RtpError.BAD_VERSION, RtpError.TRUNCATED_HEADER));
        stage.in();
        stage.in();
        stage.in();
        stage.out();
        stage.drop(RtpError.BAD_VERSION);
        stage.inAndDrop(RtpError.TRUNCATED_HEADER);

        assertThat(registry.get("quorum.packets")
                        .tags("stage", "parse", "direction", "in")
                        .counter()
                        .count())
                .isEqualTo(4);
        assertThat(registry.get("quorum.packets")
                        .tags("stage", "parse", "direction", "out")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("quorum.packets.dropped")
                        .tags("stage", "parse", "reason", "bad_version")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(stage.dropped(RtpError.TRUNCATED_HEADER)).isEqualTo(1);
        assertThat(registry.get("quorum.packets.dropped").counters()).hasSize(2);
        assertThatThrownBy(() -> stage.drop(RtpError.BAD_PADDING)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void twoInstancesOfOneStageShareTheirCounters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PacketStage<RtpError> a = PacketStage.of(registry, "parse", RtpError.class);
        PacketStage<RtpError> b = PacketStage.of(registry, "parse", RtpError.class);
        a.in();
        b.in();
        assertThat(a.countIn()).isEqualTo(2);
    }
}

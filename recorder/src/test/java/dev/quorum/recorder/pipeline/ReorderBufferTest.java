package dev.quorum.recorder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {

    private static final long MS = 1_000_000;
    private final List<String> events = new ArrayList<>();
    private final ReorderBuffer buffer = new ReorderBuffer(16, 100 * MS);
    private final ReorderBuffer.Output out = new ReorderBuffer.Output() {
        @Override
        public void onPacket(ByteBuf packet, long sequence, long arrivalNanos) {
            events.add(String.valueOf(sequence));
            packet.release();
        }

        @Override
        public void onLoss(long first, long count) {
            events.add("lost " + first + "+" + count);
        }
    };

    @AfterEach
    void releaseHeld() {
        buffer.clear();
    }

    @Test
    void inOrderPacketsPassStraightThrough() {
        insert(10, 0);
        insert(11, 1);
        insert(12, 2);
        assertThat(events).containsExactly("10", "11", "12");
        assertThat(buffer.held()).isZero();
    }

    @Test
    void reorderedPacketsAreReleasedInSequence() {
        insert(10, 0);
        insert(12, 1);
        insert(13, 2);
        assertThat(events).containsExactly("10");
        insert(11, 3);
        assertThat(events).containsExactly("10", "11", "12", "13");
    }

    @Test
    void aHoleIsDeclaredLostOnlyAfterTheWindow() {
        insert(10, 0);
        insert(12, 5 * MS);
        buffer.poll(104 * MS, out);
        assertThat(events).containsExactly("10");
        buffer.poll(105 * MS, out);
        assertThat(events).containsExactly("10", "lost 11+1", "12");
    }

    @Test
    void aPacketArrivingAfterItsHoleWasGivenUpIsLate() {
        insert(10, 0);
        insert(12, 0);
        buffer.poll(200 * MS, out);
        assertThat(insert(11, 201 * MS)).isEqualTo(ReorderBuffer.Outcome.LATE);
        assertThat(events).containsExactly("10", "lost 11+1", "12");
    }

    @Test
    void duplicatesAreDroppedWhetherHeldOrAlreadyReleased() {
        insert(10, 0);
        insert(12, 0);
        assertThat(insert(12, 1)).isEqualTo(ReorderBuffer.Outcome.DUPLICATE);
        assertThat(insert(10, 1)).isEqualTo(ReorderBuffer.Outcome.LATE);
        insert(11, 2);
        assertThat(events).containsExactly("10", "11", "12");
    }

    @Test
    void aPacketTooFarAheadForcesOldHolesOut() {
        insert(10, 0);
        insert(12, 0);
        insert(40, 0);
        assertThat(events).containsExactly("10", "lost 11+1", "12", "lost 13+12");
        assertThat(buffer.next()).isEqualTo(25);
        assertThat(buffer.held()).isEqualTo(1);
    }

    @Test
    void flushReleasesEverythingWithTheHolesBetween() {
        insert(10, 0);
        insert(13, 0);
        insert(15, 0);
        buffer.flush(out);
        assertThat(events).containsExactly("10", "lost 11+2", "13", "lost 14+1", "15");
        assertThat(buffer.held()).isZero();
    }

    @Test
    void clearReleasesHeldPacketsAndStartsOver() {
        insert(10, 0);
        insert(12, 0);
        buffer.clear();
        insert(500, 0);
        assertThat(events).containsExactly("10", "500");
    }

    private ReorderBuffer.Outcome insert(long seq, long arrival) {
        ByteBuf p = Unpooled.buffer(4).writeInt((int) seq);
        return buffer.insert(p, seq, arrival, out);
    }
}

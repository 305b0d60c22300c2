package dev.quorum.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.rtp.testing.Hex;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PacketCacheTest {

    private final List<ByteBuf> sent = new ArrayList<>();
    private final RtpPacket view = new RtpPacket();

    /** Sends a packet: the cache keeps it, the sender releases its own reference, as the transport would. */
    private boolean send(PacketCache cache, int seq, long now) {
        ByteBuf buf = new RtpPacketBuilder()
                .payloadType(96)
                .sequenceNumber(seq)
                .timestamp(seq * 10L)
                .payload(new byte[] {(byte) seq})
                .build(Hex.alloc());
        sent.add(buf);
        try {
            view.wrap(buf);
            return cache.put(view, now);
        } finally {
            buf.release();
        }
    }

    @AfterEach
    void everyPacketIsReleased() {
        assertThat(sent).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    @Test
    void returnsACachedPacketByItsSequenceNumber() {
        try (PacketCache cache = new PacketCache(100)) {
            assertThat(cache.capacity()).isEqualTo(128);
            send(cache, 7, 1_000);
            RtpPacket found = new RtpPacket();
            assertThat(cache.get(7, found)).isTrue();
            assertThat(found.sequenceNumber()).isEqualTo(7);
            assertThat(found.timestamp()).isEqualTo(70);
            assertThat(cache.storedAtNanos(7)).isEqualTo(1_000);
            assertThat(cache.get(8, found)).isFalse();
            assertThat(cache.storedAtNanos(8)).isEqualTo(-1);
            assertThat(cache.size()).isEqualTo(1);
        }
        assertThat(sent.get(0).refCnt())
                .as("closing releases the cached packet")
                .isZero();
    }

    @Test
    void aNewerPacketEvictsTheOneACapacityOlderAcrossTheWrap() {
        try (PacketCache cache = new PacketCache(16)) {
            for (int i = 0; i < 40; i++) {
                send(cache, (65520 + i) & 0xFFFF, i);
            }
            assertThat(cache.size()).isEqualTo(16);
            assertThat(cache.contains(65535)).isFalse();
            assertThat(cache.contains(8)).isTrue();
            assertThat(cache.contains(23)).isTrue();
            assertThat(sent.subList(0, 24))
                    .allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
            assertThat(sent.subList(24, 40))
                    .allSatisfy(buf -> assertThat(buf.refCnt()).isEqualTo(1));
        }
    }

    @Test
    void anOlderPacketOrADuplicateDoesNotReplaceTheSlot() {
        try (PacketCache cache = new PacketCache(16)) {
            assertThat(send(cache, 100, 0)).isTrue();
            assertThat(send(cache, 84, 0)).as("older than the slot's packet").isFalse();
            assertThat(send(cache, 100, 5)).as("duplicate").isFalse();
            assertThat(cache.storedAtNanos(100)).isZero();
            assertThat(cache.contains(84)).isFalse();
        }
    }

    @Test
    void aRetainedSliceOutlivesEviction() {
        try (PacketCache cache = new PacketCache(1)) {
            send(cache, 1, 0);
            ByteBuf copy = cache.retainedSlice(1);
            send(cache, 2, 0);
            assertThat(cache.contains(1)).isFalse();
            assertThat(cache.retainedSlice(1)).isNull();
            assertThat(new RtpPacket().wrap(copy)).isInstanceOf(RtpPacket.class);
            assertThat(copy.getByte(12)).isEqualTo((byte) 1);
            copy.release();
        }
    }

    @Test
    void clearReleasesAndCloseForbidsFurtherUse() {
        PacketCache cache = new PacketCache(8);
        send(cache, 1, 0);
        cache.clear();
        assertThat(cache.size()).isZero();
        assertThat(sent.get(0).refCnt()).isZero();
        cache.close();
        cache.close();
        assertThatThrownBy(() -> send(cache, 2, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void capacityIsBounded() {
        assertThatThrownBy(() -> new PacketCache(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacketCache(PacketCache.MAX_CAPACITY + 1))
                .isInstanceOf(IllegalArgumentException.class);
        try (PacketCache cache = new PacketCache(PacketCache.MAX_CAPACITY)) {
            assertThat(cache.capacity()).isEqualTo(PacketCache.MAX_CAPACITY);
        }
    }
}

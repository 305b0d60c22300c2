package dev.quorum.sfu.room.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RetransmissionBufferTest {

    @Test
    void keepsTheLastPacketsAndReleasesWhatItReplaces() {
        RetransmissionBuffer b = new RetransmissionBuffer(16);
        ByteBuf first = Unpooled.buffer(10);
        b.put(65530, first.retain(), 0, 10, 1000, true, 12, 3, 0);
        int slot = b.find(65530);
        assertThat(slot).isNotNegative();
        assertThat(b.timestamp(slot)).isEqualTo(1000);
        assertThat(b.marker(slot)).isTrue();
        assertThat(b.pictureId(slot)).isEqualTo(12);
        assertThat(b.tl0PicIdx(slot)).isEqualTo(3);
        assertThat(b.offset(slot)).isZero();
        assertThat(b.length(slot)).isEqualTo(10);
        assertThat(b.find(65531)).isEqualTo(-1);
        // 16 later the same slot is reused: the old packet is released.
        b.put((65530 + 16) & 0xFFFF, Unpooled.buffer(10), 0, 10, 2000, false, -1, -1, 0);
        assertThat(first.refCnt()).isEqualTo(1);
        assertThat(b.find(65530)).isEqualTo(-1);
        first.release();
        b.close();
    }

    @Test
    void aRepeatedNackWithinTheIntervalIsNotAnsweredTwice() {
        RetransmissionBuffer b = new RetransmissionBuffer(16);
        b.put(7, Unpooled.buffer(4), 0, 4, 0, false, -1, -1, 0);
        int slot = b.find(7);
        assertThat(b.markResent(slot, 1_000, 100)).isTrue();
        assertThat(b.markResent(slot, 1_050, 100)).isFalse();
        assertThat(b.markResent(slot, 1_100, 100)).isTrue();
        b.close();
    }

    @Test
    void packetsOlderThanTheWindowAreReleasedOldestFirstAndTheNewestStays() {
        RetransmissionBuffer b = new RetransmissionBuffer(16);
        ByteBuf[] sent = new ByteBuf[6];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = Unpooled.buffer(4);
            // 65533 .. 2: across the wrap; sent 10 ns apart, 65535 skipped (never sent).
            int seq = (65533 + i + (i >= 2 ? 1 : 0)) & 0xFFFF;
            b.put(seq, sent[i].retain(), 0, 4, 0, false, -1, -1, i * 10L);
        }
        b.expire(25); // releases what was put at 0, 10 and 20
        assertThat(sent[0].refCnt()).isEqualTo(1);
        assertThat(sent[1].refCnt()).isEqualTo(1);
        assertThat(sent[2].refCnt()).isEqualTo(1);
        assertThat(b.find(65533)).isEqualTo(-1);
        assertThat(b.find(0)).isEqualTo(-1);
        assertThat(sent[3].refCnt()).isEqualTo(2);
        assertThat(b.find(1)).isNotNegative();
        assertThat(b.find(2)).isNotNegative();
        b.expire(1_000); // everything is older; the newest stays
        assertThat(sent[3].refCnt()).isEqualTo(1);
        assertThat(sent[4].refCnt()).isEqualTo(1);
        assertThat(sent[5].refCnt()).isEqualTo(2);
        assertThat(b.find(3)).isNotNegative();
        // A later packet makes the newest expirable, and the cache goes on filling.
        ByteBuf next = Unpooled.buffer(4);
        b.put(4, next.retain(), 0, 4, 0, false, -1, -1, 2_000);
        b.expire(1_500);
        assertThat(sent[5].refCnt()).isEqualTo(1);
        assertThat(b.find(4)).isNotNegative();
        b.close();
        assertThat(next.refCnt()).isEqualTo(1);
        for (ByteBuf s : sent) {
            s.release();
        }
        next.release();
    }

    @Test
    void closeReleasesEverything() {
        RetransmissionBuffer b = new RetransmissionBuffer(16);
        ByteBuf p = Unpooled.buffer(4);
        b.put(1, p.retain(), 0, 4, 0, false, -1, -1, 0);
        b.put(2, p.retain(), 0, 4, 0, false, -1, -1, 0);
        b.close();
        assertThat(p.refCnt()).isEqualTo(1);
        p.release();
    }
}

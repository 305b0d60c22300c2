package dev.quorum.rtp.codec.vp8;

import static dev.quorum.rtp.testing.Packets.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.codec.Codec;
import dev.quorum.rtp.codec.PayloadError;
import dev.quorum.rtp.testing.CollectingListener;
import dev.quorum.rtp.testing.Hex;
import dev.quorum.rtp.testing.Packets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Vp8DepacketizerTest {

    /** Keyframe tag, start code and 320x240. */
    private static final byte[] KEY = Hex.bytes("50 2D 00 | 9D 01 2A | 40 01 | F0 00 | AA BB CC");

    private static final byte[] INTER = Hex.bytes("31 0A 00 | 11 22 33");

    private final CollectingListener out = new CollectingListener();
    private final Vp8Depacketizer vp8 = new Vp8Depacketizer(out, Hex.alloc());

    @AfterEach
    void close() {
        vp8.close();
    }

    /** Descriptor with S, PID=0 (when start) and a 15-bit PictureID. */
    private static byte[] descriptor(boolean start, int pictureId) {
        return new byte[] {(byte) (start ? 0x90 : 0x80), (byte) 0x80, (byte) (0x80 | pictureId >> 8), (byte) pictureId};
    }

    private void send(int seq, long ts, boolean marker, boolean start, int pictureId, byte[] data) {
        Packets.push(vp8, 96, seq, ts, marker, concat(descriptor(start, pictureId), data));
    }

    @Test
    void aSinglePacketKeyframeIsEmittedWithoutItsDescriptorAndWithItsSize() {
        send(1, 3000, true, true, 0, KEY);
        assertThat(out.frames).hasSize(1);
        var frame = out.frames.get(0);
        assertThat(frame.data()).isEqualTo(KEY);
        assertThat(frame.keyframe()).isTrue();
        assertThat(frame.width()).isEqualTo(320);
        assertThat(frame.height()).isEqualTo(240);
        assertThat(frame.timestamp()).isEqualTo(3000);
        assertThat(vp8.codec()).isEqualTo(Codec.VP8);
    }

    @Test
    void concatenatesAFrameSpreadOverPacketsAcrossTheSequenceWrap() {
        send(65534, 3000, false, true, 7, slice(KEY, 0, 4));
        send(65535, 3000, false, false, 7, slice(KEY, 4, 9));
        send(0, 3000, true, false, 7, slice(KEY, 9, KEY.length));
        send(1, 6000, true, true, 8, INTER);
        assertThat(out.frames).extracting(f -> Hex.dump(f.data())).containsExactly(Hex.dump(KEY), Hex.dump(INTER));
        assertThat(out.frames.get(1).keyframe()).isFalse();
        assertThat(out.frames.get(1).width()).isZero();
        assertThat(out.totalDrops()).isZero();
    }

    @Test
    void aNewTimestampEndsAFrameWhoseMarkerNeverCame() {
        send(10, 3000, false, true, 1, KEY);
        send(11, 6000, true, true, 2, INTER);
        assertThat(out.frames).extracting(CollectingListener.Emitted::timestamp).containsExactly(3000L, 6000L);
    }

    @Test
    void aGapInsideAFrameDropsItAndWaitsForTheNextKeyframe() {
        send(1, 3000, true, true, 1, KEY);
        send(2, 6000, false, true, 2, slice(INTER, 0, 2));
        send(4, 6000, true, false, 2, slice(INTER, 2, INTER.length));
        send(5, 9000, true, true, 3, INTER);
        send(6, 12000, true, true, 4, KEY);
        assertThat(out.frames).extracting(CollectingListener.Emitted::timestamp).containsExactly(3000L, 12000L);
        assertThat(out.dropped(PayloadError.FRAME_INCOMPLETE)).isEqualTo(1);
        assertThat(out.dropped(PayloadError.MISSING_FRAME_START))
                .as("the tail of the dropped frame is skipped")
                .isZero();
        assertThat(out.dropped(PayloadError.WAITING_FOR_KEYFRAME)).isEqualTo(1);
        assertThat(out.keyframeRequests).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aGapBetweenFramesIsHarmlessWhenThePictureIdsAreConsecutive() {
        send(1, 3000, true, true, 32767, KEY);
        // 2 and 3 were padding packets, lost.
        send(4, 6000, true, true, 0, INTER);
        assertThat(out.frames).hasSize(2);
        assertThat(out.keyframeRequests).isZero();
    }

    @Test
    void aGapBetweenFramesThatSkipsAPictureWaitsForAKeyframe() {
        send(1, 3000, true, true, 5, KEY);
        send(3, 9000, true, true, 7, INTER);
        assertThat(out.frames).hasSize(1);
        assertThat(out.dropped(PayloadError.WAITING_FOR_KEYFRAME)).isEqualTo(1);
        assertThat(out.keyframeRequests).isEqualTo(1);
    }

    @Test
    void theStreamStartsAtTheFirstKeyframeAndAsksForOne() {
        send(1, 3000, true, true, 1, INTER);
        send(2, 6000, true, true, 2, KEY);
        assertThat(out.frames).extracting(CollectingListener.Emitted::timestamp).containsExactly(6000L);
        assertThat(out.keyframeRequests).isEqualTo(1);
    }

    @Test
    void aDuplicatedPacketNeverEmitsAFrameTwice() {
        send(1, 3000, true, true, 1, KEY);
        send(1, 3000, true, true, 1, KEY);
        send(0, 0, true, true, 0, KEY);
        assertThat(out.frames).hasSize(1);
        assertThat(out.dropped(PayloadError.DUPLICATE_OR_LATE)).isEqualTo(2);
    }

    @Test
    void joiningMidFrameDropsTheTailWithoutEmitting() {
        send(1, 3000, true, false, 1, slice(KEY, 5, KEY.length));
        send(2, 6000, true, true, 2, KEY);
        assertThat(out.frames).hasSize(1);
        assertThat(out.dropped(PayloadError.MISSING_FRAME_START)).isEqualTo(1);
    }

    @Test
    void paddingOnlyPacketsAreSkippedWithoutBreakingTheFrame() {
        send(1, 3000, false, true, 1, slice(KEY, 0, 5));
        Packets.push(
                vp8,
                new dev.quorum.rtp.RtpPacketBuilder()
                        .payloadType(96)
                        .sequenceNumber(2)
                        .timestamp(3000)
                        .padding(100)
                        .build(Hex.alloc()));
        send(3, 3000, true, false, 1, slice(KEY, 5, KEY.length));
        assertThat(out.frames).extracting(f -> Hex.dump(f.data())).containsExactly(Hex.dump(KEY));
    }

    @Test
    void aTruncatedDescriptorIsDroppedAndCounted() {
        send(1, 3000, true, true, 1, KEY);
        Packets.push(vp8, 96, 2, 6000, true, Hex.bytes("90 80"));
        assertThat(out.dropped(PayloadError.VP8_TRUNCATED_DESCRIPTOR)).isEqualTo(1);
    }

    @Test
    void closingReleasesAPartialFrameAndDropsLaterPackets() {
        send(1, 3000, false, true, 1, KEY);
        vp8.close();
        send(2, 3000, true, false, 1, KEY);
        assertThat(out.frames).isEmpty();
        assertThat(out.dropped(PayloadError.CLOSED)).isEqualTo(1);
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }
}

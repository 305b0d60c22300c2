package dev.quorum.rtp.codec.vp9;

import static dev.quorum.rtp.testing.Packets.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.codec.PayloadError;
import dev.quorum.rtp.testing.CollectingListener;
import dev.quorum.rtp.testing.Hex;
import dev.quorum.rtp.testing.Packets;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Vp9DepacketizerTest {

    /** Uncompressed headers: profile 0 keyframes of the given size, and an inter frame. */
    private static final byte[] KEY_320X240 = Hex.bytes("82 49 83 42 20 13 F0 0E F0 | 11 22 33");

    private static final byte[] KEY_320X180 = Hex.bytes("82 49 83 42 20 13 F0 0B 30 | 44 55");
    private static final byte[] INTER = Hex.bytes("86 00 11 22");
    /** Layer 1 of a key picture: an inter frame predicted from layer 0. */
    private static final byte[] LAYER1 = Hex.bytes("86 77 88 99 AA");

    private final CollectingListener out = new CollectingListener();

    /** Non-flexible descriptor with picture ID, layer indices and TL0PICIDX. */
    private static byte[] descriptor(boolean predicted, boolean begin, boolean end, int pictureId, int sid) {
        int b0 = 0x80 | 0x20 | (predicted ? 0x40 : 0) | (begin ? 0x08 : 0) | (end ? 0x04 : 0);
        return new byte[] {(byte) b0, (byte) (0x80 | pictureId >> 8), (byte) pictureId, (byte) (sid << 1), 0};
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    @Test
    void aSingleLayerKeyframeOverTwoPacketsTakesItsSizeFromTheHeader() {
        Vp9Depacketizer vp9 = new Vp9Depacketizer(out, Hex.alloc());
        Packets.push(vp9, 98, 1, 3000, false, concat(descriptor(false, true, false, 1, 0), slice(KEY_320X240, 0, 5)));
        Packets.push(vp9, 98, 2, 3000, true, concat(descriptor(false, false, true, 1, 0), slice(KEY_320X240, 5, 12)));
        Packets.push(vp9, 98, 3, 6000, true, concat(descriptor(true, true, true, 2, 0), INTER));
        vp9.close();
        assertThat(out.frames).hasSize(2);
        assertThat(out.frames.get(0).data()).isEqualTo(KEY_320X240);
        assertThat(out.frames.get(0).keyframe()).isTrue();
        assertThat(out.frames.get(0).width()).isEqualTo(320);
        assertThat(out.frames.get(0).height()).isEqualTo(240);
        assertThat(out.frames.get(1).keyframe()).isFalse();
    }

    @Test
    void aNonPredictedDescriptorOverAnInterFrameIsNotAKeyframe() {
        Vp9Depacketizer vp9 = new Vp9Depacketizer(out, Hex.alloc());
        Packets.push(vp9, 98, 1, 3000, true, concat(descriptor(false, true, true, 1, 0), KEY_320X240));
        Packets.push(vp9, 98, 2, 6000, true, concat(descriptor(false, true, true, 2, 0), INTER));
        vp9.close();
        assertThat(out.frames).extracting(CollectingListener.Emitted::keyframe).containsExactly(true, false);
    }

    @Test
    void twoSpatialLayersBecomeASuperframe() {
        Vp9Depacketizer vp9 = new Vp9Depacketizer(out, Hex.alloc());
        sendSvcKeyPicture(vp9);
        vp9.close();
        assertThat(out.frames).hasSize(1);
        var frame = out.frames.get(0);
        byte[] index = {(byte) 0xC1, (byte) KEY_320X180.length, (byte) LAYER1.length, (byte) 0xC1};
        assertThat(Hex.dump(frame.data())).isEqualTo(Hex.dump(concat(KEY_320X180, LAYER1, index)));
        assertThat(frame.keyframe()).isTrue();
        assertThat(frame.width()).isEqualTo(640);
        assertThat(frame.height()).isEqualTo(360);
    }

    @Test
    void aTargetLayerKeepsOnlyTheLayersUpToIt() {
        Vp9Depacketizer vp9 = new Vp9Depacketizer(out, Hex.alloc(), 0);
        sendSvcKeyPicture(vp9);
        vp9.close();
        assertThat(out.frames).hasSize(1);
        assertThat(out.frames.get(0).data()).isEqualTo(KEY_320X180);
        assertThat(out.frames.get(0).width()).isEqualTo(320);
        assertThat(out.frames.get(0).height()).isEqualTo(180);
    }

    private static void sendSvcKeyPicture(Vp9Depacketizer vp9) {
        byte[] ss = Hex.bytes("""
                38          // N_S=1, Y=1, G=1
                01 40 00 B4 // 320x180
                02 80 01 68 // 640x360
                00          // N_G=0
                """);
        byte[] base = descriptor(false, true, true, 9, 0);
        base[0] |= 0x02;
        Packets.push(vp9, 98, 1, 3000, false, concat(base, ss, KEY_320X180));
        byte[] upper = descriptor(false, true, true, 9, 1);
        upper[3] |= 0x01;
        Packets.push(vp9, 98, 2, 3000, true, concat(upper, LAYER1));
    }

    @Test
    void aLayerFrameThatIsASuperframeIsFlattened() {
        Vp9Depacketizer vp9 = new Vp9Depacketizer(out, Hex.alloc());
        byte[] hidden = Hex.bytes("84 AA BB");
        byte[] inner = concat(hidden, INTER, new byte[] {(byte) 0xC1, 3, 4, (byte) 0xC1});
        Packets.push(vp9, 98, 1, 3000, true, concat(descriptor(false, true, true, 1, 0), KEY_320X180));
        Packets.push(vp9, 98, 2, 6000, false, concat(descriptor(true, true, true, 2, 0), inner));
        Packets.push(vp9, 98, 3, 6000, true, concat(descriptor(true, true, true, 2, 1), LAYER1));
        vp9.close();
        assertThat(out.frames).hasSize(2);
        byte[] index = {(byte) 0xC2, 3, 4, 5, (byte) 0xC2};
        assertThat(Hex.dump(out.frames.get(1).data())).isEqualTo(Hex.dump(concat(hidden, INTER, LAYER1, index)));
    }

    @Test
    void aSingleLayerSuperframePassesThroughUnchanged() {
        Vp9Depacketizer vp9 = new Vp9Depacketizer(out, Hex.alloc());
        byte[] superframe = concat(KEY_320X180, INTER, new byte[] {(byte) 0xC1, 11, 4, (byte) 0xC1});
        Packets.push(vp9, 98, 1, 3000, true, concat(descriptor(false, true, true, 1, 0), superframe));
        vp9.close();
        assertThat(out.frames.get(0).data()).isEqualTo(superframe);
        assertThat(out.frames.get(0).keyframe()).isTrue();
    }

    @Test
    void aGapInsideAPictureDropsItAndWaitsForAKeyframe() {
        Vp9Depacketizer vp9 = new Vp9Depacketizer(out, Hex.alloc());
        Packets.push(vp9, 98, 1, 3000, true, concat(descriptor(false, true, true, 1, 0), KEY_320X240));
        Packets.push(vp9, 98, 2, 6000, false, concat(descriptor(true, true, false, 2, 0), slice(INTER, 0, 2)));
        Packets.push(vp9, 98, 4, 6000, true, concat(descriptor(true, false, true, 2, 0), slice(INTER, 2, 4)));
        Packets.push(vp9, 98, 5, 9000, true, concat(descriptor(true, true, true, 3, 0), INTER));
        Packets.push(vp9, 98, 6, 12000, true, concat(descriptor(false, true, true, 4, 0), KEY_320X240));
        vp9.close();
        assertThat(out.frames).extracting(CollectingListener.Emitted::timestamp).containsExactly(3000L, 12000L);
        assertThat(out.dropped(PayloadError.FRAME_INCOMPLETE)).isEqualTo(1);
        assertThat(out.dropped(PayloadError.WAITING_FOR_KEYFRAME)).isEqualTo(1);
    }

    @Test
    void moreThanEightFramesInAPictureIsRefused() {
        Vp9Depacketizer vp9 = new Vp9Depacketizer(out, Hex.alloc());
        for (int sid = 0; sid < 8; sid++) {
            Packets.push(vp9, 98, 1 + sid, 3000, false, concat(descriptor(false, true, true, 1, sid), KEY_320X180));
        }
        Packets.push(vp9, 98, 9, 3000, true, concat(descriptor(false, true, true, 1, 7), KEY_320X180));
        vp9.close();
        assertThat(out.frames).isEmpty();
        assertThat(out.dropped(PayloadError.VP9_SUPERFRAME_TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void superframeIndexReadAndWrite() {
        int[] sizes = {300, 70000};
        ByteBuf index = Hex.alloc().buffer();
        try {
            Vp9Superframe.writeIndex(sizes, 2, index);
            assertThat(Hex.dump(index)).isEqualTo("d1" + "2c0100" + "701101" + "d1");
            assertThat(Vp9Superframe.indexLength(sizes, 2)).isEqualTo(index.readableBytes());
        } finally {
            index.release();
        }
        ByteBuf notAnIndex = Hex.buf("C1 05 C2");
        try {
            assertThat(Vp9Superframe.readIndex(notAnIndex, 0, 3, new int[8])).isZero();
        } finally {
            notAnIndex.release();
        }
    }
}

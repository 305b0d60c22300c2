package dev.quorum.rtp.codec.opus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.codec.PayloadError;
import dev.quorum.rtp.testing.CollectingListener;
import dev.quorum.rtp.testing.Hex;
import dev.quorum.rtp.testing.Packets;
import io.netty.buffer.ByteBuf;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpusDepacketizerTest {

    private static final int OPUS = 111;
    private static final int RED = 63;

    private final CollectingListener out = new CollectingListener();

    static Stream<Arguments> tocs() {
        return Stream.of(
                Arguments.of("SILK NB 10 ms, code 0", "00 | AA", 480),
                Arguments.of("SILK WB 60 ms, code 0", "58 | AA", 2880),
                Arguments.of("Hybrid FB 20 ms, code 0", "78 | AA", 960),
                Arguments.of("CELT FB 20 ms, code 0 (Chrome's usual)", "FC | AA", 960),
                Arguments.of("CELT NB 2.5 ms, code 1", "81 | AA BB", 240),
                Arguments.of("CELT FB 20 ms, code 2", "FE | 01 AA BB", 1920),
                Arguments.of("SILK 20 ms, code 3 with 3 frames", "0B 03 | AA BB CC", 2880),
                Arguments.of("SILK 60 ms, code 3 with 2 frames = 120 ms", "1B 02 | AA", 5760));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tocs")
    void emitsEachPacketAsOneFrameWithItsDuration(String name, String payload, int samples) {
        OpusDepacketizer opus = new OpusDepacketizer(out);
        Packets.push(opus, OPUS, 1, 960, true, Hex.bytes(payload));
        assertThat(out.frames).hasSize(1);
        assertThat(out.frames.get(0).duration()).isEqualTo(samples);
        assertThat(out.frames.get(0).keyframe()).isTrue();
        assertThat(out.frames.get(0).data()).isEqualTo(Hex.bytes(payload));
    }

    static Stream<Arguments> badTocs() {
        return Stream.of(
                Arguments.of("code 3 without frame count", "03"),
                Arguments.of("code 3 with zero frames", "03 00"),
                Arguments.of("code 3 above 120 ms", "1B 03 | AA"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTocs")
    void dropsPacketsWithAnInvalidToc(String name, String payload) {
        OpusDepacketizer opus = new OpusDepacketizer(out);
        Packets.push(opus, OPUS, 1, 960, true, Hex.bytes(payload));
        assertThat(out.frames).isEmpty();
        assertThat(out.dropped(PayloadError.OPUS_BAD_TOC)).isEqualTo(1);
    }

    @Test
    void lossNeedsNoKeyframeAndDuplicatesAreDropped() {
        OpusDepacketizer opus = new OpusDepacketizer(out);
        Packets.push(opus, OPUS, 65535, 0xFFFFFC40L, true, Hex.bytes("FC 01"));
        Packets.push(opus, OPUS, 2, 0x780, true, Hex.bytes("FC 02"));
        Packets.push(opus, OPUS, 2, 0x780, true, Hex.bytes("FC 02"));
        assertThat(out.frames)
                .extracting(CollectingListener.Emitted::timestamp)
                .containsExactly(0xFFFFFC40L, (1L << 32) + 0x780);
        assertThat(out.keyframeRequests).isZero();
        assertThat(out.dropped(PayloadError.DUPLICATE_OR_LATE)).isEqualTo(1);
    }

    @Test
    void redYieldsItsPrimaryBlock() {
        OpusDepacketizer opus = new OpusDepacketizer(out, RED);
        Packets.push(opus, RED, 10, 9600, true, Hex.bytes("""
                // F=1 PT=111, ts offset 960, length 2
                EF | 0F 00 02
                6F          // F=0 PT=111: primary
                FC 01       // redundant: frame at 8640
                FC 02 03    // primary: frame at 9600
                """));
        assertThat(out.frames).hasSize(2);
        assertThat(out.frames.get(1).timestamp()).isEqualTo(9600);
        assertThat(out.frames.get(1).data()).isEqualTo(Hex.bytes("FC 02 03"));
    }

    @Test
    void redundantBlocksFillALossWithoutRepeatingFrames() {
        OpusDepacketizer opus = new OpusDepacketizer(out, RED);
        Packets.push(opus, RED, 10, 9600, true, primaryOnly("FC 0A"));
        // 11 (ts 10560) and 12 (ts 11520) lost; 13 carries both as redundancy.
        Packets.push(opus, RED, 13, 12480, true, Hex.bytes("""
                EF | 1E 00 02   // offset 1920 -> 10560
                EF | 0F 00 02   // offset 960 -> 11520
                6F
                FC 0B | FC 0C | FC 0D
                """));
        Packets.push(opus, RED, 14, 13440, true, Hex.bytes("""
                EF | 0F 00 02   // offset 960 -> 12480, already emitted
                6F
                FC 0D | FC 0E
                """));
        assertThat(out.frames)
                .extracting(CollectingListener.Emitted::timestamp)
                .containsExactly(9600L, 10560L, 11520L, 12480L, 13440L);
        assertThat(out.frames)
                .extracting(f -> f.data()[1])
                .containsExactly((byte) 0x0A, (byte) 0x0B, (byte) 0x0C, (byte) 0x0D, (byte) 0x0E);
    }

    @Test
    void aPlainOpusPacketOnARedStreamIsStillAFrame() {
        OpusDepacketizer opus = new OpusDepacketizer(out, RED);
        Packets.push(opus, OPUS, 1, 960, true, Hex.bytes("FC 01"));
        assertThat(out.frames).hasSize(1);
    }

    static Stream<Arguments> badRed() {
        return Stream.of(
                Arguments.of("header cut after F=1", "EF 0F", PayloadError.RED_TRUNCATED_HEADER),
                Arguments.of("no primary header", "EF 0F 00 02 | FC 01", PayloadError.RED_TRUNCATED_HEADER),
                Arguments.of(
                        "redundant block longer than payload",
                        "EF 0F 03 FF | 6F | FC 01",
                        PayloadError.RED_BLOCK_PAST_END));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRed")
    void malformedRedIsDroppedWithItsReason(String name, String payload, PayloadError reason) {
        OpusDepacketizer opus = new OpusDepacketizer(out, RED);
        Packets.push(opus, RED, 1, 960, true, Hex.bytes(payload));
        assertThat(out.frames).isEmpty();
        assertThat(out.dropped(reason)).isEqualTo(1);
    }

    @Test
    void framesShareThePacketMemoryUntilReleased() {
        OpusDepacketizer opus = new OpusDepacketizer(new dev.quorum.rtp.codec.Depacketizer.Listener() {
            @Override
            public void onFrame(dev.quorum.rtp.codec.Frame frame) {
                ByteBuf data = frame.data();
                assertThat(data.refCnt()).isEqualTo(1);
                assertThat(data.unwrap()).isNotNull();
                frame.release();
            }
        });
        Packets.push(opus, OPUS, 1, 960, true, Hex.bytes("FC 01"));
    }

    private static byte[] primaryOnly(String primary) {
        return Packets.concat(Hex.bytes("6F"), Hex.bytes(primary));
    }
}

package dev.quorum.rtp.codec.av1;

import static dev.quorum.rtp.testing.Packets.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.codec.PayloadError;
import dev.quorum.rtp.testing.CollectingListener;
import dev.quorum.rtp.testing.Hex;
import dev.quorum.rtp.testing.Packets;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AV1 payloads built by hand from the payload format's rules (aggregation header, OBU elements,
 * fragmentation). ffmpeg 5.1 cannot packetize AV1, so {@code Av1FfmpegStreamTest} checks the
 * rebuilt temporal units of a real libaom stream instead.
 */
class Av1DepacketizerTest {

    /** Sequence header payload from libaom for 320x240, profile 0. */
    static final byte[] SEQUENCE_HEADER_PAYLOAD = Hex.bytes("00 00 00 04 3c ff bc da f9 00 40");
    /** OBU header: sequence header, no extension, no size field. */
    private static final int SH = 0x08;
    /** OBU header: frame. */
    private static final int FRAME = 0x30;
    /** Frame payloads: first byte 0x10 = show_existing_frame 0, frame_type KEY; 0x30 = INTER. */
    private static final byte[] KEY_FRAME_PAYLOAD = Hex.bytes("10 AA BB CC DD EE");

    private static final byte[] INTER_FRAME_PAYLOAD = Hex.bytes("30 11 22");

    private final CollectingListener out = new CollectingListener();
    private final Av1Depacketizer av1 = new Av1Depacketizer(out, Hex.alloc());

    @AfterEach
    void close() {
        av1.close();
    }

    private static byte[] obu(int header, byte[] payload) {
        return concat(new byte[] {(byte) header}, payload);
    }

    /** The same OBU in the low-overhead format: size field set, size after the header. */
    private static byte[] sized(int header, byte[] payload) {
        return concat(new byte[] {(byte) (header | 0x02), (byte) payload.length}, payload);
    }

    private void send(int seq, long ts, boolean marker, String aggregationAndElements) {
        Packets.push(av1, 45, seq, ts, marker, Hex.bytes(aggregationAndElements));
    }

    @Test
    void twoElementsWithWTwoFormAKeyframeUnitWithSizeFields() {
        byte[] sh = obu(SH, SEQUENCE_HEADER_PAYLOAD);
        byte[] frame = obu(FRAME, KEY_FRAME_PAYLOAD);
        Packets.push(
                av1,
                45,
                1,
                3000,
                true,
                concat(
                        Hex.bytes("28"), // Z=0 Y=0 W=2 N=1
                        new byte[] {(byte) sh.length},
                        sh, // first element with its length
                        frame)); // last element runs to the end
        assertThat(out.frames).hasSize(1);
        var unit = out.frames.get(0);
        assertThat(Hex.dump(unit.data()))
                .isEqualTo(Hex.dump(concat(sized(SH, SEQUENCE_HEADER_PAYLOAD), sized(FRAME, KEY_FRAME_PAYLOAD))));
        assertThat(unit.keyframe()).isTrue();
        assertThat(unit.width()).isEqualTo(320);
        assertThat(unit.height()).isEqualTo(240);
        assertThat(av1.sequenceHeader()).isEqualTo(new Av1SequenceHeader(0, false, 320, 240));
    }

    @Test
    void aKeyframeIsRecognisedFromItsHeadersWithoutTheNBit() {
        byte[] sh = obu(SH, SEQUENCE_HEADER_PAYLOAD);
        byte[] frame = obu(FRAME, KEY_FRAME_PAYLOAD);
        Packets.push(
                av1,
                45,
                1,
                3000,
                true,
                concat(
                        Hex.bytes("00"), // W=0: every element has a length
                        new byte[] {(byte) sh.length},
                        sh,
                        new byte[] {(byte) frame.length},
                        frame));
        Packets.push(av1, 45, 2, 6000, true, concat(Hex.bytes("10"), obu(FRAME, INTER_FRAME_PAYLOAD)));
        assertThat(out.frames).extracting(CollectingListener.Emitted::keyframe).containsExactly(true, false);
        assertThat(out.frames.get(1).data()).isEqualTo(sized(FRAME, INTER_FRAME_PAYLOAD));
    }

    @Test
    void anObuFragmentedOverThreePacketsIsReassembled() {
        byte[] frame = obu(FRAME, INTER_FRAME_PAYLOAD);
        keyframeFirst();
        Packets.push(av1, 45, 2, 6000, false, concat(Hex.bytes("50"), Arrays.copyOfRange(frame, 0, 1))); // Y=1 W=1
        Packets.push(av1, 45, 3, 6000, false, concat(Hex.bytes("D0"), Arrays.copyOfRange(frame, 1, 2))); // Z=1 Y=1
        Packets.push(
                av1, 45, 4, 6000, true, concat(Hex.bytes("90"), Arrays.copyOfRange(frame, 2, frame.length))); // Z=1
        assertThat(out.frames).hasSize(2);
        assertThat(out.frames.get(1).data()).isEqualTo(sized(FRAME, INTER_FRAME_PAYLOAD));
        assertThat(out.totalDrops()).isZero();
    }

    @Test
    void anExtensionHeaderAndASenderSizeFieldAreKept() {
        keyframeFirst();
        // Frame OBU with extension (TID 1, SID 0) that already carries obu_size = 3.
        send(2, 6000, true, "10 | 36 20 03 30 11 22");
        assertThat(Hex.dump(out.frames.get(1).data())).isEqualTo("362003301122");
    }

    @Test
    void temporalDelimitersAreDroppedAndCanBeAddedBack() {
        Av1Depacketizer withDelimiter = new Av1Depacketizer(out, Hex.alloc(), true);
        byte[] sh = obu(SH, SEQUENCE_HEADER_PAYLOAD);
        byte[] frame = obu(FRAME, KEY_FRAME_PAYLOAD);
        Packets.push(
                withDelimiter,
                45,
                1,
                3000,
                true,
                concat(
                        Hex.bytes("38 | 01 10"), // W=3 N=1, TD element
                        new byte[] {(byte) sh.length},
                        sh,
                        frame));
        withDelimiter.close();
        assertThat(Hex.dump(out.frames.get(0).data()))
                .isEqualTo(
                        "1200" + Hex.dump(concat(sized(SH, SEQUENCE_HEADER_PAYLOAD), sized(FRAME, KEY_FRAME_PAYLOAD))));
    }

    @Test
    void aLostFragmentDropsTheUnitAndWaitsForAKeyframe() {
        byte[] frame = obu(FRAME, INTER_FRAME_PAYLOAD);
        keyframeFirst();
        Packets.push(av1, 45, 2, 6000, false, concat(Hex.bytes("50"), Arrays.copyOfRange(frame, 0, 1)));
        Packets.push(av1, 45, 4, 6000, true, concat(Hex.bytes("90"), Arrays.copyOfRange(frame, 2, frame.length)));
        Packets.push(av1, 45, 5, 9000, true, concat(Hex.bytes("10"), frame));
        assertThat(out.frames).hasSize(1);
        assertThat(out.dropped(PayloadError.FRAME_INCOMPLETE)).isEqualTo(1);
        assertThat(out.dropped(PayloadError.WAITING_FOR_KEYFRAME)).isEqualTo(1);
    }

    private void keyframeFirst() {
        byte[] sh = obu(SH, SEQUENCE_HEADER_PAYLOAD);
        Packets.push(
                av1,
                45,
                1,
                3000,
                true,
                concat(Hex.bytes("28"), new byte[] {(byte) sh.length}, sh, obu(FRAME, KEY_FRAME_PAYLOAD)));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("Z and N both set", "88 | 30 11", PayloadError.AV1_BAD_AGGREGATION_HEADER),
                Arguments.of("aggregation header only", "10", PayloadError.AV1_BAD_AGGREGATION_HEADER),
                Arguments.of(
                        "continuation without an open OBU", "90 | 30 11", PayloadError.AV1_CONTINUATION_WITHOUT_START),
                Arguments.of(
                        "leb128 longer than 8 bytes", "00 | 80 80 80 80 80 80 80 80 01", PayloadError.AV1_BAD_LEB128),
                Arguments.of("leb128 running off the payload", "00 | 80", PayloadError.AV1_BAD_LEB128),
                Arguments.of("element longer than the payload", "00 | 05 30 11", PayloadError.AV1_ELEMENT_PAST_END),
                Arguments.of("W=2 with one element", "20 | 02 30 11", PayloadError.AV1_ELEMENT_PAST_END),
                Arguments.of("forbidden bit", "10 | B0 11", PayloadError.AV1_BAD_OBU_HEADER),
                Arguments.of("empty OBU element", "00 | 00", PayloadError.AV1_BAD_OBU_HEADER),
                Arguments.of("extension byte missing", "10 | 34", PayloadError.AV1_BAD_OBU_HEADER),
                Arguments.of(
                        "obu_size disagreeing with the element",
                        "10 | 32 05 30 11",
                        PayloadError.AV1_OBU_SIZE_MISMATCH),
                Arguments.of(
                        "obu_size leb128 too long", "10 | 32 80 80 80 80 80 80 80 80", PayloadError.AV1_BAD_LEB128));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedPayloadsAreDroppedWithTheirReason(String name, String payload, PayloadError reason) {
        keyframeFirst();
        send(2, 6000, true, payload);
        assertThat(out.frames).hasSize(1);
        assertThat(out.dropped(reason)).isEqualTo(1);
    }

    @Test
    void aFragmentNotContinuedBreaksTheUnit() {
        keyframeFirst();
        send(2, 6000, false, "50 | 30");
        send(3, 6000, true, "10 | 30 11 22");
        assertThat(out.frames).hasSize(1);
        assertThat(out.dropped(PayloadError.AV1_FRAGMENT_NOT_CONTINUED)).isEqualTo(1);
    }

    @Test
    void aMarkerWithAnOpenFragmentBreaksTheUnit() {
        keyframeFirst();
        send(2, 6000, true, "50 | 30 11");
        assertThat(out.dropped(PayloadError.AV1_FRAGMENT_NOT_CONTINUED)).isEqualTo(1);
    }

    @Test
    void leb128EdgeValues() {
        for (long value : new long[] {0, 127, 128, 16383, 16384, 0xFFFFFFFFL}) {
            ByteBuf buf = Hex.alloc().buffer();
            try {
                Leb128.write(value, buf);
                assertThat(buf.readableBytes()).isEqualTo(Leb128.encodedLength(value));
                long read = Leb128.read(buf, 0, buf.writerIndex());
                assertThat(Integer.toUnsignedLong(Leb128.value(read))).isEqualTo(value);
                assertThat(Leb128.length(read)).isEqualTo(buf.readableBytes());
            } finally {
                buf.release();
            }
        }
        ByteBuf tooBig = Hex.buf("80 80 80 80 10");
        try {
            assertThat(Leb128.read(tooBig, 0, 5)).as("2^32 does not fit").isEqualTo(-1);
        } finally {
            tooBig.release();
        }
    }
}

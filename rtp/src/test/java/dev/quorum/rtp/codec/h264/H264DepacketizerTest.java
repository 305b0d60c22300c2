package dev.quorum.rtp.codec.h264;

import static dev.quorum.rtp.testing.Packets.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.codec.PayloadError;
import dev.quorum.rtp.testing.CollectingListener;
import dev.quorum.rtp.testing.Hex;
import dev.quorum.rtp.testing.Packets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class H264DepacketizerTest {

    private static final byte[] SPS = Hex.bytes(H264SequenceParameterSetTest.BASELINE_320X240);
    private static final byte[] PPS = Hex.bytes(H264SequenceParameterSetTest.BASELINE_320X240_PPS);
    /** IDR slice: header 0x65, first_mb_in_slice = 0 (bit '1'). */
    private static final byte[] IDR = Hex.bytes("65 88 84 00 11 22 33 44 55 66 77 88 99");
    /** Non-IDR slice, first_mb_in_slice = 0. */
    private static final byte[] P_SLICE = Hex.bytes("41 9A 02 03 04");
    /** Non-IDR slice starting at macroblock 1 (ue '010'): the second slice of a picture. */
    private static final byte[] P_SLICE_2 = Hex.bytes("41 40 05 06");

    private final CollectingListener out = new CollectingListener();
    private final H264Depacketizer h264 = new H264Depacketizer(out, Hex.alloc());

    @AfterEach
    void close() {
        h264.close();
    }

    private void send(int seq, long ts, boolean marker, byte[] payload) {
        Packets.push(h264, 102, seq, ts, marker, payload);
    }

    private static byte[] avcc(byte[]... nals) {
        byte[][] parts = new byte[nals.length * 2][];
        for (int i = 0; i < nals.length; i++) {
            parts[2 * i] = new byte[] {0, 0, (byte) (nals[i].length >> 8), (byte) nals[i].length};
            parts[2 * i + 1] = nals[i];
        }
        return concat(parts);
    }

    private static byte[] stapA(byte[]... nals) {
        byte[][] parts = new byte[nals.length * 2 + 1][];
        parts[0] = new byte[] {0x78};
        for (int i = 0; i < nals.length; i++) {
            parts[2 * i + 1] = new byte[] {(byte) (nals[i].length >> 8), (byte) nals[i].length};
            parts[2 * i + 2] = nals[i];
        }
        return concat(parts);
    }

    /** FU-A fragments of {@code nal} split after the given payload offsets. */
    private static byte[][] fuA(byte[] nal, int... cuts) {
        int indicator = (nal[0] & 0xE0) | 28;
        byte[][] fragments = new byte[cuts.length + 1][];
        int from = 1;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : nal.length;
            int header = (nal[0] & 0x1F) | (i == 0 ? 0x80 : 0) | (i == cuts.length ? 0x40 : 0);
            fragments[i] = concat(new byte[] {(byte) indicator, (byte) header}, Arrays.copyOfRange(nal, from, to));
            from = to;
        }
        return fragments;
    }

    @Test
    void singleNalPacketsBecomeOneLengthPrefixedAccessUnit() {
        send(1, 3000, false, SPS);
        send(2, 3000, false, PPS);
        send(3, 3000, true, IDR);
        assertThat(out.frames).hasSize(1);
        var frame = out.frames.get(0);
        assertThat(Hex.dump(frame.data())).isEqualTo(Hex.dump(avcc(SPS, PPS, IDR)));
        assertThat(frame.keyframe()).isTrue();
        assertThat(frame.width()).isEqualTo(320);
        assertThat(frame.height()).isEqualTo(240);
        assertThat(h264.sequenceParameterSet()).isEqualTo(SPS);
        assertThat(h264.pictureParameterSet()).isEqualTo(PPS);
        assertThat(h264.decoderConfigurationRecord()).isEqualTo(AvcDecoderConfigurationRecord.build(SPS, PPS));
    }

    @Test
    void stapAAndFuAGiveTheSameAccessUnit() {
        byte[][] fragments = fuA(IDR, 4, 9);
        send(1, 3000, false, stapA(SPS, PPS));
        send(2, 3000, false, fragments[0]);
        send(3, 3000, false, fragments[1]);
        send(4, 3000, true, fragments[2]);
        send(5, 6000, true, P_SLICE);
        assertThat(out.frames)
                .extracting(f -> Hex.dump(f.data()))
                .containsExactly(Hex.dump(avcc(SPS, PPS, IDR)), Hex.dump(avcc(P_SLICE)));
        assertThat(out.frames.get(1).keyframe()).isFalse();
        assertThat(out.totalDrops()).isZero();
    }

    @Test
    void aLostFragmentDropsTheUnitAndItsTailThenWaitsForAnIdr() {
        byte[][] fragments = fuA(IDR, 4, 9);
        send(1, 3000, true, stapA(SPS, PPS, IDR));
        send(2, 6000, false, fuA(P_SLICE, 2)[0]);
        send(4, 6000, true, P_SLICE_2);
        send(5, 9000, true, P_SLICE);
        send(6, 12000, false, fragments[0]);
        send(7, 12000, false, fragments[1]);
        send(8, 12000, true, fragments[2]);
        assertThat(out.frames).extracting(CollectingListener.Emitted::timestamp).containsExactly(3000L, 12000L);
        assertThat(out.dropped(PayloadError.FRAME_INCOMPLETE)).isEqualTo(1);
        assertThat(out.dropped(PayloadError.WAITING_FOR_KEYFRAME)).isEqualTo(1);
        assertThat(out.keyframeRequests).isPositive();
    }

    @Test
    void anAccessUnitWhoseFirstSliceIsMissingIsNeverEmitted() {
        send(1, 3000, true, stapA(SPS, PPS, IDR));
        // Packet 2 (first slice of the next picture) lost between frames; 3 holds the second slice.
        send(3, 6000, true, P_SLICE_2);
        assertThat(out.frames).hasSize(1);
        assertThat(out.dropped(PayloadError.MISSING_FRAME_START))
                .as("%s", out.drops)
                .isEqualTo(1);
    }

    @Test
    void aNewTimestampEndsAnAccessUnitWithoutMarker() {
        send(1, 3000, false, stapA(SPS, PPS, IDR));
        send(2, 6000, true, P_SLICE);
        assertThat(out.frames).extracting(CollectingListener.Emitted::timestamp).containsExactly(3000L, 6000L);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("forbidden bit", Hex.bytes("E5 88 00"), PayloadError.H264_FORBIDDEN_BIT),
                Arguments.of("STAP-B", Hex.bytes("79 00 01 00 02 65 88"), PayloadError.H264_UNSUPPORTED_NAL_TYPE),
                Arguments.of("FU-B", Hex.bytes("7D 85 00 01 88"), PayloadError.H264_UNSUPPORTED_NAL_TYPE),
                Arguments.of("NAL type 0", Hex.bytes("60 11"), PayloadError.H264_UNSUPPORTED_NAL_TYPE),
                Arguments.of("NAL type 30", Hex.bytes("7E 11"), PayloadError.H264_UNSUPPORTED_NAL_TYPE),
                Arguments.of("STAP-A without units", Hex.bytes("78"), PayloadError.H264_STAP_A_BAD_SIZE),
                Arguments.of("STAP-A unit of size 0", Hex.bytes("78 00 00 65 88"), PayloadError.H264_STAP_A_BAD_SIZE),
                Arguments.of(
                        "STAP-A unit past the end", Hex.bytes("78 00 05 65 88"), PayloadError.H264_STAP_A_BAD_SIZE),
                Arguments.of(
                        "STAP-A size cut in half", Hex.bytes("78 00 02 65 88 00"), PayloadError.H264_STAP_A_BAD_SIZE),
                Arguments.of("FU-A without its header", Hex.bytes("7C"), PayloadError.H264_TRUNCATED_NAL),
                Arguments.of("FU-A with S and E", Hex.bytes("7C C5 88"), PayloadError.H264_FU_A_BAD_HEADER),
                Arguments.of(
                        "FU-A continuation without start", Hex.bytes("7C 05 88"), PayloadError.H264_FU_A_WITHOUT_START),
                Arguments.of("FU-A end without start", Hex.bytes("7C 45 88"), PayloadError.H264_FU_A_WITHOUT_START));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedPayloadsAreDroppedWithTheirReason(String name, byte[] payload, PayloadError reason) {
        send(1, 3000, true, stapA(SPS, PPS, IDR));
        send(2, 6000, true, payload);
        send(3, 9000, true, P_SLICE);
        assertThat(out.frames).hasSize(1);
        assertThat(out.dropped(reason)).isEqualTo(1);
        assertThat(out.keyframeRequests).isPositive();
    }

    @Test
    void aSingleNalInsideAnOpenFragmentBreaksTheUnit() {
        send(1, 3000, false, fuA(IDR, 4)[0]);
        send(2, 3000, true, P_SLICE);
        assertThat(out.frames).isEmpty();
        assertThat(out.dropped(PayloadError.H264_FU_A_INCOMPLETE)).isEqualTo(1);
    }

    @Test
    void aFragmentChangingTypeMidwayIsRejected() {
        byte[][] fragments = fuA(IDR, 4);
        fragments[1][1] = (byte) ((fragments[1][1] & 0xE0) | 1);
        send(1, 3000, false, fragments[0]);
        send(2, 3000, true, fragments[1]);
        assertThat(out.dropped(PayloadError.H264_FU_A_BAD_HEADER)).isEqualTo(1);
    }

    @Test
    void aMarkerWithAnOpenFragmentDropsTheUnit() {
        send(1, 3000, true, fuA(IDR, 4)[0]);
        assertThat(out.frames).isEmpty();
        assertThat(out.dropped(PayloadError.H264_FU_A_INCOMPLETE)).isEqualTo(1);
    }
}

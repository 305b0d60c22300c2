package dev.quorum.recorder.mkv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EbmlTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 80",
        "126, fe",
        // 127 in one byte would be all ones, the reserved "unknown" pattern.
        "127, 407f",
        "16382, 7ffe",
        "16383, 203fff",
        "2097151, 101fffff",
    })
    void sizesUseTheShortestVintThatIsNotReserved(long size, String hex) {
        ByteBuf b = Unpooled.buffer();
        try {
            Ebml.writeSize(b, size);
            assertThat(ByteBufUtil.hexDump(b)).isEqualTo(hex);
            assertThat(Ebml.sizeLength(size)).isEqualTo(hex.length() / 2);
        } finally {
            b.release();
        }
    }

    @Test
    void eightByteSizesAndTheUnknownSizeArePatchable() {
        assertThat(Long.toHexString(Ebml.size8(5))).isEqualTo("100000000000005");
        assertThat(Long.toHexString(Ebml.UNKNOWN_SIZE)).isEqualTo("1ffffffffffffff");
        assertThatThrownBy(() -> Ebml.size8(Ebml.MAX_SIZE + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsKeepTheirMarkerBitsAndLength() {
        ByteBuf b = Unpooled.buffer();
        try {
            Ebml.writeId(b, MatroskaIds.SIMPLE_BLOCK);
            Ebml.writeId(b, MatroskaIds.DURATION);
            Ebml.writeId(b, MatroskaIds.TIMESTAMP_SCALE);
            Ebml.writeId(b, MatroskaIds.SEGMENT);
            assertThat(ByteBufUtil.hexDump(b)).isEqualTo("a3" + "4489" + "2ad7b1" + "18538067");
        } finally {
            b.release();
        }
    }

    @Test
    void aVoidFillsExactlyTheSpaceAskedFor() {
        for (int n = 2; n <= 300; n++) {
            ByteBuf b = Unpooled.buffer();
            try {
                Ebml.writeVoid(b, n);
                assertThat(b.readableBytes()).isEqualTo(n);
                assertThat((int) b.getUnsignedByte(0)).isEqualTo(MatroskaIds.VOID);
            } finally {
                b.release();
            }
        }
    }

    @Test
    void unsignedIntegersUseTheFewestBytes() {
        ByteBuf b = Unpooled.buffer();
        try {
            Ebml.writeUInt(b, MatroskaIds.TRACK_NUMBER, 1);
            Ebml.writeUInt(b, MatroskaIds.TIMESTAMP_SCALE, 1_000_000);
            assertThat(ByteBufUtil.hexDump(b)).isEqualTo("d78101" + "2ad7b1830f4240");
        } finally {
            b.release();
        }
    }
}

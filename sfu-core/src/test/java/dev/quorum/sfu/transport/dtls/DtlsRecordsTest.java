package dev.quorum.sfu.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DtlsRecordsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // name, hex, well-formed
        "handshake record (DTLS 1.0 version as in ClientHello), 16feff000000000000000000030a0b0c, true",
        "change_cipher_spec then handshake,        14fefd00000000000000000001011 6fefd000100000000000000020102, true",
        "alert,                                    15fefd0001000000000000000201 00, true",
        "truncated header,                         16fefd0000000000000000, false",
        "length beyond the datagram,               16fefd00000000000000000004aabbcc, false",
        "trailing bytes after the last record,     16fefd0000000000000000000100ff, false",
        "not a DTLS version,                       160303000000000000000000010a, false",
        "unknown content type 30,                  1efefd000000000000000000010a, false",
        "zero-length record,                       16fefd0000000000000000000000, false",
    })
    void recognisesWellFormedRecordSequences(String name, String hex, boolean wellFormed) {
        ByteBuf b = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
        try {
            assertThat(DtlsRecords.isWellFormed(b)).isEqualTo(wellFormed);
        } finally {
            b.release();
        }
    }
}

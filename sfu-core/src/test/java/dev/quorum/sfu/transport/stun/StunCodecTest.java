package dev.quorum.sfu.transport.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StunCodecTest {

    private static final byte[] TID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

    static StunMessage request() {
        return new StunMessage(
                StunMessage.BINDING_REQUEST,
                TID,
                List.of(
                        new StunAttribute.Username("abcd:wxyz"),
                        new StunAttribute.Priority(1853817087L),
                        new StunAttribute.IceControlling(0x1122334455667788L),
                        new StunAttribute.UseCandidate(),
                        new StunAttribute.Unknown(0xC057, new byte[] {0, 1, 0, 10})));
    }

    static ByteBuf encode(StunMessage m, StunIntegrity key, boolean fingerprint) {
        ByteBuf out = Unpooled.buffer();
        StunEncoder.encode(m, key, fingerprint, out);
        return out;
    }

    @Test
    void requestRoundTripsWithIntegrityAndFingerprint() {
        StunIntegrity key = StunIntegrity.shortTerm("0123456789abcdefghijklmn");
        ByteBuf out = encode(request(), key, true);
        try {
            assertThat(out.readableBytes()).isEqualTo(StunEncoder.encodedLength(request(), true, true));
            StunDecodeResult.Decoded d = (StunDecodeResult.Decoded) StunDecoder.decode(out);
            assertThat(d.message().attributes().subList(0, 5))
                    .isEqualTo(request().attributes());
            assertThat(d.message().attributes().get(5)).isInstanceOf(StunAttribute.MessageIntegrity.class);
            assertThat(d.message().attributes().get(6)).isInstanceOf(StunAttribute.Fingerprint.class);
            assertThat(key.verify(out, d.integrityOffset())).isTrue();
            assertThat(StunDecoder.looksLikeStun(out)).isTrue();
        } finally {
            out.release();
        }
    }

    @Test
    void successResponseCarriesIpv4AndIpv6MappedAddresses() throws Exception {
        for (String ip : List.of("203.0.113.9", "2001:db8::7")) {
            InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(ip), 65535);
            StunMessage m = new StunMessage(
                    StunMessage.BINDING_SUCCESS_RESPONSE, TID, List.of(new StunAttribute.XorMappedAddress(a)));
            ByteBuf out = encode(m, null, true);
            try {
                StunMessage back = ((StunDecodeResult.Decoded) StunDecoder.decode(out)).message();
                assertThat(back.attribute(StunAttribute.XorMappedAddress.class))
                        .contains(new StunAttribute.XorMappedAddress(a));
            } finally {
                out.release();
            }
        }
    }

    @Test
    void errorResponseRoundTripsCodeReasonAndUnknownAttributes() {
        StunMessage m = new StunMessage(
                StunMessage.BINDING_ERROR_RESPONSE,
                TID,
                List.of(
                        new StunAttribute.ErrorCode(420, "Unknown Attribute"),
                        new StunAttribute.UnknownAttributes(new int[] {0x0042, 0x0043})));
        ByteBuf out = encode(m, null, true);
        try {
            StunMessage back = ((StunDecodeResult.Decoded) StunDecoder.decode(out)).message();
            assertThat(back.isErrorResponse()).isTrue();
            assertThat(back.attributes().subList(0, 2)).isEqualTo(m.attributes());
        } finally {
            out.release();
        }
    }

    @Test
    void attributesAfterMessageIntegrityOtherThanFingerprintAreIgnored() {
        ByteBuf out = encode(request(), StunIntegrity.shortTerm("0123456789abcdefghijklmn"), false);
        // Append a SOFTWARE attribute after MI and fix the length: RFC 8489 §14.5 says ignore it.
        out.writeShort(StunAttribute.SOFTWARE).writeShort(4).writeInt(0x41414141);
        out.setShort(2, out.readableBytes() - 20);
        try {
            StunMessage back = ((StunDecodeResult.Decoded) StunDecoder.decode(out)).message();
            assertThat(back.has(StunAttribute.Software.class)).isFalse();
        } finally {
            out.release();
        }
    }

    static Stream<Arguments> malformed() {
        StunIntegrity key = StunIntegrity.shortTerm("0123456789abcdefghijklmn");
        ByteBuf good = encode(request(), key, true);
        byte[] ok = new byte[good.readableBytes()];
        good.readBytes(ok);
        good.release();
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("shorter than a header", slice(ok, 19)),
                Arguments.of("truncated attributes", slice(ok, ok.length - 6)),
                Arguments.of("top bits set", with(ok, 0, 0xC0)),
                Arguments.of("wrong magic cookie", with(ok, 4, 0x22)),
                Arguments.of("length not a multiple of four", with(ok, 3, ok[3] + 1)),
                Arguments.of("length larger than datagram", with(ok, 3, ok[3] + 4)),
                Arguments.of("attribute length past the end", with(with(ok, 22, 0x7F), 23, 0xFF)),
                Arguments.of("corrupted fingerprint", with(ok, ok.length - 1, ok[ok.length - 1] ^ 1)),
                Arguments.of("PRIORITY of 3 bytes", priorityOfLength(ok)),
                Arguments.of("oversized", new byte[StunDecoder.MAX_MESSAGE_LENGTH + 4]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputIsRejected(String name, byte[] bytes) {
        if (name.equals("oversized")) {
            bytes[4] = 0x21;
            bytes[5] = 0x12;
            bytes[6] = (byte) 0xA4;
            bytes[7] = 0x42;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            assertThat(StunDecoder.decode(buf)).isInstanceOf(StunDecodeResult.Malformed.class);
            assertThat(buf.readerIndex()).isZero();
        } finally {
            buf.release();
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(7983);
        StunIntegrity key = StunIntegrity.shortTerm("0123456789abcdefghijklmn");
        ByteBuf good = encode(request(), key, true);
        byte[] template = new byte[good.readableBytes()];
        good.readBytes(template);
        good.release();
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[r.nextInt(200)];
                r.nextBytes(b);
            } else {
                b = template.clone();
                for (int flips = 1 + r.nextInt(4); flips > 0; flips--) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt();
                }
            }
            ByteBuf buf = Unpooled.wrappedBuffer(b);
            try {
                StunDecodeResult result = StunDecoder.decode(buf);
                if (result instanceof StunDecodeResult.Decoded d && d.integrityOffset() >= 0) {
                    key.verify(buf, d.integrityOffset());
                }
            } finally {
                buf.release();
            }
        }
    }

    private static byte[] slice(byte[] b, int n) {
        byte[] s = new byte[n];
        System.arraycopy(b, 0, s, 0, n);
        return s;
    }

    private static byte[] with(byte[] b, int index, int value) {
        byte[] c = b.clone();
        c[index] = (byte) value;
        return c;
    }

    private static byte[] priorityOfLength(byte[] ok) {
        // USERNAME (4 + 12) ends at 36; PRIORITY header at 36: set its length to 3.
        byte[] c = ok.clone();
        c[39] = 3;
        return c;
    }
}

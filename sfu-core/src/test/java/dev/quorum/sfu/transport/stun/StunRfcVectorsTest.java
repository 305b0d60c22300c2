package dev.quorum.sfu.transport.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sample messages of RFC 5769, decoded and authenticated by our codec. */
class StunRfcVectorsTest {

    /** RFC 5769 §2.1: request with SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME, MI, FINGERPRINT. */
    static final String SAMPLE_REQUEST = """
            00 01 00 58  21 12 a4 42  b7 e7 a7 01  bc 34 d6 86  fa 87 df ae
            80 22 00 10  53 54 55 4e  20 74 65 73  74 20 63 6c  69 65 6e 74
            00 24 00 04  6e 00 01 ff
            80 29 00 08  93 2f f9 b1  51 26 3b 36
            00 06 00 09  65 76 74 6a  3a 68 36 76  59 20 20 20
            00 08 00 14  9a ea a7 0c  bf d8 cb 56  78 1e f2 b5  b2 d3 f2 49  c1 b5 71 a2
            80 28 00 04  e5 7a 3b cf""";

    /** RFC 5769 §2.2: success response with IPv4 XOR-MAPPED-ADDRESS 192.0.2.1:32853. */
    static final String SAMPLE_IPV4_RESPONSE = """
            01 01 00 3c  21 12 a4 42  b7 e7 a7 01  bc 34 d6 86  fa 87 df ae
            80 22 00 0b  74 65 73 74  20 76 65 63  74 6f 72 20
            00 20 00 08  00 01 a1 47  e1 12 a6 43
            00 08 00 14  2b 91 f5 99  fd 9e 90 c3  8c 74 89 f9  2a f9 ba 53  f0 6b e7 d7
            80 28 00 04  c0 7d 4c 96""";

    /** RFC 5769 §2.3: success response with IPv6 XOR-MAPPED-ADDRESS. */
    static final String SAMPLE_IPV6_RESPONSE = """
            01 01 00 48  21 12 a4 42  b7 e7 a7 01  bc 34 d6 86  fa 87 df ae
            80 22 00 0b  74 65 73 74  20 76 65 63  74 6f 72 20
            00 20 00 14  00 02 a1 47  01 13 a9 fa  a5 d3 f1 79  bc 25 f4 b5  be d2 b9 d9
            00 08 00 14  a3 82 95 4e  4b e6 7b f1  17 84 c9 7c  82 92 c2 75  bf e3 ed 41
            80 28 00 04  c8 fb 0b 4c""";

    /** RFC 5769 §2.4: request with long-term credentials (USERNAME, NONCE, REALM, MI; no FINGERPRINT). */
    static final String SAMPLE_LONG_TERM_REQUEST = """
            00 01 00 60  21 12 a4 42  78 ad 34 33  c6 ad 72 c0  29 da 41 2e
            00 06 00 12  e3 83 9e e3  83 88 e3 83  aa e3 83 83  e3 82 af e3  82 b9 00 00
            00 15 00 1c  66 2f 2f 34  39 39 6b 39  35 34 64 36  4f 4c 33 34  6f 4c 39 46  53 54 76 79  36 34 73 41
            00 14 00 0b  65 78 61 6d  70 6c 65 2e  6f 72 67 00
            00 08 00 14  f6 70 24 65  6d d6 4a 3e  02 b8 e0 71  2e 85 c9 a2  8c a8 96 66""";

    static final String SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";

    private ByteBuf buf;

    static ByteBuf hex(String annotated) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(annotated.replaceAll("\\s", "")));
    }

    @AfterEach
    void release() {
        if (buf != null) {
            buf.release();
        }
    }

    @Test
    void sampleRequestDecodesAndAuthenticates() {
        buf = hex(SAMPLE_REQUEST);
        StunDecodeResult.Decoded d = (StunDecodeResult.Decoded) StunDecoder.decode(buf);
        StunMessage m = d.message();

        assertThat(m.type()).isEqualTo(StunMessage.BINDING_REQUEST);
        assertThat(m.isRequest()).isTrue();
        assertThat(m.method()).isEqualTo(StunMessage.BINDING);
        assertThat(m.transactionId()).isEqualTo(HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae"));
        assertThat(m.attribute(StunAttribute.Software.class)).contains(new StunAttribute.Software("STUN test client"));
        assertThat(m.attribute(StunAttribute.Priority.class)).contains(new StunAttribute.Priority(0x6e0001ffL));
        assertThat(m.attribute(StunAttribute.IceControlled.class))
                .contains(new StunAttribute.IceControlled(0x932ff9b151263b36L));
        assertThat(m.attribute(StunAttribute.Username.class)).contains(new StunAttribute.Username("evtj:h6vY"));
        assertThat(m.has(StunAttribute.Fingerprint.class)).isTrue();
        assertThat(StunIntegrity.shortTerm(SHORT_TERM_PASSWORD).verify(buf, d.integrityOffset()))
                .isTrue();
        assertThat(StunIntegrity.shortTerm("wrong-password-123456").verify(buf, d.integrityOffset()))
                .isFalse();
    }

    @Test
    void sampleIpv4ResponseDecodesAndAuthenticates() throws Exception {
        buf = hex(SAMPLE_IPV4_RESPONSE);
        StunDecodeResult.Decoded d = (StunDecodeResult.Decoded) StunDecoder.decode(buf);

        assertThat(d.message().isSuccessResponse()).isTrue();
        assertThat(d.message().attribute(StunAttribute.XorMappedAddress.class))
                .contains(new StunAttribute.XorMappedAddress(
                        new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853)));
        assertThat(d.message().attribute(StunAttribute.Software.class))
                .contains(new StunAttribute.Software("test vector"));
        assertThat(StunIntegrity.shortTerm(SHORT_TERM_PASSWORD).verify(buf, d.integrityOffset()))
                .isTrue();
    }

    @Test
    void sampleIpv6ResponseDecodesAndAuthenticates() throws Exception {
        buf = hex(SAMPLE_IPV6_RESPONSE);
        StunDecodeResult.Decoded d = (StunDecodeResult.Decoded) StunDecoder.decode(buf);

        assertThat(d.message().attribute(StunAttribute.XorMappedAddress.class))
                .contains(new StunAttribute.XorMappedAddress(
                        new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853)));
        assertThat(StunIntegrity.shortTerm(SHORT_TERM_PASSWORD).verify(buf, d.integrityOffset()))
                .isTrue();
    }

    @Test
    void longTermCredentialRequestAuthenticatesWithMd5Key() throws Exception {
        buf = hex(SAMPLE_LONG_TERM_REQUEST);
        StunDecodeResult.Decoded d = (StunDecodeResult.Decoded) StunDecoder.decode(buf);
        String username = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";

        assertThat(d.message().attribute(StunAttribute.Username.class)).contains(new StunAttribute.Username(username));
        assertThat(d.message().has(StunAttribute.Fingerprint.class)).isFalse();
        // NONCE and REALM are not ICE attributes: kept as unknown (comprehension-required) values.
        assertThat(d.message().attributes())
                .contains(new StunAttribute.Unknown(0x0014, "example.org".getBytes(StandardCharsets.UTF_8)));
        // The password "The<U+00AD>M<U+00AA>tr<U+2168>" is "TheMatrIX" after SASLprep.
        byte[] key = MessageDigest.getInstance("MD5")
                .digest((username + ":example.org:TheMatrIX").getBytes(StandardCharsets.UTF_8));
        assertThat(new StunIntegrity(key).verify(buf, d.integrityOffset())).isTrue();
    }

    @Test
    void reEncodingTheSampleRequestReproducesItsIntegrityWhenPaddingIsZero() {
        // The vectors pad with spaces; with zero padding our encoder's MI must still verify
        // with the same key and the decoded attributes must survive the round trip.
        buf = hex(SAMPLE_REQUEST);
        StunMessage m = ((StunDecodeResult.Decoded) StunDecoder.decode(buf)).message();
        StunMessage withoutComputed = new StunMessage(
                m.type(),
                m.transactionId(),
                m.attributes().stream()
                        .filter(a -> !(a instanceof StunAttribute.MessageIntegrity)
                                && !(a instanceof StunAttribute.Fingerprint))
                        .toList());
        StunIntegrity key = StunIntegrity.shortTerm(SHORT_TERM_PASSWORD);
        ByteBuf out = Unpooled.buffer();
        try {
            StunEncoder.encode(withoutComputed, key, true, out);
            assertThat(out.readableBytes()).isEqualTo(buf.readableBytes());
            StunDecodeResult.Decoded again = (StunDecodeResult.Decoded) StunDecoder.decode(out);
            assertThat(again.message().attributes().subList(0, 4)).isEqualTo(withoutComputed.attributes());
            assertThat(key.verify(out, again.integrityOffset())).isTrue();
        } finally {
            out.release();
        }
    }
}

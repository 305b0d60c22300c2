package dev.quorum.sfu.transport.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sfu.transport.MediaBuffers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Known-answer tests from libsrtp's reference validation ({@code srtp_validate},
 * {@code srtp_validate_gcm}): the master key and salt of RFC 3711 Appendix B.3 for
 * AES_CM_128_HMAC_SHA1_80, and the RFC 7714-style 000102…/a0a1… key for AEAD_AES_128_GCM;
 * SSRC 0xcafebabe, sequence 0x1234, first SRTCP index 1.
 */
class SrtpReferenceVectorsTest {

    static final String RTP_PLAIN = "800f1234decafbadcafebabeabababababababababababababababab";
    static final String RTCP_PLAIN = "81c8000bcafebabeabababababababababababababababab";

    record Vector(String masterKey, String masterSalt, String srtp, String srtcp) {}

    static Vector vector(SrtpProfile profile) {
        return switch (profile) {
            case AES128_CM_HMAC_SHA1_80 ->
                new Vector(
                        "e1f97a0d3e018be0d64fa32c06de4139",
                        "0ec675ad498afeebb6960b3aabe6",
                        "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb",
                        "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798");
            case AEAD_AES_128_GCM ->
                new Vector(
                        "000102030405060708090a0b0c0d0e0f",
                        "a0a1a2a3a4a5a6a7a8a9aaab",
                        "800f1234decafbadcafebabec5002ede04cfdd2eb91159e0880aa06ed2976826f796b201df3131a127e8a392",
                        "81c8000bcafebabec98b8b5df0392a55852b6c21ac8e7025c52c6fbea2b3b446ea31123ba88ce61e80000001");
        };
    }

    /** Keying material whose client write key and salt are the vector's master key and salt. */
    static SrtpKeys clientKeys(SrtpProfile profile, Vector v) {
        byte[] key = HexFormat.of().parseHex(v.masterKey());
        byte[] salt = HexFormat.of().parseHex(v.masterSalt());
        byte[] material = new byte[profile.keyingMaterialLength()];
        System.arraycopy(key, 0, material, 0, key.length);
        System.arraycopy(salt, 0, material, 2 * key.length, salt.length);
        return SrtpKeys.fromKeyingMaterial(profile, material);
    }

    static ByteBuf packet(String hex) {
        ByteBuf b = MediaBuffers.allocate(hex.length() / 2);
        b.writeBytes(HexFormat.of().parseHex(hex));
        return b;
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectProducesTheReferenceCiphertext(SrtpProfile profile) {
        Vector v = vector(profile);
        try (SrtpSession client = new SrtpSession(clientKeys(profile, v), false, 4)) {
            ByteBuf rtp = packet(RTP_PLAIN);
            ByteBuf first = packet(RTCP_PLAIN);
            ByteBuf rtcp = packet(RTCP_PLAIN);
            try {
                assertThat(client.protectRtp(rtp)).isEqualTo(SrtpResult.OK);
                assertThat(ByteBufUtil.hexDump(rtp)).isEqualTo(v.srtp());
                // jitsi-srtp numbers SRTCP from 0, libsrtp from 1: the second packet carries index 1.
                assertThat(client.protectRtcp(first)).isEqualTo(SrtpResult.OK);
                assertThat(client.protectRtcp(rtcp)).isEqualTo(SrtpResult.OK);
                assertThat(ByteBufUtil.hexDump(rtcp)).isEqualTo(v.srtcp());
            } finally {
                rtp.release();
                first.release();
                rtcp.release();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void unprotectRecoversTheReferencePlaintext(SrtpProfile profile) {
        Vector v = vector(profile);
        try (SrtpSession server = new SrtpSession(clientKeys(profile, v), true, 4)) {
            ByteBuf srtp = packet(v.srtp());
            ByteBuf srtcp = packet(v.srtcp());
            try {
                assertThat(server.unprotectRtp(srtp)).isEqualTo(SrtpResult.OK);
                assertThat(ByteBufUtil.hexDump(srtp)).isEqualTo(RTP_PLAIN);
                assertThat(server.unprotectRtcp(srtcp)).isEqualTo(SrtpResult.OK);
                assertThat(ByteBufUtil.hexDump(srtcp)).isEqualTo(RTCP_PLAIN);
            } finally {
                srtp.release();
                srtcp.release();
            }
        }
    }
}

package dev.quorum.sfu.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.sfu.transport.dtls.DtlsCertificate;
import org.junit.jupiter.api.Test;

class DtlsFingerprintTest {

    @Test
    void parsesTheSdpValueCaseInsensitivelyAndMatchesTheCertificate() {
        DtlsCertificate cert = DtlsCertificate.generate();
        String sdp = cert.fingerprint().toSdpValue();
        DtlsFingerprint parsed =
                DtlsFingerprint.parse("SHA-256 " + sdp.substring(8).toLowerCase());

        assertThat(parsed).isEqualTo(cert.fingerprint());
        assertThat(parsed.matches(cert.der())).isTrue();
        assertThat(parsed.matches(DtlsCertificate.generate().der())).isFalse();
        assertThat(DtlsFingerprint.of("sha-1", cert.der()).matches(cert.der())).isTrue();
    }

    @Test
    void rejectsMalformedFingerprints() {
        assertThatThrownBy(() -> DtlsFingerprint.parse("md5 AB:CD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-256 AB:CD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-1 ZZ" + ":00".repeat(19)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

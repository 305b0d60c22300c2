package dev.quorum.sfu.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.sfu.transport.DtlsFingerprint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Certificates generated at start, and an operator's PEM files made with the openssl CLI. */
class DtlsCertificateTest {

    @TempDir
    Path dir;

    /** Runs openssl in {@link #dir}; fails the test with a clear message if it is not installed. */
    void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("This test needs the openssl command line tool (Debian package openssl)", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as("openssl %s: %s", String.join(" ", args), out)
                .isZero();
    }

    @Test
    void aGeneratedCertificateIsEcdsaP256WithItsSha256Fingerprint() {
        DtlsCertificate c = DtlsCertificate.generate();
        assertThat(c.fingerprint().algorithm()).isEqualTo("sha-256");
        assertThat(c.fingerprint()).isEqualTo(DtlsFingerprint.of("sha-256", c.der()));
        assertThat(c.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(DtlsCertificate.generate().fingerprint()).isNotEqualTo(c.fingerprint());
    }

    @ParameterizedTest(name = "{0} private key")
    @ValueSource(strings = {"sec1", "pkcs8"})
    void loadsAnOperatorsPemCertificateAndKey(String keyFormat) throws Exception {
        if (keyFormat.equals("sec1")) {
            openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem");
        } else {
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
        }
        openssl("req", "-new", "-x509", "-key", "key.pem", "-out", "cert.pem", "-days", "30", "-subj", "/CN=sfu");

        DtlsCertificate loaded = DtlsCertificate.load(dir.resolve("cert.pem"), dir.resolve("key.pem"));

        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("cert.pem"))));
        assertThat(loaded.der()).isEqualTo(x509.getEncoded());
        assertThat(loaded.fingerprint()).isEqualTo(DtlsFingerprint.of("sha-256", x509.getEncoded()));
        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(loaded.privateKey());
        sign.update(new byte[] {1, 2, 3});
        byte[] signature = sign.sign();
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(x509.getPublicKey());
        verify.update(new byte[] {1, 2, 3});
        assertThat(verify.verify(signature))
                .as("the loaded key is the certificate's key")
                .isTrue();
    }

    @Test
    void refusesAnRsaKeyAndFilesWithoutPem() throws Exception {
        openssl(
                "req",
                "-new",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "rsa-key.pem",
                "-out",
                "rsa.pem",
                "-days",
                "1",
                "-subj",
                "/CN=rsa");
        assertThatThrownBy(() -> DtlsCertificate.load(dir.resolve("rsa.pem"), dir.resolve("rsa-key.pem")))
                .hasMessageContaining("EC");

        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        assertThatThrownBy(() -> DtlsCertificate.load(junk, dir.resolve("rsa-key.pem")))
                .hasMessageContaining("junk.pem");
    }
}

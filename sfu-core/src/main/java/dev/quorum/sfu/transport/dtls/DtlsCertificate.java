package dev.quorum.sfu.transport.dtls;

import dev.quorum.sfu.transport.DtlsFingerprint;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * The DTLS certificate of the media port: an ECDSA P-256 key with a certificate, and the SHA-256
 * fingerprint that goes into every SDP answer ({@code a=fingerprint}). Browsers check only the
 * fingerprint (RFC 8122), never the chain or the dates, so a self-signed certificate made at
 * start-up is the normal case; operators who want a stable fingerprint load one from PEM files.
 */
public final class DtlsCertificate {

    private final byte[] der;
    private final PrivateKey privateKey;
    private final DtlsFingerprint fingerprint;

    private DtlsCertificate(byte[] der, PrivateKey privateKey) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = DtlsFingerprint.of("sha-256", der);
    }

    /** A fresh self-signed ECDSA P-256 certificate, valid from yesterday for a year. */
    public static DtlsCertificate generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500Name("CN=quorum-sfu");
            Instant now = Instant.now();
            byte[] der = new JcaX509v3CertificateBuilder(
                            name,
                            new BigInteger(64, new SecureRandom()),
                            Date.from(now.minus(Duration.ofDays(1))),
                            Date.from(now.plus(Duration.ofDays(365))),
                            name,
                            kp.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()))
                    .getEncoded();
            return new DtlsCertificate(der, kp.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot generate the DTLS certificate", e);
        }
    }

    /**
     * Loads a certificate and its EC private key from PEM files.
     *
     * @throws IllegalArgumentException when a file cannot be read or does not hold what is needed;
     *                                  the message names the file
     */
    public static DtlsCertificate load(Path certificatePem, Path privateKeyPem) {
        byte[] der;
        try (Reader r = Files.newBufferedReader(certificatePem, StandardCharsets.US_ASCII);
                PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (!(o instanceof X509CertificateHolder holder)) {
                throw new IllegalArgumentException(certificatePem + " holds no PEM certificate");
            }
            der = holder.getEncoded();
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Cannot read the DTLS certificate " + certificatePem + ": " + e.getMessage(), e);
        }
        PrivateKey key;
        try (Reader r = Files.newBufferedReader(privateKeyPem, StandardCharsets.US_ASCII);
                PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            // BouncyCastle reads both SEC1 ("EC PRIVATE KEY", curve inside the key, public key
            // optional) and PKCS#8; the key is then re-encoded as PKCS#8 for the JDK's providers.
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(new BouncyCastleProvider());
            PrivateKey parsed;
            if (o instanceof PEMKeyPair pair) {
                parsed = converter.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (o instanceof PrivateKeyInfo info) {
                parsed = converter.getPrivateKey(info);
            } else {
                throw new IllegalArgumentException(privateKeyPem + " holds no unencrypted PEM private key");
            }
            if (!"EC".equals(parsed.getAlgorithm()) && !"ECDSA".equals(parsed.getAlgorithm())) {
                throw new IllegalArgumentException(privateKeyPem + " must hold an EC (ECDSA) private key; "
                        + "the media port offers only ECDHE_ECDSA cipher suites");
            }
            key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(parsed.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot use the DTLS private key " + privateKeyPem + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Cannot read the DTLS private key " + privateKeyPem + ": " + e.getMessage(), e);
        }
        return new DtlsCertificate(der, key);
    }

    /** The certificate, DER-encoded. */
    public byte[] der() {
        return der.clone();
    }

    /** The SHA-256 fingerprint for {@code a=fingerprint}. */
    public DtlsFingerprint fingerprint() {
        return fingerprint;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** The certificate as bctls wants it. */
    Certificate tlsCertificate(JcaTlsCrypto crypto) throws IOException {
        TlsCertificate c = crypto.createCertificate(der);
        return new Certificate(new TlsCertificate[] {c});
    }
}

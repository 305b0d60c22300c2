package dev.quorum.sfu.transport.dtls;

import dev.quorum.sfu.transport.DtlsFingerprint;
import dev.quorum.sfu.transport.srtp.SrtpKeys;
import dev.quorum.sfu.transport.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * The DTLS 1.2 server side of DTLS-SRTP (RFC 5763, RFC 5764) for one peer: ECDSA certificate,
 * a certificate request whose answer must match the fingerprint from the peer's SDP, use_srtp
 * negotiation by our preference, extended master secret required, and the SRTP keys exported
 * inside {@link #notifyHandshakeComplete()} (the only moment bctls allows it).
 */
final class DtlsSrtpServer extends DefaultTlsServer {

    /** Events raised from inside bctls, on the handshake or pump worker thread. */
    interface Events {
        void onAlertReceived(short level, short description);

        /**
         * The handshake is done and these are its SRTP keys; called from inside bctls right after
         * our last flight went out, so media the peer sends at once finds the keys in place.
         */
        void onKeys(SrtpKeys keys);

        /**
         * The certificate came before any fingerprint and does not match the one that came
         * later; called just before the handshake fails with bad_certificate.
         */
        void onCertificateOfAnotherConnection();
    }

    /** The fingerprint from the peer's SDP, which may arrive after its ClientHello. */
    interface RemoteFingerprint {
        /** The fingerprint if known now, else null. */
        DtlsFingerprint now();

        /** Waits up to {@code timeoutMillis}; null if it is still unknown then. */
        DtlsFingerprint await(long timeoutMillis) throws InterruptedException;
    }

    private static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };

    // Given
    private final JcaTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final RemoteFingerprint remoteFingerprint;
    private final int handshakeTimeoutMillis;
    private final Events events;

    // Owned
    private SrtpProfile profile;

    DtlsSrtpServer(
            JcaTlsCrypto crypto,
            DtlsCertificate certificate,
            RemoteFingerprint remoteFingerprint,
            int handshakeTimeoutMillis,
            Events events) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.remoteFingerprint = remoteFingerprint;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.events = events;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        // The inherited default is TLS 1.3 down to 1.2, which fails a DTLS handshake.
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), CIPHER_SUITES);
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return new JcaDefaultTlsCredentialedSigner(
                new TlsCryptoParameters(context),
                crypto,
                certificate.privateKey(),
                certificate.tlsCertificate(crypto),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        // Without a request the peer never shows its certificate and the SDP fingerprint is unchecked.
        Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
        for (int scheme : new int[] {
            SignatureScheme.ecdsa_secp256r1_sha256,
            SignatureScheme.ecdsa_secp384r1_sha384,
            SignatureScheme.ecdsa_secp521r1_sha512,
            SignatureScheme.rsa_pss_rsae_sha256,
            SignatureScheme.rsa_pkcs1_sha256,
            SignatureScheme.rsa_pkcs1_sha384,
            SignatureScheme.rsa_pkcs1_sha512
        }) {
            algorithms.add(SignatureScheme.getSignatureAndHashAlgorithm(scheme));
        }
        return new CertificateRequest(
                new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign}, algorithms, null);
    }

    @Override
    public void notifyClientCertificate(org.bouncycastle.tls.Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the peer sent no certificate");
        }
        DtlsFingerprint known = remoteFingerprint.now();
        DtlsFingerprint expected = known;
        if (expected == null) {
            try {
                // When we offered (the subscriber connection), the peer's answer with its fingerprint
                // can reach signaling after its ClientHello reached us: wait for it here, on the worker.
                expected = remoteFingerprint.await(handshakeTimeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TlsFatalAlert(AlertDescription.internal_error, "interrupted");
            }
        }
        if (expected == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the peer's SDP fingerprint never arrived");
        }
        if (!expected.matches(clientCertificate.getCertificateAt(0).getEncoded())) {
            if (known == null) {
                // The answer that came names another certificate: this handshake belongs to an
                // earlier connection of the peer's whose answer we never got (it was replaced).
                events.onCertificateOfAnotherConnection();
                throw new TlsFatalAlert(
                        AlertDescription.bad_certificate,
                        "certificate of another connection than the SDP fingerprint's");
            }
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "certificate does not match the SDP fingerprint");
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no use_srtp extension");
        }
        for (SrtpProfile candidate : SrtpProfile.values()) {
            for (int id : offered.getProtectionProfiles()) {
                if (id == candidate.dtlsId()) {
                    profile = candidate;
                    return;
                }
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no SRTP protection profile in common");
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        if (extensions == null) {
            extensions = new Hashtable();
        }
        TlsSRTPUtils.addUseSRTPExtension(
                extensions, new UseSRTPData(new int[] {profile.dtlsId()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        // The RFC 5705 exporter in bctls refuses to run without it; browsers always send it.
        return true;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.keyingMaterialLength());
        SrtpKeys keys = SrtpKeys.fromKeyingMaterial(profile, material);
        java.util.Arrays.fill(material, (byte) 0);
        events.onKeys(keys);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        events.onAlertReceived(alertLevel, alertDescription);
    }

    static String describe(short level, short description) {
        return (level == AlertLevel.fatal ? "fatal " : "") + AlertDescription.getText(description);
    }
}

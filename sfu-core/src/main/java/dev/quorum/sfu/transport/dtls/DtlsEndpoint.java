package dev.quorum.sfu.transport.dtls;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * What every DTLS session of a media port shares: the certificate, the TLS crypto provider, the
 * handshake timeout and the bounded worker pool the blocking bctls calls run on.
 *
 * @param certificate      our certificate
 * @param handshakeTimeout how long a handshake may take from its first datagram
 * @param workers          where handshakes and post-handshake reads run; never an event loop
 * @param queueCapacity    DTLS datagrams a session queues for its worker before dropping
 */
public record DtlsEndpoint(DtlsCertificate certificate, Duration handshakeTimeout, Executor workers,
                           int queueCapacity, JcaTlsCrypto crypto) {

    public DtlsEndpoint(DtlsCertificate certificate, Duration handshakeTimeout, Executor workers, int queueCapacity) {
        this(certificate, handshakeTimeout, workers, queueCapacity, new JcaTlsCryptoProvider().create(new SecureRandom()));
    }

    public DtlsEndpoint {
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be positive");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive");
        }
    }
}

package dev.quorum.sfu.transport.dtls;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * What every DTLS session of a media port shares: the certificate, the TLS crypto provider, the
 * timeouts, and the threads the blocking bctls calls run on.
 *
 * <p>Handshakes and the short work after them run on different executors: a handshake holds its
 * thread until it completes or fails (bctls blocks), so {@code handshakes} should give each one a
 * thread of its own, refusing (with {@link java.util.concurrent.RejectedExecutionException}) only
 * beyond a limit. A refused ClientHello is dropped and the client's retransmission tries again.
 *
 * @param certificate       our certificate
 * @param handshakeTimeout  how long a handshake may take from its first datagram
 * @param silentPeerTimeout a handshake is abandoned when the peer sent nothing for this long
 *                          after our last flight (bctls re-sends flights, a live peer answers)
 * @param handshakes        where handshakes run; never an event loop
 * @param workers           where post-handshake reads and closes run; never an event loop
 * @param queueCapacity     DTLS datagrams a session queues for its worker before dropping
 */
public record DtlsEndpoint(
        DtlsCertificate certificate,
        Duration handshakeTimeout,
        Duration silentPeerTimeout,
        Executor handshakes,
        Executor workers,
        int queueCapacity,
        JcaTlsCrypto crypto) {

    public DtlsEndpoint(
            DtlsCertificate certificate,
            Duration handshakeTimeout,
            Duration silentPeerTimeout,
            Executor handshakes,
            Executor workers,
            int queueCapacity) {
        this(
                certificate,
                handshakeTimeout,
                silentPeerTimeout,
                handshakes,
                workers,
                queueCapacity,
                new JcaTlsCryptoProvider().create(new SecureRandom()));
    }

    /** Handshakes and other work on one executor; a silent peer is given the whole handshake timeout. */
    public DtlsEndpoint(DtlsCertificate certificate, Duration handshakeTimeout, Executor workers, int queueCapacity) {
        this(certificate, handshakeTimeout, handshakeTimeout, workers, workers, queueCapacity);
    }

    public DtlsEndpoint {
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be positive");
        }
        if (silentPeerTimeout.isNegative() || silentPeerTimeout.isZero()) {
            throw new IllegalArgumentException("silent peer timeout must be positive");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive");
        }
    }
}

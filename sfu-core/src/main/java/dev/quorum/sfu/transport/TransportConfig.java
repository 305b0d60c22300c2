package dev.quorum.sfu.transport;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the media port. The server reads them from the {@code media.*} keys (see
 * docs/configuration.md); every check here names the key it validates.
 *
 * @param port                 UDP and TCP port shared by all rooms ({@code media.port}); 0 picks
 *                             a free port (tests)
 * @param bindAddress          local address to bind ({@code media.bind-address}); null binds all
 *                             interfaces, IPv4 and IPv6
 * @param announcedAddresses   addresses put into candidates ({@code media.announced-addresses}):
 *                             the public address behind NAT or in a cloud; empty means the
 *                             non-loopback addresses of this host, detected at start
 * @param tcp                  whether to accept ICE-TCP on the same port number ({@code media.tcp})
 * @param consentTimeout       a transport without a valid ICE check for this long is closed
 *                             ({@code media.consent-timeout}, RFC 7675)
 * @param handshakeTimeout     longest DTLS handshake ({@code media.dtls.handshake-timeout})
 * @param eventLoops           event-loop threads for the media port ({@code media.event-loops});
 *                             with epoll, each has its own UDP socket on the port (SO_REUSEPORT)
 * @param dtlsWorkers          threads for the short DTLS work after a handshake: re-sending our last
 *                             flight, reading alerts and close_notify ({@code media.dtls.workers})
 * @param maxHandshakes        DTLS handshakes in progress at once ({@code media.dtls.max-handshakes});
 *                             each runs on a thread of its own while it lasts (bctls blocks), so a
 *                             silent peer never delays another peer's handshake. A ClientHello
 *                             beyond the limit is dropped and counted; the client's retransmission
 *                             tries again
 * @param silentPeerTimeout    a handshake whose peer sends nothing for this long after our last
 *                             flight is abandoned and its transport closed ({@code media.dtls.silent-peer-timeout});
 *                             a live peer retransmits within a second or two
 * @param receiveBufferBytes   SO_RCVBUF of each socket in bytes ({@code media.socket.receive-buffer-mb});
 *                             the kernel caps it at net.core.rmem_max
 * @param sendBufferBytes      SO_SNDBUF of each socket in bytes ({@code media.socket.send-buffer-mb})
 * @param certificateFile      PEM certificate for DTLS ({@code media.dtls.certificate}); null
 *                             generates a self-signed ECDSA P-256 certificate at start
 * @param privateKeyFile       PEM EC private key for that certificate ({@code media.dtls.private-key})
 * @param nativeTransport      use epoll when available ({@code media.native-transport}); false
 *                             forces Java NIO
 */
public record TransportConfig(
        int port,
        InetAddress bindAddress,
        List<InetAddress> announcedAddresses,
        boolean tcp,
        Duration consentTimeout,
        Duration handshakeTimeout,
        int eventLoops,
        int dtlsWorkers,
        int maxHandshakes,
        Duration silentPeerTimeout,
        int receiveBufferBytes,
        int sendBufferBytes,
        Path certificateFile,
        Path privateKeyFile,
        boolean nativeTransport) {

    public static final int DEFAULT_PORT = 10000;
    public static final boolean DEFAULT_TCP = true;
    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_EVENT_LOOPS = Runtime.getRuntime().availableProcessors();
    public static final int DEFAULT_DTLS_WORKERS = 8;
    public static final int DEFAULT_MAX_HANDSHAKES = 256;
    public static final Duration DEFAULT_SILENT_PEER_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    public TransportConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("media.port must be between 0 and 65535, not " + port);
        }
        announcedAddresses = List.copyOf(Objects.requireNonNull(announcedAddresses, "media.announced-addresses"));
        for (InetAddress a : announcedAddresses) {
            if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
                throw new IllegalArgumentException("media.announced-addresses must be unicast addresses clients "
                        + "can reach, not " + a.getHostAddress());
            }
        }
        requirePositive(consentTimeout, "media.consent-timeout");
        requirePositive(handshakeTimeout, "media.dtls.handshake-timeout");
        if (eventLoops < 1 || eventLoops > 256) {
            throw new IllegalArgumentException("media.event-loops must be between 1 and 256, not " + eventLoops);
        }
        if (dtlsWorkers < 1 || dtlsWorkers > 1024) {
            throw new IllegalArgumentException("media.dtls.workers must be between 1 and 1024, not " + dtlsWorkers);
        }
        if (maxHandshakes < 1 || maxHandshakes > 10000) {
            throw new IllegalArgumentException(
                    "media.dtls.max-handshakes must be between 1 and 10000, not " + maxHandshakes);
        }
        requirePositive(silentPeerTimeout, "media.dtls.silent-peer-timeout");
        if (receiveBufferBytes < 65536) {
            throw new IllegalArgumentException("media.socket.receive-buffer-mb must be at least 64 KiB");
        }
        if (sendBufferBytes < 65536) {
            throw new IllegalArgumentException("media.socket.send-buffer-mb must be at least 64 KiB");
        }
        if ((certificateFile == null) != (privateKeyFile == null)) {
            throw new IllegalArgumentException(
                    "media.dtls.certificate and media.dtls.private-key must be set together");
        }
        if (certificateFile != null && !Files.isReadable(certificateFile)) {
            throw new IllegalArgumentException("media.dtls.certificate: cannot read " + certificateFile);
        }
        if (privateKeyFile != null && !Files.isReadable(privateKeyFile)) {
            throw new IllegalArgumentException("media.dtls.private-key: cannot read " + privateKeyFile);
        }
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration");
        }
        if (d.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(key + " must be at most one hour");
        }
    }

    /** Every setting at its default. */
    public static TransportConfig defaults() {
        return new TransportConfig(
                DEFAULT_PORT,
                null,
                List.of(),
                DEFAULT_TCP,
                DEFAULT_CONSENT_TIMEOUT,
                DEFAULT_HANDSHAKE_TIMEOUT,
                DEFAULT_EVENT_LOOPS,
                DEFAULT_DTLS_WORKERS,
                DEFAULT_MAX_HANDSHAKES,
                DEFAULT_SILENT_PEER_TIMEOUT,
                DEFAULT_SOCKET_BUFFER_BYTES,
                DEFAULT_SOCKET_BUFFER_BYTES,
                null,
                null,
                true);
    }

    public TransportConfig withPort(int newPort) {
        return new TransportConfig(
                newPort,
                bindAddress,
                announcedAddresses,
                tcp,
                consentTimeout,
                handshakeTimeout,
                eventLoops,
                dtlsWorkers,
                maxHandshakes,
                silentPeerTimeout,
                receiveBufferBytes,
                sendBufferBytes,
                certificateFile,
                privateKeyFile,
                nativeTransport);
    }

    public TransportConfig withAddresses(InetAddress bind, List<InetAddress> announced) {
        return new TransportConfig(
                port,
                bind,
                announced,
                tcp,
                consentTimeout,
                handshakeTimeout,
                eventLoops,
                dtlsWorkers,
                maxHandshakes,
                silentPeerTimeout,
                receiveBufferBytes,
                sendBufferBytes,
                certificateFile,
                privateKeyFile,
                nativeTransport);
    }

    public TransportConfig withTimeouts(Duration consent, Duration handshake) {
        return new TransportConfig(
                port,
                bindAddress,
                announcedAddresses,
                tcp,
                consent,
                handshake,
                eventLoops,
                dtlsWorkers,
                maxHandshakes,
                silentPeerTimeout,
                receiveBufferBytes,
                sendBufferBytes,
                certificateFile,
                privateKeyFile,
                nativeTransport);
    }

    public TransportConfig withThreads(int loops, int workers, boolean useNativeTransport) {
        return new TransportConfig(
                port,
                bindAddress,
                announcedAddresses,
                tcp,
                consentTimeout,
                handshakeTimeout,
                loops,
                workers,
                maxHandshakes,
                silentPeerTimeout,
                receiveBufferBytes,
                sendBufferBytes,
                certificateFile,
                privateKeyFile,
                useNativeTransport);
    }

    public TransportConfig withHandshakeLimits(int handshakes, Duration silentPeer) {
        return new TransportConfig(
                port,
                bindAddress,
                announcedAddresses,
                tcp,
                consentTimeout,
                handshakeTimeout,
                eventLoops,
                dtlsWorkers,
                handshakes,
                silentPeer,
                receiveBufferBytes,
                sendBufferBytes,
                certificateFile,
                privateKeyFile,
                nativeTransport);
    }
}

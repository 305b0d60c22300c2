package dev.quorum.sfu.transport;

import dev.quorum.sfu.transport.dtls.DtlsCertificate;
import dev.quorum.sfu.transport.dtls.DtlsEndpoint;
import dev.quorum.sfu.transport.srtp.SrtpCrypto;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media port: one UDP port (and the same TCP port for ICE-TCP) shared by every transport
 * of every room. Owns the sockets, the event loops, the DTLS certificate and its threads.
 *
 * <p>Lifecycle: construct, {@link #start()}, {@link #createTransport} as peers join,
 * {@link #close()} at shutdown (closes every open transport with {@link CloseReason#PORT_CLOSED}).
 */
public final class MediaPort implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaPort.class);
    private static final int DTLS_QUEUE = 64;
    private static final int DTLS_PENDING_TASKS = 4096;

    // Given
    private final TransportConfig config;
    private final MeterRegistry registry;
    private final LongSupplier clock;

    // Owned
    private final TransportMetrics metrics;
    private final PacketRouter router;
    private final Set<DefaultTransport> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private MediaSockets sockets;
    private ThreadPoolExecutor dtlsWorkers;
    private ThreadPoolExecutor dtlsHandshakes;
    private PortContext context;
    private String srtpProvider;
    private volatile boolean closed;

    public MediaPort(TransportConfig config, MeterRegistry registry) {
        this(config, registry, System::nanoTime);
    }

    /** With an injected nanosecond clock (consent and handshake timing, arrival times). */
    public MediaPort(TransportConfig config, MeterRegistry registry, LongSupplier nanoClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.metrics = new TransportMetrics(registry);
        this.router = new PacketRouter(metrics, clock);
    }

    /**
     * Loads or generates the certificate, binds the sockets and starts the workers. The stage
     * completes when the port is listening, or fails (port in use, unreadable certificate…).
     */
    public synchronized CompletionStage<Void> start() {
        if (sockets != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("media port already started"));
        }
        try {
            srtpProvider = SrtpCrypto.initialize();
            DtlsCertificate certificate = config.certificateFile() == null
                    ? DtlsCertificate.generate()
                    : DtlsCertificate.load(config.certificateFile(), config.privateKeyFile());
            dtlsWorkers = new ThreadPoolExecutor(
                    config.dtlsWorkers(),
                    config.dtlsWorkers(),
                    60,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(DTLS_PENDING_TASKS),
                    new DefaultThreadFactory("media-dtls", true));
            dtlsWorkers.allowCoreThreadTimeOut(true);
            // A thread per handshake in progress, made when one starts and kept briefly after:
            // bctls blocks for the whole handshake, so a shared few threads would let silent
            // peers hold up everyone else's. Beyond the limit a ClientHello is refused (counted).
            dtlsHandshakes = new ThreadPoolExecutor(
                    0,
                    config.maxHandshakes(),
                    10,
                    TimeUnit.SECONDS,
                    new SynchronousQueue<>(),
                    new DefaultThreadFactory("media-dtls-handshake", true));
            Gauge.builder("quorum.media.dtls.handshakes", dtlsHandshakes, ThreadPoolExecutor::getActiveCount)
                    .description("DTLS handshakes in progress, each on its own thread")
                    .register(registry);
            sockets = new MediaSockets(config, router);
            sockets.bind();
            List<IceCandidate> candidates = candidates(announcedAddresses(), sockets.port(), config.tcp());
            context = new PortContext(
                    config,
                    metrics,
                    router,
                    sockets,
                    new DtlsEndpoint(
                            certificate,
                            config.handshakeTimeout(),
                            config.silentPeerTimeout(),
                            dtlsHandshakes,
                            dtlsWorkers,
                            DTLS_QUEUE),
                    clock,
                    candidates,
                    open);
            Gauge.builder("quorum.media.srtp.openssl", () -> "OpenSSL".equals(srtpProvider) ? 1 : 0)
                    .description("1 when SRTP runs on OpenSSL through jitsi-srtp, 0 on the JDK's AES")
                    .register(registry);
            LOG.info(
                    "Media port {} on {} ({}); candidates {}; SRTP AES by {}; DTLS fingerprint {}",
                    sockets.port(),
                    sockets.describe(),
                    sockets.isEpoll() ? "epoll" : "NIO",
                    candidates.stream().map(IceCandidate::toSdpValue).toList(),
                    srtpProvider,
                    certificate.fingerprint().toSdpValue());
            return CompletableFuture.completedFuture(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            close();
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<InetAddress> announcedAddresses() {
        if (!config.announcedAddresses().isEmpty()) {
            return config.announcedAddresses();
        }
        if (config.bindAddress() != null && !config.bindAddress().isAnyLocalAddress()) {
            return List.of(config.bindAddress());
        }
        return detectHostAddresses();
    }

    /** Non-loopback, non-link-local addresses of interfaces that are up; loopback if none. */
    static List<InetAddress> detectHostAddresses() {
        List<InetAddress> v4 = new ArrayList<>();
        List<InetAddress> v6 = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
                        continue;
                    }
                    (a instanceof Inet6Address ? v6 : v4).add(a);
                }
            }
        } catch (SocketException e) {
            LOG.warn("Cannot list network interfaces: {}", e.toString());
        }
        List<InetAddress> all = new ArrayList<>(v4);
        all.addAll(v6);
        if (all.isEmpty()) {
            all.add(InetAddress.getLoopbackAddress());
        }
        return all;
    }

    static List<IceCandidate> candidates(List<InetAddress> addresses, int port, boolean tcp) {
        List<IceCandidate> out = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            out.add(new IceCandidate(
                    "u" + i,
                    IceCandidate.Protocol.UDP,
                    IceCandidate.hostPriority(IceCandidate.Protocol.UDP, i),
                    addresses.get(i),
                    port));
        }
        if (tcp) {
            for (int i = 0; i < addresses.size(); i++) {
                out.add(new IceCandidate(
                        "t" + i,
                        IceCandidate.Protocol.TCP,
                        IceCandidate.hostPriority(IceCandidate.Protocol.TCP, i),
                        addresses.get(i),
                        port));
            }
        }
        return List.copyOf(out);
    }

    /** As {@link #createTransport(DtlsFingerprint, EventLoop, Transport.Listener)} on the next event loop. */
    public Transport createTransport(DtlsFingerprint remoteFingerprint, Transport.Listener listener) {
        return createTransport(remoteFingerprint, eventLoops().next(), listener);
    }

    /**
     * A transport whose peer's fingerprint is not known yet, because we send the offer: give it
     * with {@link Transport#setRemoteFingerprint} when the answer arrives.
     */
    public Transport createTransport(EventLoop loop, Transport.Listener listener) {
        return create(null, loop, listener);
    }

    /**
     * A transport for one peer connection, waiting for the peer's ICE checks.
     *
     * @param remoteFingerprint the {@code a=fingerprint} of the peer's SDP; its DTLS certificate
     *                          must match
     * @param loop              the event loop the transport lives on and calls {@code listener}
     *                          on; one of {@link #eventLoops()} (a room passes its own loop)
     */
    public Transport createTransport(DtlsFingerprint remoteFingerprint, EventLoop loop, Transport.Listener listener) {
        return create(Objects.requireNonNull(remoteFingerprint, "remoteFingerprint"), loop, listener);
    }

    private Transport create(DtlsFingerprint remoteFingerprint, EventLoop loop, Transport.Listener listener) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(listener, "listener");
        PortContext ctx = context;
        if (ctx == null || closed) {
            throw new IllegalStateException("media port is not running");
        }
        DefaultTransport t =
                new DefaultTransport(Long.toString(ids.incrementAndGet(), 36), loop, remoteFingerprint, listener, ctx);
        t.start();
        return t;
    }

    /** The event loops of the media port; a room may pin itself to one ({@code eventLoops().next()}). */
    public EventLoopGroup eventLoops() {
        return sockets.group();
    }

    /** The bound port (the configured one, or the one picked for 0). */
    public int port() {
        return sockets.port();
    }

    /** The host candidates every transport announces. */
    public List<IceCandidate> candidates() {
        return context.candidates();
    }

    /** Human-readable bound sockets, for the start-up banner. */
    public List<String> listeningOn() {
        return sockets.describe();
    }

    /** Our certificate's fingerprint (the same for every transport). */
    public DtlsFingerprint fingerprint() {
        return context.dtls().certificate().fingerprint();
    }

    /** "OpenSSL" or "JCA": which AES implementation SRTP uses. */
    public String srtpProvider() {
        return srtpProvider;
    }

    /** Closes every transport, the sockets, the event loops and the DTLS workers. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (DefaultTransport t : open) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            closing.add(done);
            try {
                t.eventLoop().execute(() -> {
                    t.closeWith(CloseReason.PORT_CLOSED, "media port closed");
                    done.complete(null);
                });
            } catch (RejectedExecutionException e) {
                done.complete(null);
            }
        }
        try {
            CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0]))
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Not every transport closed in time: {}", e.toString());
        }
        if (sockets != null) {
            sockets.close();
        }
        if (dtlsWorkers != null) {
            dtlsWorkers.shutdownNow();
        }
        if (dtlsHandshakes != null) {
            dtlsHandshakes.shutdownNow();
        }
    }
}

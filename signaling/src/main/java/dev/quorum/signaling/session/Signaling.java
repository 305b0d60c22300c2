package dev.quorum.signaling.session;

import dev.quorum.signaling.negotiation.EngineCapabilities;
import dev.quorum.signaling.negotiation.PublishNegotiator;
import dev.quorum.signaling.protocol.CloseCodes;
import dev.quorum.signaling.protocol.ServerMessages;
import dev.quorum.signaling.token.TokenVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The signaling service: opens a {@link ConnectionHandler} per client socket and keeps the
 * participant sessions. Transport-neutral: the WebSocket server adapts its sockets to
 * {@link Connection}.
 */
public final class Signaling implements AutoCloseable {

    // Given
    private final RoomDirectory rooms;
    private final TokenVerifier verifier;
    private final SignalingConfig config;
    private final SignalingMetrics metrics;
    private final Scheduler scheduler;
    private final Executor executor;
    private final LongSupplier nanoClock;

    // Owned
    private final PublishNegotiator negotiator;
    private final SessionRegistry registry = new SessionRegistry();
    private final Set<ConnectionHandler> handlers = ConcurrentHashMap.newKeySet();
    private volatile boolean accepting = true;

    /**
     * @param executor  runs session work (never blocks in it); sessions are serialised on top of it
     * @param nanoClock for rate limiting ({@link System#nanoTime()} in production)
     */
    public Signaling(
            RoomDirectory rooms,
            TokenVerifier verifier,
            EngineCapabilities capabilities,
            SignalingConfig config,
            SignalingMetrics metrics,
            Scheduler scheduler,
            Executor executor,
            LongSupplier nanoClock) {
        this.rooms = rooms;
        this.verifier = verifier;
        this.config = config;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.executor = executor;
        this.nanoClock = nanoClock;
        this.negotiator = new PublishNegotiator(capabilities);
    }

    /** A handler for a newly opened client socket; its join timeout starts now. */
    public ConnectionHandler open(Connection connection) {
        ConnectionHandler h = new ConnectionHandler(this, connection);
        handlers.add(h);
        return h;
    }

    void forget(ConnectionHandler h) {
        handlers.remove(h);
    }

    /** Participants with a session (attached or waiting for resume). */
    public int sessions() {
        return registry.size();
    }

    /**
     * Stops accepting joins, makes every participant leave and closes every socket with 1001;
     * returns once that is done (at most a few seconds), so the executor can stop after it.
     */
    @Override
    public void close() {
        accepting = false;
        List<CompletableFuture<Void>> left = new ArrayList<>();
        for (ParticipantSession s : registry.all()) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            s.serial().execute(() -> {
                try {
                    s.end("server shutting down");
                } finally {
                    f.complete(null);
                }
            });
            left.add(f);
        }
        await(left);
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        for (ConnectionHandler h : handlers) {
            closed.add(h.close(CloseCodes.GOING_AWAY, "server shutting down").toCompletableFuture());
        }
        await(closed);
    }

    private static void await(List<CompletableFuture<Void>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Shutting down regardless: what did not finish is dropped with the process.
        }
    }

    ServerMessages.Limits limits() {
        return new ServerMessages.Limits(
                config.maxMessageBytes(),
                config.messagesPerSecond(),
                config.burst(),
                config.resumeWindow().toSeconds());
    }

    boolean accepting() {
        return accepting;
    }

    RoomDirectory rooms() {
        return rooms;
    }

    TokenVerifier verifier() {
        return verifier;
    }

    SignalingConfig config() {
        return config;
    }

    SignalingMetrics metrics() {
        return metrics;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Executor executor() {
        return executor;
    }

    LongSupplier nanoClock() {
        return nanoClock;
    }

    PublishNegotiator negotiator() {
        return negotiator;
    }

    SessionRegistry registry() {
        return registry;
    }
}

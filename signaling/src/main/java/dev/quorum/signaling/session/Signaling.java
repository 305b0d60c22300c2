package dev.quorum.signaling.session;

import dev.quorum.signaling.negotiation.EngineCapabilities;
import dev.quorum.signaling.negotiation.PublishNegotiator;
import dev.quorum.signaling.protocol.CloseCodes;
import dev.quorum.signaling.protocol.ServerMessages;
import dev.quorum.signaling.token.AccessTokenVerifier;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The signaling service: opens a {@link ConnectionHandler} per client socket and keeps the
 * participant sessions. Transport-neutral: the WebSocket server adapts its sockets to
 * {@link Connection}.
 */
public final class Signaling implements AutoCloseable {

    // Given
    private final RoomDirectory rooms;
    private final AccessTokenVerifier verifier;
    private final SignalingConfig config;
    private final SignalingMetrics metrics;
    private final Scheduler scheduler;
    private final Executor executor;
    private final LongSupplier nanoClock;

    // Owned
    private final PublishNegotiator negotiator;
    private final SessionRegistry registry = new SessionRegistry();
    private volatile boolean accepting = true;

    /**
     * @param executor  runs session work (never blocks in it); sessions are serialised on top of it
     * @param nanoClock for rate limiting ({@link System#nanoTime()} in production)
     */
    public Signaling(RoomDirectory rooms, AccessTokenVerifier verifier, EngineCapabilities capabilities,
            SignalingConfig config, SignalingMetrics metrics, Scheduler scheduler, Executor executor,
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
        return new ConnectionHandler(this, connection);
    }

    /** Participants with a session (attached or waiting for resume). */
    public int sessions() {
        return registry.size();
    }

    /** Stops accepting joins and ends every session (server shutdown). */
    @Override
    public void close() {
        accepting = false;
        for (ParticipantSession s : registry.all()) {
            s.serial().execute(() -> s.shutdown(CloseCodes.GOING_AWAY, "server shutting down"));
        }
    }

    ServerMessages.Limits limits() {
        return new ServerMessages.Limits(config.maxMessageBytes(), config.messagesPerSecond(), config.burst(),
                config.resumeWindow().toSeconds());
    }

    boolean accepting() {
        return accepting;
    }

    RoomDirectory rooms() {
        return rooms;
    }

    AccessTokenVerifier verifier() {
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

package dev.quorum.signaling.session;

import dev.quorum.signaling.protocol.ClientMessage;
import dev.quorum.signaling.token.TokenRefusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signaling meters: open sockets and joined sessions (gauges), received messages by type, error
 * messages sent by code, token refusals by reason, and what the participants' browsers report of
 * the media they received (counters). Tags take a bounded set of
 * values: unknown message types count as {@code unknown}.
 */
public final class SignalingMetrics {

    private static final Set<String> TYPES = Set.of(
            "join", "resume", "publish", "answer", "setTrackEnabled", "setVideoPreference", "quality", "ping", "leave");

    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final ConcurrentMap<String, Counter> messages = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<TokenRefusal, Counter> refusals = new ConcurrentHashMap<>();

    private final Counter framesDecoded;
    private final Counter freezes;
    private final Counter frozen;
    private final Counter audioSamples;
    private final Counter concealedSamples;

    public SignalingMetrics(MeterRegistry registry) {
        this.registry = registry;
        framesDecoded =
                reported("quorum.client.video.frames.decoded", null, "Video frames the participants' browsers decoded");
        freezes = reported("quorum.client.video.freezes", null, "Video freezes the participants' browsers saw");
        frozen = reported(
                "quorum.client.video.frozen", "seconds", "Time the participants' browsers showed frozen video");
        audioSamples = reported("quorum.client.audio.samples", null, "Audio samples the participants' browsers played");
        concealedSamples = reported(
                "quorum.client.audio.concealed.samples", null, "Of those, samples made up for lost or late audio");
        Gauge.builder("quorum.signaling.connections", connections, AtomicInteger::get)
                .description("Open signaling WebSockets")
                .register(registry);
        Gauge.builder("quorum.signaling.sessions", sessions, AtomicInteger::get)
                .description("Participants with a signaling session (attached or waiting for resume)")
                .register(registry);
    }

    void connectionOpened() {
        connections.incrementAndGet();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    void sessionStarted() {
        sessions.incrementAndGet();
    }

    void sessionEnded() {
        sessions.decrementAndGet();
    }

    /** A client message by its type ({@code unknown} and {@code invalid} for the rest). */
    void message(String type) {
        String tag = type == null ? "invalid" : TYPES.contains(type) ? type : "unknown";
        messages.computeIfAbsent(
                        tag,
                        t -> Counter.builder("quorum.signaling.messages")
                                .tag("type", t)
                                .description("Signaling messages received")
                                .register(registry))
                .increment();
    }

    /** A counter of what the participants' browsers report ({@code unit} may be null). */
    private Counter reported(String name, String unit, String help) {
        return Counter.builder(name)
                .baseUnit(unit)
                .description(help + ", as they report")
                .register(registry);
    }

    /** A participant's quality report. */
    void quality(ClientMessage.Quality q) {
        framesDecoded.increment(q.framesDecoded());
        freezes.increment(q.freezes());
        frozen.increment(q.frozenMs() / 1000.0);
        audioSamples.increment(q.audioSamples());
        concealedSamples.increment(q.concealedSamples());
    }

    /** An {@code error} message sent, by its code. */
    void error(int code) {
        errors.computeIfAbsent(
                        code,
                        c -> Counter.builder("quorum.signaling.errors")
                                .tag("code", Integer.toString(c))
                                .description("Signaling error messages sent")
                                .register(registry))
                .increment();
    }

    void tokenRefused(TokenRefusal reason) {
        refusals.computeIfAbsent(
                        reason,
                        r -> Counter.builder("quorum.signaling.token.refusals")
                                .tag("reason", r.tag())
                                .description("Access tokens refused")
                                .register(registry))
                .increment();
    }
}

package dev.quorum.signaling.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.rtp.testing.MutableClock;
import dev.quorum.signaling.negotiation.EngineCapabilities;
import dev.quorum.signaling.testing.FakeRooms;
import dev.quorum.signaling.testing.ManualScheduler;
import dev.quorum.signaling.testing.RecordingConnection;
import dev.quorum.signaling.token.AccessTokenMinter;
import dev.quorum.signaling.token.AccessTokenVerifier;
import dev.quorum.signaling.token.ApiKeySecret;
import dev.quorum.signaling.token.ApiKeySecrets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A signaling service over fake rooms, a hand-driven scheduler and clocks, run on the caller's thread. */
abstract class SignalingTestBase {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ApiKeySecret KEY = new ApiKeySecret(
            "SK0123456789abcdef0123456789abcdef",
            "AC0123456789abcdef0123456789abcdef",
            "a-secret-of-thirty-two-bytes-or-more");

    final FakeRooms rooms = new FakeRooms();
    final ManualScheduler scheduler = new ManualScheduler();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MutableClock clock = new MutableClock(Instant.now());
    final AtomicLong nanos = new AtomicLong();
    final AccessTokenMinter minter = new AccessTokenMinter(KEY, clock);
    final Signaling signaling;

    SignalingTestBase() {
        this(SignalingConfig.DEFAULTS);
    }

    SignalingTestBase(SignalingConfig config) {
        signaling = new Signaling(
                rooms,
                new AccessTokenVerifier(ApiKeySecrets.inMemory().add(KEY), clock, Duration.ofSeconds(10)),
                EngineCapabilities.DEFAULT,
                config,
                new SignalingMetrics(registry),
                scheduler,
                Runnable::run,
                nanos::get);
    }

    /** One client socket. */
    final class Client {
        final RecordingConnection socket = new RecordingConnection();
        final ConnectionHandler handler = signaling.open(socket);

        Client send(String json) {
            handler.onText(json);
            return this;
        }

        Client send(ObjectNode message) {
            return send(message.toString());
        }

        Client join(String identity, String room) {
            return send(msg("join")
                    .put("token", minter.mint(identity, null, Duration.ofHours(1)))
                    .put("room", room));
        }

        void drop() {
            handler.onClosed();
        }

        /** The client closed the socket with a close frame carrying {@code code}. */
        void closeWith(int code) {
            handler.onClosed(code);
        }
    }

    static ObjectNode msg(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    double counter(String name, String tag, String value) {
        var c = registry.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }
}

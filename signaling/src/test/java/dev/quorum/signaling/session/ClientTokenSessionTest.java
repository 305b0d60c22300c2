package dev.quorum.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opentok.OpenTok;
import com.opentok.Role;
import com.opentok.TokenOptions;
import dev.quorum.rtp.testing.MutableClock;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.signaling.negotiation.EngineCapabilities;
import dev.quorum.signaling.testing.FakeRooms;
import dev.quorum.signaling.testing.Fixtures;
import dev.quorum.signaling.testing.ManualScheduler;
import dev.quorum.signaling.testing.RecordingConnection;
import dev.quorum.signaling.token.AccessTokenVerifier;
import dev.quorum.signaling.token.ApiKeySecrets;
import dev.quorum.signaling.token.ClientGrant;
import dev.quorum.signaling.token.ClientTokenKeys;
import dev.quorum.signaling.token.ClientTokenVerifier;
import dev.quorum.signaling.token.TokenVerifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Joining a session with an archive API client token: its session's room, its role, its connection. */
@Tag("slow")
class ClientTokenSessionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String SESSION = "1_"
            + Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString("1~4567~~1700000000000~0.5~".getBytes(StandardCharsets.UTF_8));
    static final RoomSettings H264_ROOM = new RoomSettings(
            "group",
            null,
            "POST",
            50,
            Duration.ofHours(4),
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            List.of("H264"),
            false,
            List.of(),
            false,
            "us1",
            false);

    final FakeRooms rooms = new FakeRooms();
    final MutableClock clock = new MutableClock(Instant.now());
    final List<String> joined = new CopyOnWriteArrayList<>();
    final OpenTok sdk = new OpenTok(4567, "project-secret-of-some-length");
    final ClientTokenKeys keys = new ClientTokenKeys() {
        @Override
        public Optional<Project> project(String id) {
            return id.equals("4567")
                    ? Optional.of(new Project(id, ACCOUNT, "project-secret-of-some-length", null))
                    : Optional.empty();
        }

        @Override
        public Optional<Session> session(String sessionId) {
            return sessionId.equals(SESSION)
                    ? Optional.of(new Session(SESSION, "4567", ACCOUNT, H264_ROOM))
                    : Optional.empty();
        }

        @Override
        public void joined(ClientGrant grant, String connectionId, String roomSid, String participantSid) {
            joined.add(grant.role() + " " + connectionId + " " + participantSid + " " + grant.connectionData());
        }
    };
    final Signaling signaling = new Signaling(
            rooms,
            TokenVerifier.of(
                    new AccessTokenVerifier(ApiKeySecrets.inMemory(), clock, Duration.ofSeconds(10)),
                    new ClientTokenVerifier(keys, clock, Duration.ofSeconds(10))),
            EngineCapabilities.DEFAULT,
            SignalingConfig.DEFAULTS,
            new SignalingMetrics(new SimpleMeterRegistry()),
            new ManualScheduler(),
            Runnable::run,
            new AtomicLong()::get);

    RecordingConnection join(Role role) throws Exception {
        RecordingConnection socket = new RecordingConnection();
        ConnectionHandler h = signaling.open(socket);
        String token = sdk.generateToken(
                SESSION, new TokenOptions.Builder().role(role).data("ann").build());
        h.onText(JSON.createObjectNode().put("type", "join").put("token", token).toString());
        h.onText(JSON.createObjectNode()
                .put("type", "publish")
                .put("id", "pub")
                .put("sdp", Fixtures.text(Fixtures.SIMULCAST_OFFER))
                .toString());
        return socket;
    }

    @Test
    void aClientJoinsItsSessionsRoomAsANewConnectionAndIsRecorded() throws Exception {
        RecordingConnection socket = join(Role.PUBLISHER);
        JsonNode j = socket.last("joined");
        assertThat(j).isNotNull();
        assertThat(j.path("room").path("name").asText()).isEqualTo(SESSION);
        assertThat(rooms.last().info().identity()).matches("[0-9a-f-]{36}");
        assertThat(rooms.rooms.values())
                .singleElement()
                .satisfies(r -> assertThat(r.uniqueName()).isEqualTo(SESSION));
        assertThat(joined)
                .singleElement()
                .asString()
                .isEqualTo("publisher " + rooms.last().info().identity() + " "
                        + rooms.last().sid() + " ann");
    }

    @Test
    void aSubscriberMayNotPublishAPublisherMay() throws Exception {
        RecordingConnection subscriber = join(Role.SUBSCRIBER);
        JsonNode error = subscriber.last("error");
        assertThat(error.path("code").asInt()).isEqualTo(20403);
        assertThat(error.path("message").asText()).contains("subscriber").contains("may not publish");
        assertThat(subscriber.ofType("publishAnswer")).isEmpty();
        assertThat(subscriber.open()).as("the session goes on, receiving").isTrue();

        RecordingConnection publisher = join(Role.PUBLISHER);
        assertThat(publisher.last("publishAnswer")).isNotNull();
    }
}

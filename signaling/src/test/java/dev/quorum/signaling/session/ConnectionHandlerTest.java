package dev.quorum.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.sfu.api.RoomException;
import dev.quorum.signaling.negotiation.EngineCapabilities;
import dev.quorum.signaling.protocol.CloseCodes;
import dev.quorum.signaling.testing.RecordingConnection;
import dev.quorum.signaling.token.AccessTokenVerifier;
import dev.quorum.signaling.token.ApiKeySecrets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConnectionHandlerTest extends SignalingTestBase {

    @Nested
    class Joining {

        @Test
        void aValidTokenJoinsAndTellsTheClientWhoAndWhereItIs() {
            Client c = new Client()
                    .send(msg("join")
                            .put("id", "j1")
                            .put("token", minter.mint("alice", null, Duration.ofHours(1)))
                            .put("room", "daily"));
            JsonNode joined = c.socket.last("joined");
            assertThat(joined.path("protocol").asInt()).isEqualTo(1);
            assertThat(joined.path("room").path("name").asText()).isEqualTo("daily");
            assertThat(joined.path("room").path("sid").asText()).startsWith("RM");
            assertThat(joined.path("participant").path("identity").asText()).isEqualTo("alice");
            assertThat(joined.path("participant").path("sid").asText()).isEqualTo(rooms.last().sid);
            assertThat(joined.path("resumeToken").asText()).hasSize(32);
            assertThat(joined.path("limits").path("maxMessageBytes").asInt()).isEqualTo(256 * 1024);
            assertThat(rooms.last().room.accountSid()).isEqualTo(KEY.accountSid());
            assertThat(signaling.sessions()).isEqualTo(1);
            assertThat(c.socket.open()).isTrue();
        }

        @Test
        void theTokensRoomGrantIsUsedWhenNoRoomIsNamed() {
            Client c =
                    new Client().send(msg("join").put("token", minter.mint("alice", "standup", Duration.ofHours(1))));
            assertThat(c.socket.last("joined").path("room").path("name").asText())
                    .isEqualTo("standup");
        }

        @Test
        void aRefusedTokenIsReportedThenTheSocketClosesWith4401() {
            Client c = new Client()
                    .send(msg("join").put("id", 7).put("token", "not.a.token").put("room", "daily"));
            JsonNode error = c.socket.last("error");
            assertThat(error.path("code").asInt()).isEqualTo(20101);
            assertThat(error.path("name").asText()).isEqualTo("malformed");
            assertThat(error.path("re").path("type").asText()).isEqualTo("join");
            assertThat(error.path("re").path("id").asText()).isEqualTo("7");
            assertThat(c.socket.closeCode).isEqualTo(CloseCodes.TOKEN_REFUSED);
            assertThat(c.socket.closeReason).isEqualTo("20101 malformed");
            assertThat(counter("quorum.signaling.token.refusals", "reason", "malformed"))
                    .isEqualTo(1);
            assertThat(rooms.joined).isEmpty();
        }

        @Test
        void anExpiredTokenIsRefusedWith20104() {
            String token = minter.mint("alice", null, Duration.ofMinutes(1));
            clock.advance(Duration.ofMinutes(2));
            Client c = new Client().send(msg("join").put("token", token).put("room", "daily"));
            assertThat(c.socket.last("error").path("code").asInt()).isEqualTo(20104);
            assertThat(c.socket.closeCode).isEqualTo(CloseCodes.TOKEN_REFUSED);
        }

        @Test
        void aTokenForAnotherRoomIsRefused() {
            new Client().join("bob", "weekly");
            String sidOfWeekly = rooms.last().room.sid();
            Client c = new Client()
                    .send(msg("join")
                            .put("token", minter.mint("alice", "daily", Duration.ofHours(1)))
                            .put("room", "weekly"));
            assertThat(c.socket.last("error").path("code").asInt()).isEqualTo(20106);
            assertThat(c.socket.last("error").path("message").asText()).contains("grants room 'daily'");
            assertThat(c.socket.closeCode).isEqualTo(CloseCodes.TOKEN_REFUSED);
            // A grant naming the room's SID lets the holder in by name.
            Client bySid = new Client()
                    .send(msg("join")
                            .put("token", minter.mint("carol", sidOfWeekly, Duration.ofHours(1)))
                            .put("room", "weekly"));
            assertThat(bySid.socket.ofType("joined")).hasSize(1);
        }

        @Test
        void aRoomThatRefusesTheParticipantClosesWith4403() {
            rooms.refusal = new RoomException(53105, "Room contains too many Participants");
            Client c = new Client().join("alice", "daily");
            assertThat(c.socket.last("error").path("code").asInt()).isEqualTo(53105);
            assertThat(c.socket.last("error").path("message").asText()).contains("too many");
            assertThat(c.socket.closeCode).isEqualTo(CloseCodes.ROOM_REFUSED);
            assertThat(signaling.sessions()).isZero();
        }

        @Test
        void aSocketThatNeverJoinsIsClosedAfterTheJoinTimeout() {
            Client c = new Client();
            scheduler.advance(Duration.ofSeconds(9));
            assertThat(c.socket.open()).isTrue();
            scheduler.advance(Duration.ofSeconds(2));
            assertThat(c.socket.last("error").path("code").asInt()).isEqualTo(53002);
            assertThat(c.socket.closeCode).isEqualTo(CloseCodes.JOIN_TIMEOUT);
        }

        @Test
        void aJoinedSocketIsNotTimedOut() {
            Client c = new Client().join("alice", "daily");
            scheduler.advance(Duration.ofMinutes(1));
            assertThat(c.socket.open()).isTrue();
        }

        @Test
        void anythingButJoinOrResumeFirstClosesTheSocket() {
            Client garbage = new Client().send("{not json");
            assertThat(garbage.socket.last("error").path("code").asInt()).isEqualTo(53004);
            assertThat(garbage.socket.closeCode).isEqualTo(CloseCodes.PROTOCOL_VIOLATION);
            Client early = new Client().send(msg("publish").put("sdp", "v=0"));
            assertThat(early.socket.last("error").path("code").asInt()).isEqualTo(53006);
            assertThat(early.socket.last("error").path("re").path("type").asText())
                    .isEqualTo("publish");
            assertThat(early.socket.closeCode).isEqualTo(CloseCodes.PROTOCOL_VIOLATION);
            Client unknown = new Client().send(msg("hello"));
            assertThat(unknown.socket.last("error").path("code").asInt()).isEqualTo(53005);
            assertThat(unknown.socket.closeCode).isEqualTo(CloseCodes.PROTOCOL_VIOLATION);
        }

        @Test
        void pingWorksBeforeJoining() {
            Client c = new Client().send(msg("ping").put("id", "p"));
            assertThat(c.socket.last("pong").path("re").asText()).isEqualTo("p");
            assertThat(c.socket.open()).isTrue();
        }

        @Test
        void aJoinTheServerFailsToHandleIsAnsweredAndClosedWith4500() {
            ApiKeySecrets unreachable = keySid -> {
                throw new IllegalStateException("the metadata store is unreachable");
            };
            Signaling broken = new Signaling(
                    rooms,
                    new AccessTokenVerifier(unreachable, clock, Duration.ofSeconds(10)),
                    EngineCapabilities.DEFAULT,
                    SignalingConfig.DEFAULTS,
                    new SignalingMetrics(new SimpleMeterRegistry()),
                    scheduler,
                    Runnable::run,
                    nanos::get);
            RecordingConnection socket = new RecordingConnection();
            broken.open(socket)
                    .onText(msg("join")
                            .put("token", minter.mint("alice", null, Duration.ofHours(1)))
                            .put("room", "daily")
                            .toString());
            assertThat(socket.last("error").path("code").asInt()).isEqualTo(53000);
            assertThat(socket.closeCode).isEqualTo(CloseCodes.SERVER_ERROR);
            assertThat(rooms.joined).isEmpty();
        }
    }

    @Nested
    class FlowControl {

        @Test
        void anOversizedMessageIsRefusedAndClosesWith4413() {
            Client c = new Client().join("alice", "daily");
            c.send(msg("ping").put("padding", "x".repeat(300 * 1024)));
            assertThat(c.socket.last("error").path("code").asInt()).isEqualTo(53007);
            assertThat(c.socket.closeCode).isEqualTo(CloseCodes.MESSAGE_TOO_LARGE);
        }

        @Test
        void aFloodIsRefusedAndClosesWith4429ButTheParticipantMayResume() {
            Client c = new Client().join("alice", "daily");
            for (int i = 0; i < 500; i++) {
                c.send(msg("ping"));
            }
            assertThat(c.socket.last("error").path("code").asInt()).isEqualTo(53008);
            assertThat(c.socket.closeCode).isEqualTo(CloseCodes.RATE_LIMITED);
            // The join and 99 pings used the burst of 100; the flood was refused once.
            assertThat(c.socket.ofType("pong")).hasSize(99);
            assertThat(c.socket.ofType("error")).hasSize(1);
            assertThat(rooms.last().leftWith).isNull();
            assertThat(counter("quorum.signaling.errors", "code", "53008")).isEqualTo(1);
        }

        @Test
        void aFloodedClientThatNeverResumesLeavesWhenTheResumeWindowEnds() {
            Client c = new Client().join("alice", "daily");
            for (int i = 0; i < 500; i++) {
                c.send(msg("ping"));
            }
            assertThat(c.socket.closeCode).isEqualTo(CloseCodes.RATE_LIMITED);
            c.closeWith(CloseCodes.RATE_LIMITED); // the socket's close, as the WebSocket layer reports it
            scheduler.advance(SignalingConfig.DEFAULTS.resumeWindow().minusSeconds(1));
            assertThat(rooms.last().leftWith).isNull();
            scheduler.advance(Duration.ofSeconds(2));
            assertThat(rooms.last().leftWith).isEqualTo("signaling connection lost");
        }

        @Test
        void theBucketRefillsAtTheConfiguredRate() {
            Client c = new Client().join("alice", "daily");
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 50; i++) {
                    c.send(msg("ping"));
                }
                nanos.addAndGet(1_000_000_000L);
            }
            assertThat(c.socket.open()).isTrue();
            assertThat(c.socket.ofType("pong")).hasSize(250);
        }
    }

    @Test
    void messagesAreCountedByType() {
        Client c = new Client().join("alice", "daily");
        c.send(msg("ping")).send(msg("ping")).send(msg("bogus")).send("[]");
        assertThat(counter("quorum.signaling.messages", "type", "join")).isEqualTo(1);
        assertThat(counter("quorum.signaling.messages", "type", "ping")).isEqualTo(2);
        assertThat(counter("quorum.signaling.messages", "type", "unknown")).isEqualTo(1);
        assertThat(counter("quorum.signaling.messages", "type", "invalid")).isEqualTo(1);
        assertThat(registry.find("quorum.signaling.connections").gauge().value())
                .isEqualTo(1);
        c.drop();
        assertThat(registry.find("quorum.signaling.connections").gauge().value())
                .isZero();
    }
}

package dev.quorum.signaling.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opentok.OpenTok;
import com.opentok.Role;
import com.opentok.TokenOptions;
import com.vonage.client.VonageClient;
import com.vonage.client.video.VideoClient;
import dev.quorum.rtp.testing.MutableClock;
import dev.quorum.sfu.api.RoomSettings;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Client tokens minted by the two official server SDKs, exactly as a customer's backend mints them. */
class ClientTokenVerifierTest {

    static final int API_KEY = 4567;
    static final String SECRET = "project-secret-of-some-length";
    static final String APP = "5a1a0f7e-5dc4-4e83-a8b9-3c4e1f0a9d21";
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";

    final MutableClock clock = new MutableClock(Instant.now());
    final KeyPair rsa = rsa();
    final String session = sessionId(Integer.toString(API_KEY));
    final String appSession = sessionId(APP);
    final List<String> joins = new ArrayList<>();

    final ClientTokenKeys keys = new ClientTokenKeys() {
        @Override
        public Optional<Project> project(String id) {
            return switch (id) {
                case "4567" -> Optional.of(new Project("4567", ACCOUNT, SECRET, null));
                case APP -> Optional.of(new Project(APP, ACCOUNT, null, rsa.getPublic()));
                default -> Optional.empty();
            };
        }

        @Override
        public Optional<Session> session(String sessionId) {
            Map<String, String> owners = Map.of(session, "4567", appSession, APP);
            return Optional.ofNullable(owners.get(sessionId))
                    .map(p -> new Session(sessionId, p, ACCOUNT, RoomSettings.defaults(false)));
        }

        @Override
        public void joined(ClientGrant grant, String connectionId, String roomSid, String participantSid) {
            joins.add(connectionId);
        }
    };
    final ClientTokenVerifier verifier = new ClientTokenVerifier(keys, clock, Duration.ofSeconds(10));

    /** An ID in the encoding the OpenTok SDK checks: {@code 1_} + base64 of {@code 1~<project>~~<time>~<random>~}. */
    static String sessionId(String project) {
        String raw = "1~" + project + "~~" + System.nanoTime() + "~0.5~";
        return "1_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    VideoClient vonage(KeyPair key) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return VonageClient.builder()
                .applicationId(APP)
                .privateKeyContents(pem)
                .build()
                .getVideoClient();
    }

    @Test
    void anOpenTokT1TokenGrantsItsSessionRoleDataAndClasses() throws Exception {
        String token = new OpenTok(API_KEY, SECRET)
                .generateToken(
                        session,
                        new TokenOptions.Builder()
                                .role(Role.SUBSCRIBER)
                                .data("name=Ann & co")
                                .initialLayoutClassList(List.of("full", "focus"))
                                .build());
        assertThat(token).startsWith("T1==");
        AccessToken t = verifier.verify(token);
        assertThat(t.accountSid()).isEqualTo(ACCOUNT);
        assertThat(t.room()).isEqualTo(session);
        assertThat(t.identity()).matches("[0-9a-f-]{36}");
        assertThat(t.client().role()).isEqualTo("subscriber");
        assertThat(t.mayPublish()).isFalse();
        assertThat(t.client().connectionData()).isEqualTo("name=Ann & co");
        assertThat(t.client().layoutClasses()).containsExactly("full", "focus");
        assertThat(verifier.verify(token).identity())
                .as("each join is a new connection")
                .isNotEqualTo(t.identity());
    }

    @Test
    void aVonageJwtGrantsItsSessionRoleDataAndClasses() throws Exception {
        String token = vonage(rsa)
                .generateToken(
                        appSession,
                        com.vonage.client.video.TokenOptions.builder()
                                .role(com.vonage.client.video.Role.MODERATOR)
                                .data("{\"user\":42}")
                                .initialLayoutClassList(List.of("focus"))
                                .build());
        assertThat(ClientTokenVerifier.isClientToken(token)).isTrue();
        AccessToken t = verifier.verify(token);
        assertThat(t.room()).isEqualTo(appSession);
        assertThat(t.client().role()).isEqualTo("moderator");
        assertThat(t.mayPublish()).isTrue();
        assertThat(t.client().connectionData()).isEqualTo("{\"user\":42}");
        assertThat(t.client().layoutClasses()).containsExactly("focus");
        assertThat(t.expiresAt()).isAfter(clock.instant().plus(Duration.ofHours(23)));
    }

    @Test
    void theDefaultRoleIsPublisher() throws Exception {
        assertThat(verifier.verify(new OpenTok(API_KEY, SECRET).generateToken(session))
                        .client()
                        .role())
                .isEqualTo("publisher");
        assertThat(verifier.verify(vonage(rsa).generateToken(appSession))
                        .client()
                        .role())
                .isEqualTo("publisher");
    }

    @Test
    void aTokenSignedWithAnotherSecretOrKeyIsRefused() throws Exception {
        String forged = new OpenTok(API_KEY, "another-secret-entirely").generateToken(session);
        assertThatThrownBy(() -> verifier.verify(forged))
                .isInstanceOfSatisfying(
                        TokenRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(TokenRefusal.BAD_SIGNATURE));
        String otherKey = vonage(rsa()).generateToken(appSession);
        assertThatThrownBy(() -> verifier.verify(otherKey))
                .isInstanceOfSatisfying(
                        TokenRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(TokenRefusal.BAD_SIGNATURE));
    }

    @Test
    void aSessionOfAnotherProjectOrUnknownIsRefused() throws Exception {
        String foreign = new OpenTok(API_KEY, SECRET).generateToken(sessionId("4567"));
        assertThatThrownBy(() -> verifier.verify(foreign))
                .isInstanceOfSatisfying(
                        TokenRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(TokenRefusal.UNKNOWN_SESSION));
        String crossed = vonage(rsa).generateToken(session);
        assertThatThrownBy(() -> verifier.verify(crossed))
                .isInstanceOfSatisfying(
                        TokenRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(TokenRefusal.UNKNOWN_SESSION));
        String unknownProject = new OpenTok(999, SECRET).generateToken(sessionId("999"));
        assertThatThrownBy(() -> verifier.verify(unknownProject))
                .isInstanceOfSatisfying(
                        TokenRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(TokenRefusal.UNKNOWN_PROJECT));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = new OpenTok(API_KEY, SECRET)
                .generateToken(
                        session,
                        new TokenOptions.Builder()
                                .expireTime(clock.instant().getEpochSecond() + 60)
                                .build());
        assertThat(verifier.verify(token)).isNotNull();
        clock.advance(Duration.ofSeconds(71));
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(
                        TokenRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(TokenRefusal.EXPIRED));
    }

    @Test
    void accessTokensAreNotClientTokens() {
        String access = AccessTokenVerifierTest.videoToken("alice", "daily");
        assertThat(ClientTokenVerifier.isClientToken(access)).isFalse();
        assertThat(ClientTokenVerifier.isClientToken("T1==abc")).isTrue();
        assertThat(ClientTokenVerifier.isClientToken("garbage")).isFalse();
    }
}

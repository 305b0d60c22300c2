package dev.quorum.signaling.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.jwt.accesstoken.AccessToken.Builder;
import com.twilio.jwt.accesstoken.ChatGrant;
import com.twilio.jwt.accesstoken.VideoGrant;
import dev.quorum.rtp.testing.MutableClock;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.RoomSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AccessTokenVerifierTest {

    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String OTHER_ACCOUNT = "AC99999999999999999999999999999999";
    static final String KEY = "SK0123456789abcdef0123456789abcdef";
    static final String SECRET = "s3cr3t-of-at-least-thirty-two-bytes!";

    final MutableClock clock = new MutableClock(Instant.now());
    final ApiKeySecrets keys = ApiKeySecrets.inMemory().add(new ApiKeySecret(KEY, ACCOUNT, SECRET));
    final AccessTokenVerifier verifier = new AccessTokenVerifier(keys, clock, Duration.ofSeconds(10));

    /** The official Java helper, exactly as a customer's backend calls it. */
    static Builder twilio(String account, String secret) {
        return new Builder(account, KEY, secret.getBytes(StandardCharsets.UTF_8));
    }

    static String videoToken(String identity, String room) {
        VideoGrant grant = new VideoGrant();
        if (room != null) {
            grant.setRoom(room);
        }
        return twilio(ACCOUNT, SECRET).identity(identity).grant(grant).build().toJwt();
    }

    @Nested
    class TokensFromTheOfficialJavaHelper {

        @Test
        void aRoomTokenVerifiesWithItsIdentityRoomAndAccount() throws TokenRefusedException {
            AccessToken t = verifier.verify(videoToken("alice", "daily"));
            assertThat(t.identity()).isEqualTo("alice");
            assertThat(t.room()).isEqualTo("daily");
            assertThat(t.accountSid()).isEqualTo(ACCOUNT);
            assertThat(t.apiKeySid()).isEqualTo(KEY);
            assertThat(t.expiresAt())
                    .isBetween(
                            clock.instant().plusSeconds(3500), clock.instant().plusSeconds(3700));
        }

        @Test
        void aTokenWithoutRoomGrantsEveryRoom() throws TokenRefusedException {
            AccessToken t = verifier.verify(videoToken("bob", null));
            assertThat(t.room()).isNull();
            assertThat(t.allowsRoom("anything", null)).isTrue();
        }

        @Test
        void aRegionHeaderAndCustomTtlAreAccepted() throws TokenRefusedException {
            String jwt = twilio(ACCOUNT, SECRET)
                    .identity("carol")
                    .region("ie1")
                    .ttl(600)
                    .grant(new VideoGrant())
                    .build()
                    .toJwt();
            assertThat(verifier.verify(jwt).identity()).isEqualTo("carol");
        }

        @Test
        void nbfIsHonoured() throws TokenRefusedException {
            String jwt = twilio(ACCOUNT, SECRET)
                    .identity("dave")
                    .grant(new VideoGrant())
                    .nbf(Date.from(clock.instant().plusSeconds(120)))
                    .build()
                    .toJwt();
            assertRefused(jwt, TokenRefusal.NOT_YET_VALID);
            clock.advance(Duration.ofSeconds(121));
            assertThat(verifier.verify(jwt).identity()).isEqualTo("dave");
        }

        @Test
        void anExpiredTokenIsRefused() {
            String jwt = twilio(ACCOUNT, SECRET)
                    .identity("erin")
                    .ttl(60)
                    .grant(new VideoGrant())
                    .build()
                    .toJwt();
            clock.advance(Duration.ofSeconds(75));
            assertRefused(jwt, TokenRefusal.EXPIRED);
        }

        @Test
        void aTokenLivingLongerThanADayIsRefused() {
            String jwt = twilio(ACCOUNT, SECRET)
                    .identity("frank")
                    .ttl(2 * 86_400)
                    .grant(new VideoGrant())
                    .build()
                    .toJwt();
            assertRefused(jwt, TokenRefusal.BAD_EXPIRY);
        }

        @Test
        void aTokenWithoutVideoGrantIsRefused() {
            assertRefused(
                    twilio(ACCOUNT, SECRET)
                            .identity("gina")
                            .grant(new ChatGrant().setServiceSid("IS1"))
                            .build()
                            .toJwt(),
                    TokenRefusal.NO_VIDEO_GRANT);
        }

        @Test
        void aTokenWithoutIdentityIsRefused() {
            assertRefused(
                    twilio(ACCOUNT, SECRET).grant(new VideoGrant()).build().toJwt(), TokenRefusal.NO_IDENTITY);
        }

        @Test
        void aTokenSignedWithAnotherSecretIsRefused() {
            assertRefused(
                    twilio(ACCOUNT, "another-secret-of-thirty-two-bytes!!")
                            .identity("h")
                            .grant(new VideoGrant())
                            .build()
                            .toJwt(),
                    TokenRefusal.BAD_SIGNATURE);
        }

        @Test
        void aTokenClaimingAnotherAccountIsRefused() {
            assertRefused(
                    twilio(OTHER_ACCOUNT, SECRET)
                            .identity("i")
                            .grant(new VideoGrant())
                            .build()
                            .toJwt(),
                    TokenRefusal.ACCOUNT_MISMATCH);
        }

        @Test
        void aTokenFromAnUnknownKeyIsRefused() {
            ((ApiKeySecrets.InMemory) keys).remove(KEY);
            assertRefused(videoToken("j", null), TokenRefusal.UNKNOWN_API_KEY);
        }
    }

    @Test
    void changingAnyClaimAfterSigningBreaksTheSignature() {
        String[] parts = videoToken("alice", "daily").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"alice\"", "\"mallory\"");
        String forged = parts[0] + "." + b64(payload) + "." + parts[2];
        assertRefused(forged, TokenRefusal.BAD_SIGNATURE);
    }

    @Test
    void headersOtherThanTheHostedFormatAreRefused() {
        String[] parts = videoToken("alice", null).split("\\.");
        assertRefused(
                b64("{\"alg\":\"none\",\"cty\":\"twilio-fpa;v=1\"}") + "." + parts[1] + ".", TokenRefusal.BAD_HEADER);
        assertRefused(
                b64("{\"alg\":\"RS256\",\"cty\":\"twilio-fpa;v=1\"}") + "." + parts[1] + "." + parts[2],
                TokenRefusal.BAD_HEADER);
        assertRefused(
                b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2], TokenRefusal.BAD_HEADER);
    }

    @Test
    void structurallyBrokenTokensAreMalformed() {
        assertRefused("", TokenRefusal.MISSING);
        assertRefused(null, TokenRefusal.MISSING);
        assertRefused("abc", TokenRefusal.MALFORMED);
        assertRefused("a.b", TokenRefusal.MALFORMED);
        assertRefused("!!!.@@@.###", TokenRefusal.MALFORMED);
        assertRefused(b64("[1,2]") + "." + b64("{}") + ".x", TokenRefusal.MALFORMED);
        assertRefused("x".repeat(AccessTokenVerifier.MAX_TOKEN_LENGTH + 1), TokenRefusal.MALFORMED);
        String header = b64("{\"alg\":\"HS256\",\"cty\":\"twilio-fpa;v=1\"}");
        assertRefused(header + "." + b64("{\"iss\":42}") + ".x", TokenRefusal.MALFORMED);
    }

    @Test
    void aSignedTokenWithoutExpiryIsRefused() {
        assertRefused(signed(""), TokenRefusal.BAD_EXPIRY);
    }

    @Test
    void expiriesBeyondTheRangeOfATimestampAreRefusedNotWrappedOrThrown() throws TokenRefusedException {
        long now = clock.instant().getEpochSecond();
        // 2^64 + now + 60 would read as now + 60 if the claim were taken modulo 2^64.
        String wrapsToValid = java.math.BigInteger.ONE
                .shiftLeft(64)
                .add(java.math.BigInteger.valueOf(now + 60))
                .toString();
        for (String exp : new String[] {
            wrapsToValid, "31556889864403200", Long.toString(Long.MAX_VALUE), "1e300", "18446744073709551616"
        }) {
            assertRefused(signed(",\"exp\":" + exp), TokenRefusal.BAD_EXPIRY);
        }
        for (String exp :
                new String[] {"-31557014167219201", Long.toString(Long.MIN_VALUE), "-1e300", "-" + wrapsToValid}) {
            assertRefused(signed(",\"exp\":" + exp), TokenRefusal.EXPIRED);
        }
        String exp = ",\"exp\":" + (now + 60);
        for (String nbf : new String[] {"31556889864403200", Long.toString(Long.MAX_VALUE), "1e300", wrapsToValid}) {
            assertRefused(signed(exp + ",\"nbf\":" + nbf), TokenRefusal.NOT_YET_VALID);
        }
        for (String nbf : new String[] {"-31557014167219201", Long.toString(Long.MIN_VALUE), "-1e300"}) {
            assertThat(verifier.verify(signed(exp + ",\"nbf\":" + nbf)).identity())
                    .isEqualTo("a");
        }
        assertThat(verifier.verify(signed(exp + ".5")).expiresAt()).isEqualTo(Instant.ofEpochSecond(now + 60));
    }

    /** A token signed with the test key; {@code claims} follow the grants, each starting with a comma. */
    private static String signed(String claims) {
        String header = b64("{\"alg\":\"HS256\",\"cty\":\"twilio-fpa;v=1\"}");
        String payload = b64("{\"iss\":\"" + KEY + "\",\"sub\":\"" + ACCOUNT
                + "\",\"grants\":{\"identity\":\"a\",\"video\":{}}" + claims + "}");
        String input = header + "." + payload;
        return input + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                AccessTokenVerifier.hmac("HmacSHA256", SECRET.getBytes(StandardCharsets.UTF_8), input));
    }

    @Test
    void tokensFromOurMinterVerifyAndCarryTheSameClaims() throws TokenRefusedException {
        AccessTokenMinter minter = new AccessTokenMinter(new ApiKeySecret(KEY, ACCOUNT, SECRET), clock);
        AccessToken t = verifier.verify(minter.mint("zoe", "standup", Duration.ofMinutes(30)));
        assertThat(t.identity()).isEqualTo("zoe");
        assertThat(t.room()).isEqualTo("standup");
        assertThat(t.expiresAt())
                .isEqualTo(Instant.ofEpochSecond(clock.instant().getEpochSecond() + 1800));
        String header = new String(
                Base64.getUrlDecoder()
                        .decode(minter.mint("zoe", null, Duration.ofMinutes(1)).split("\\.")[0]),
                StandardCharsets.UTF_8);
        assertThat(header).isEqualTo("{\"cty\":\"twilio-fpa;v=1\",\"typ\":\"JWT\",\"alg\":\"HS256\"}");
    }

    @Test
    void aRoomGrantMatchesTheRoomsNameOrSid() {
        RoomInfo daily = new RoomInfo(
                "RM0123456789abcdef0123456789abcdef",
                ACCOUNT,
                "daily",
                RoomInfo.IN_PROGRESS,
                Instant.now(),
                null,
                RoomSettings.defaults(false));
        AccessToken byName = new AccessToken(KEY, ACCOUNT, "a", "daily", Instant.MAX);
        AccessToken bySid = new AccessToken(KEY, ACCOUNT, "a", daily.sid(), Instant.MAX);
        assertThat(byName.allowsRoom("daily", null)).isTrue();
        assertThat(byName.allowsRoom(daily.sid(), daily)).isTrue();
        assertThat(bySid.allowsRoom("daily", daily)).isTrue();
        assertThat(bySid.allowsRoom("daily", null)).isFalse();
        assertThat(byName.allowsRoom("weekly", null)).isFalse();
    }

    private void assertRefused(String jwt, TokenRefusal refusal) {
        assertThatThrownBy(() -> verifier.verify(jwt))
                .isInstanceOf(TokenRefusedException.class)
                .satisfies(
                        e -> assertThat(((TokenRefusedException) e).refusal()).isEqualTo(refusal));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

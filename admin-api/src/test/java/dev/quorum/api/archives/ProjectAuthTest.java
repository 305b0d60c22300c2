package dev.quorum.api.archives;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Both REST flavours authenticate, and every failure is a 403 with a JSON body saying why. */
@Tag("slow")
class ProjectAuthTest extends ArchiveTestBase {

    private VideoApiClient.Reply list(String[] auth) {
        return opentok.raw("GET", "/v2/project/" + API_KEY + "/archive", null, null, auth);
    }

    private static String[] opentokAuth(JsonObject claims, String secret) {
        return new String[] {"X-OPENTOK-AUTH", VideoApiClient.hs256(claims, secret)};
    }

    private static JsonObject claims(String iss) {
        long now = Instant.now().getEpochSecond();
        return new JsonObject()
                .put("iss", iss)
                .put("ist", "project")
                .put("iat", now)
                .put("exp", now + 180)
                .put("jti", UUID.randomUUID().toString());
    }

    private static void refused(VideoApiClient.Reply r, String why) {
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.json().getInteger("code")).isEqualTo(403);
        assertThat(r.json().getString("message"))
                .startsWith("Authentication error")
                .contains(why);
    }

    @Test
    void bothFlavoursAreAccepted() {
        assertThat(opentok.get("/archive").status()).isEqualTo(200);
        assertThat(vonage.get("/archive").status()).isEqualTo(200);
        assertThat(list(opentokAuth(claims(API_KEY).put("iss", 123456), SECRET)).status())
                .as("iss as a number")
                .isEqualTo(200);
    }

    @Test
    void everyAuthenticationFailureIs403WithTheReason() {
        refused(list(null), "X-OPENTOK-AUTH");
        refused(list(opentokAuth(claims(API_KEY), "another-secret")), "signature");
        refused(list(opentokAuth(claims("654321"), SECRET)), "not the project 123456");
        refused(list(opentokAuth(claims(API_KEY).put("ist", "account"), SECRET)), "ist");
        refused(
                list(opentokAuth(claims(API_KEY).put("exp", Instant.now().getEpochSecond() - 3600), SECRET)),
                "expired");
        JsonObject noExpiry = claims(API_KEY);
        noExpiry.remove("exp");
        refused(list(opentokAuth(noExpiry, SECRET)), "expiry (exp)");
        refused(list(new String[] {"X-OPENTOK-AUTH", "not-a-jwt"}), "not a JWT");
        VideoApiClient otherKey = VideoApiClient.vonage(server.baseUrl(), APP, rsa().getPrivate(), clock);
        refused(otherKey.get("/archive"), "public key");
        refused(
                vonage.raw("GET", "/v2/project/" + API_KEY + "/archive", null, null, vonage.authHeader()),
                "not the application");
        long old = Instant.now().getEpochSecond() - 3600;
        refused(
                vonage.raw("GET", "/v2/project/" + APP + "/archive", null, null, new String[] {
                    "Authorization",
                    "Bearer "
                            + VideoApiClient.rs256(
                                    new JsonObject().put("application_id", APP).put("iat", old), APP_KEY.getPrivate())
                }),
                "15 minutes");
        VideoApiClient unknown = VideoApiClient.opentok(server.baseUrl(), "999", SECRET, clock);
        refused(unknown.get("/archive"), "not an API key of this server");
    }

    @Test
    void aDisabledProjectIsRefused() {
        server.store().projects().syncConfigured(java.util.List.of());
        refused(opentok.get("/archive"), "not an API key");
    }

    @Test
    void unknownPathsAre404AndOtherVerbs405InJson() {
        VideoApiClient.Reply r = opentok.get("/broadcast");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().getInteger("code")).isEqualTo(404);
        VideoApiClient.Reply m = opentok.call("PUT", "/archive", "{}");
        assertThat(m.status()).isEqualTo(405);
        assertThat(m.json().getInteger("code")).isEqualTo(405);
    }
}

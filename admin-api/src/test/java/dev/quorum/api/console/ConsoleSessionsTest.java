package dev.quorum.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.ConsoleClient;
import dev.quorum.api.testing.TestClient;
import dev.quorum.rtp.testing.MutableClock;
import dev.quorum.storage.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Console sessions against the API server on an injected clock: they end after the idle timeout
 * (30 minutes) unless used, and at the maximum age (12 hours) however busy; a change needs the
 * session's CSRF token; another account's resources answer as if they did not exist.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ConsoleSessionsTest {

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private ApiServer server;

    @BeforeEach
    void start() {
        server = new ApiServer(database, dir, clock, ApiServer.FAST_CALLBACKS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aSessionUnusedForTheIdleTimeoutEnds() {
        ConsoleClient c = ConsoleClient.signIn(server.baseUrl(), ApiServer.ACCOUNT, ApiServer.TOKEN);
        clock.advance(Duration.ofMinutes(29));
        assertThat(c.get("/v1/Rooms").status())
                .as("used within the idle timeout")
                .isEqualTo(200);
        clock.advance(Duration.ofMinutes(29));
        assertThat(c.get("/v1/Rooms").status())
                .as("the use moved the idle timeout on")
                .isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        assertThat(c.get("/v1/Rooms").status()).as("31 minutes unused").isEqualTo(401);
        assertThat(c.get("/console/session").status()).isEqualTo(401);
        assertThat(c.get("/console/rooms").status())
                .as("the pages send it to sign in")
                .isEqualTo(303);
    }

    @Test
    void aBusySessionEndsAtItsMaximumAge() {
        ConsoleClient c = ConsoleClient.signIn(server.baseUrl(), ApiServer.KEY, ApiServer.KEY_SECRET);
        for (int i = 0; i < 35; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(c.get("/v1/Rooms").status())
                    .as("after %d minutes", (i + 1) * 20)
                    .isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(20));
        assertThat(c.get("/v1/Rooms").status()).as("12 hours after sign-in").isEqualTo(401);
    }

    @Test
    void changesNeedTheCsrfTokenAndOtherAccountsStayHidden() {
        TestClient other = server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN);
        String theirs = other.post("/v1/Rooms", "UniqueName", "theirs").json().getString("sid");
        ConsoleClient c = ConsoleClient.signIn(server.baseUrl(), ApiServer.ACCOUNT, ApiServer.TOKEN);

        TestClient.Reply forged = c.post("/v1/Rooms", false, "UniqueName", "forged");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().getString("message")).contains("X-Quorum-Csrf");
        assertThat(c.post("/v1/Rooms", true, "UniqueName", "ours").status()).isEqualTo(201);
        assertThat(c.get("/v1/Rooms?UniqueName=forged").json().getJsonArray("rooms"))
                .isEmpty();

        assertThat(c.get("/v1/Rooms/" + theirs).status()).isEqualTo(404);
        assertThat(c.post("/v1/Rooms/" + theirs, true, "Status", "completed").status())
                .isEqualTo(404);
        assertThat(other.get("/v1/Rooms/" + theirs).json().getString("status")).isEqualTo("in-progress");
    }
}

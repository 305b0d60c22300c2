package dev.quorum.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ConsoleClient;
import dev.quorum.api.testing.TestClient.Reply;
import dev.quorum.server.api.ConfiguredServer;
import dev.quorum.server.api.RestClient;
import dev.quorum.signaling.testing.Chromium;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Cookie;

/**
 * Who may use the console, in Chromium against the whole server: the pages send a visitor without
 * a session to the sign-in page; a sign-in sets an HttpOnly, SameSite=Strict cookie (Secure behind
 * TLS); a change without the session's CSRF token is refused; another account's resources never
 * appear, even with their SIDs typed into the address; after sign-out the pages and the API calls
 * are refused, also to a copy of the old cookie.
 */
@Tag("slow")
class ConsoleAccessBrowserTest {

    static final String OTHER = "AC" + "0d".repeat(16);
    static final String OTHER_TOKEN = "another-account-token-0123456789";

    @TempDir
    Path data;

    @Test
    void signInChangesWithTheCsrfTokenOnlyOwnResourcesAndSignOut() throws Exception {
        try (ConfiguredServer quorum = ConfiguredServer.start(
                        data,
                        Map.of(
                                "accounts",
                                "main,other",
                                "accounts.other.sid",
                                OTHER,
                                "accounts.other.auth-token",
                                OTHER_TOKEN));
                Chromium chromium = Chromium.start()) {
            String base = quorum.baseUrl();
            RestClient main = new RestClient(base, ConfiguredServer.ACCOUNT, ConfiguredServer.AUTH_TOKEN);
            RestClient other = new RestClient(base, OTHER, OTHER_TOKEN);
            String ours = main.post("/v1/Rooms", 201, "UniqueName", "standup").getString("sid");
            String theirs = other.post("/v1/Rooms", 201, "UniqueName", "their-secret-room")
                    .getString("sid");
            main.post("/v1/CompositionHooks", 201, "FriendlyName", "Our grid", "AudioSources", "*");
            other.post("/v1/CompositionHooks", 201, "FriendlyName", "Their hook", "AudioSources", "*");

            ConsolePage console = new ConsolePage(chromium, base);
            console.open("/console/rooms");
            console.until("sent to the sign-in page", () -> console.path().startsWith("/console/sign-in?next="));
            assertThat(console.path()).isEqualTo("/console/sign-in?next=%2Fconsole%2Frooms");
            console.signIn(ConfiguredServer.KEY, "not-the-secret");
            console.until(
                    "a wrong secret is refused",
                    () -> console.text("#sign-in-error").contains("do not match"));
            console.screenshot("sign-in");

            console.signIn(ConfiguredServer.KEY, ConfiguredServer.KEY_SECRET);
            console.awaitSignedIn("/console/rooms");
            assertThat(console.text("#account")).contains(ConfiguredServer.ACCOUNT);
            console.until(
                    "our room is listed in progress",
                    () -> console.text("#live-rooms").contains("standup"));
            assertThat(console.text("#view")).doesNotContain("their-secret-room");

            Cookie cookie = console.driver().manage().getCookieNamed("quorum_console");
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
            assertThat(cookie.isSecure())
                    .as("plain http: a Secure cookie would never be sent back")
                    .isFalse();
            assertThat(console.chromium().run("return document.cookie"))
                    .as("scripts cannot read it")
                    .isEqualTo("");
            Reply behindTls = ConsoleClient.attempt(
                    base, ConfiguredServer.KEY, ConfiguredServer.KEY_SECRET, "X-Forwarded-Proto", "https");
            assertThat(behindTls.status()).isEqualTo(201);
            assertThat(behindTls.header("Set-Cookie"))
                    .contains("; Secure")
                    .containsIgnoringCase("; HttpOnly")
                    .contains("SameSite=Strict");

            // Another account's resources, by editing the address or calling the API from the page.
            console.open("/console/rooms/" + theirs);
            console.until(
                    "another account's room is not found",
                    () -> console.text("#view").contains("Not found in this account"));
            assertThat(console.text("#view")).doesNotContain("their-secret-room");
            assertThat(console.fetch("GET", "/v1/Rooms/" + theirs, Map.of(), null)
                            .get("status"))
                    .isEqualTo(404L);
            console.open("/console/hooks");
            console.until("our hook is listed", () -> console.text("#hooks").contains("Our grid"));
            assertThat(console.text("#hooks")).doesNotContain("Their hook");
            console.open("/console/recordings?room=" + theirs);
            console.until(
                    "another account's room filters nothing",
                    () -> !console.text("#recordings").isEmpty());
            assertThat(console.text("#recordings")).doesNotContain(theirs);

            // A change without the session's CSRF token, as another tab's script or a forged form would send it.
            String csrf = (String)
                    console.chromium().await("return (await (await fetch('/console/session')).json()).csrf_token");
            Map<String, Object> forged = console.fetch(
                    "POST",
                    "/v1/Rooms/" + ours,
                    Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    "Status=completed");
            assertThat(forged.get("status")).isEqualTo(403L);
            assertThat((String) forged.get("body")).contains("CSRF");
            Map<String, Object> wrongToken = console.fetch(
                    "POST",
                    "/v1/Rooms/" + ours,
                    Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Quorum-Csrf", csrf + "x"),
                    "Status=completed");
            assertThat(wrongToken.get("status")).isEqualTo(403L);
            assertThat(main.get("/v1/Rooms/" + ours).getString("status")).isEqualTo("in-progress");
            assertThat(console.fetch("DELETE", "/console/session", Map.of(), null)
                            .get("status"))
                    .as("signing out needs the token too")
                    .isEqualTo(403L);

            // The same change from the page's own button carries the token and goes through.
            console.open("/console/rooms");
            console.until(
                    "our room is listed in progress",
                    () -> console.text("#live-rooms").contains("standup"));
            console.screenshot("rooms");
            console.click("#live-rooms button.danger");
            console.until(
                    "the confirmation names the room",
                    () -> console.text("#confirm-message").contains("standup"));
            console.click("#confirm-ok");
            console.until(
                    "the room ends",
                    () -> "completed".equals(main.get("/v1/Rooms/" + ours).getString("status")));
            console.until(
                    "the page shows no room in progress without a reload",
                    () -> console.text("#live-rooms").contains("No room is in progress"));

            // Settings are saved from their form (a change with the token).
            console.open("/console/settings");
            console.until(
                    "the settings forms",
                    () -> !console.text("#recording-settings").isEmpty());
            console.type("Name", "Kept on this server");
            console.click("#recording-settings button[type=submit]");
            console.until(
                    "saved",
                    () -> "Kept on this server"
                            .equals(main.get("/v1/RecordingSettings/Default").getString("friendly_name")));
            console.screenshot("settings");
            console.open("/console/archives");
            console.until(
                    "the archives page answers", () -> console.text("main").contains("no video project"));

            String oldCookie =
                    console.driver().manage().getCookieNamed("quorum_console").getValue();
            console.click("#sign-out");
            console.until("back on the sign-in page", () -> console.path().startsWith("/console/sign-in"));
            console.open("/console/recordings");
            console.until(
                    "pages refused without a session", () -> console.path().startsWith("/console/sign-in?next="));
            // As the console's own calls go (with its header, so a 401 does not raise the browser's password prompt).
            Map<String, Object> refused = console.fetch("GET", "/v1/Recordings", Map.of("X-Quorum-Csrf", csrf), null);
            assertThat(refused.get("status")).isEqualTo(401L);
            assertThat(console.fetch("GET", "/console/session", Map.of(), null).get("status"))
                    .isEqualTo(401L);
            ConsoleClient replayed = ConsoleClient.anonymous(base).withCookie(oldCookie);
            assertThat(replayed.get("/v1/Rooms?Status=completed").status())
                    .as("the signed-out session is gone on the server")
                    .isEqualTo(401);
            assertThat(replayed.get("/console/rooms").status()).isEqualTo(303);
        }
    }
}

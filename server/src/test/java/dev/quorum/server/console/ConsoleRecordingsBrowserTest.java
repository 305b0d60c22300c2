package dev.quorum.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import dev.quorum.server.api.BrowserCall;
import dev.quorum.server.api.ConfiguredServer;
import dev.quorum.server.api.RestClient;
import dev.quorum.signaling.testing.Chromium;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The console over rooms recorded from Chromium through the whole server: room "alpha" (carol)
 * and then room "beta" (dave and erin), every track recorded, six recordings in all. A second
 * Chromium runs the console: the live room with its bit rates, the recordings appearing and
 * completing without a reload, filters by room and by time, playback with seeking, a composition
 * created from the page and followed to completion, and a bulk delete through a filter.
 */
@Tag("slow")
class ConsoleRecordingsBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path data;

    @Test
    void recordedRoomsArePlayedFilteredComposedAndBulkDeleted() throws Exception {
        try (ConfiguredServer quorum = ConfiguredServer.start(data, Map.of());
                Chromium callers = Chromium.start();
                Chromium browser = Chromium.start()) {
            String base = quorum.baseUrl();
            RestClient rest = new RestClient(base, ConfiguredServer.ACCOUNT, ConfiguredServer.AUTH_TOKEN);
            ConsolePage console = new ConsolePage(browser, base);
            console.open("/console/");
            console.signIn(ConfiguredServer.ACCOUNT, ConfiguredServer.AUTH_TOKEN);
            console.awaitSignedIn("/console/");

            String alpha = rest.post("/v1/Rooms", 201, "UniqueName", "alpha", "RecordParticipantsOnConnect", "true")
                    .getString("sid");
            BrowserCall carol = BrowserCall.join(callers, base, "alpha", "carol");
            carol.awaitMediaFlowing();
            // The live view: carol, her two tracks with the rate the server receives them at, recording.
            console.until("carol's tracks with live bit rates", WAIT, () -> {
                String live = console.text("#live-rooms");
                return live.contains("carol") && live.contains("● audio + video")
                        || live.contains("● video + audio") && live.matches("(?s).*[1-9][0-9]* kbit/s.*");
            });
            console.until(
                    "a non-zero rate for both tracks",
                    WAIT,
                    () -> console.column("Tracks").stream()
                            .anyMatch(t -> t.matches("(?s).*audio.*[1-9][0-9]* kbit/s.*video.*[1-9][0-9]* kbit/s.*")
                                    || t.matches("(?s).*video.*[1-9][0-9]* kbit/s.*audio.*[1-9][0-9]* kbit/s.*")));
            console.screenshot("live-room");
            // A few seconds of video, so the player has something to seek in.
            console.until(
                    "two seconds of carol's video written",
                    WAIT,
                    () -> rest.recordings(alpha).stream()
                            .anyMatch(r -> "video".equals(r.getString("type")) && r.getLong("size") > 60_000));
            rest.post("/v1/Rooms/" + alpha, 202, "Status", "completed");
            carol.awaitDisconnected(WAIT);

            Instant between = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
            console.until("a second passes", () -> Instant.now().isAfter(between.plusMillis(200)));
            String beta = rest.post("/v1/Rooms", 201, "UniqueName", "beta", "RecordParticipantsOnConnect", "true")
                    .getString("sid");
            BrowserCall pair = BrowserCall.join(callers, base, "beta", "dave", "erin");
            // Each one recorded is what counts here (not that they see each other: that is slow on a busy machine).
            console.until(
                    "four recordings of beta with media",
                    WAIT,
                    () -> rest.recordings(beta).stream()
                                    .filter(r -> r.getLong("size") != null && r.getLong("size") > 4000)
                                    .count()
                            == 4);
            // Erin is removed from the page's live view; the room goes on with dave.
            console.open("/console/rooms");
            console.until(
                    "erin is listed",
                    WAIT,
                    () -> !console.driver()
                            .findElements(By.cssSelector("button[aria-label='Remove erin']"))
                            .isEmpty());
            console.click("button[aria-label='Remove erin']");
            console.until(
                    "the confirmation names erin",
                    () -> console.text("#confirm-message").contains("erin"));
            console.click("#confirm-ok");
            pair.participants()
                    .get(1)
                    .waitFor("erin disconnected by the server", "room.state === 'disconnected'", WAIT);
            console.until(
                    "only dave left in the live view",
                    () -> console.column("Identity").equals(List.of("dave")));
            assertThat(rest.get("/v1/Rooms/" + beta).getString("status")).isEqualTo("in-progress");
            rest.post("/v1/Rooms/" + beta, 202, "Status", "completed");
            pair.participants()
                    .get(0)
                    .waitFor("dave disconnected by the server", "room.state === 'disconnected'", WAIT);

            // The log shows all six and their completion without a reload.
            console.open("/console/recordings");
            console.until(
                    "six recordings completed on the page",
                    WAIT,
                    () -> console.column("Status").stream()
                                    .filter("completed"::equals)
                                    .count()
                            == 6);
            assertThat(console.column("Room")).containsOnly("alpha", "beta").contains("alpha", "beta");
            assertThat(console.column("Participant")).containsOnly("carol", "dave", "erin");
            console.screenshot("recordings");

            // By room.
            console.type("Room (name or RM SID)", "alpha");
            console.click("#apply-filters");
            console.until(
                    "only alpha's recordings", () -> console.column("Room").equals(List.of("alpha", "alpha")));
            assertThat(console.path()).isEqualTo("/console/recordings?room=alpha");

            // By time: created after the moment between the two rooms.
            console.type("Room (name or RM SID)", "");
            String local = (String) browser.run(
                    "const d = new Date(arguments[0]); const p = n => String(n).padStart(2, '0');"
                            + " return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;",
                    between.toString());
            console.setDateTime("Created after", local);
            console.click("#apply-filters");
            console.until(
                    "only beta's recordings",
                    () -> console.column("Room").equals(List.of("beta", "beta", "beta", "beta")));
            console.setDateTime("Created after", "");
            console.setDateTime("Created before", local);
            console.click("#apply-filters");
            console.until(
                    "only alpha's recordings, by time",
                    () -> console.column("Room").equals(List.of("alpha", "alpha")));

            // Play carol's video: it plays, and a seek lands where asked and plays on from there.
            String video = rest.recordings(alpha).stream()
                    .filter(r -> "video".equals(r.getString("type")))
                    .map(r -> r.getString("sid"))
                    .findFirst()
                    .orElseThrow();
            console.driver().findElement(By.linkText(video)).click();
            console.until("the details page", () -> console.path().equals("/console/recordings/" + video));
            console.until(
                    "the player has its media",
                    () -> ((Number) browser.run(
                                            "const v = document.getElementById('media'); return v ? v.readyState : 0"))
                                    .intValue()
                            >= 2);
            browser.await("await document.getElementById('media').play()");
            browser.waitFor("currentTime advances", "document.getElementById('media').currentTime > 0.5", WAIT);
            browser.await(
                    "const v = document.getElementById('media'); v.pause();"
                            + " await new Promise(r => { v.addEventListener('seeked', r, {once: true}); v.currentTime = 1.5; });");
            double at = ((Number) browser.run("return document.getElementById('media').currentTime")).doubleValue();
            assertThat(at).isBetween(1.4, 1.6);
            browser.await("await document.getElementById('media').play()");
            browser.waitFor("playing on after the seek", "document.getElementById('media').currentTime > 1.8", WAIT);
            browser.run("document.getElementById('media').pause()");
            assertThat(console.find("#download").getAttribute("href")).endsWith("/v1/Recordings/" + video + "/Media");
            console.screenshot("recording");

            // Compose alpha from the page: the preview places carol; the status follows to completed.
            console.open("/console/compositions/new?room=" + alpha);
            console.until(
                    "the preview places carol",
                    () -> !console.driver()
                            .findElements(By.cssSelector("#preview-canvas .preview-cell[data-identity='carol']"))
                            .isEmpty());
            console.choose("Layout", "pip");
            console.until(
                    "the preview follows the preset",
                    () -> console.find("#layout-json").getDomProperty("value").contains("\"pip\"")
                            && console.driver()
                                            .findElements(By.cssSelector("#preview-canvas .preview-region"))
                                            .size()
                                    == 2);
            console.choose("Layout", "grid");
            console.until(
                    "the grid preview",
                    () -> console.driver()
                                    .findElements(By.cssSelector("#preview-canvas .preview-region"))
                                    .size()
                            == 1);
            console.screenshot("compose");
            console.click("#create-button");
            console.until(
                    "the composition's page", () -> console.path().matches("/console/compositions/CJ[0-9a-f]{32}"));
            String composition = console.path().substring("/console/compositions/".length());
            console.until(
                    "completed, shown without a reload",
                    Duration.ofSeconds(180),
                    () -> console.text("#composition-status").equals("completed"));
            console.until(
                    "the composition plays",
                    () -> ((Number) browser.run(
                                            "const v = document.getElementById('media'); return v ? v.readyState : 0"))
                                    .intValue()
                            >= 2);
            browser.await("await document.getElementById('media').play()");
            browser.waitFor(
                    "composition currentTime advances", "document.getElementById('media').currentTime > 0.5", WAIT);
            browser.run("document.getElementById('media').pause()");
            console.screenshot("composition");
            JsonObject made = rest.get("/v1/Compositions/" + composition);
            assertThat(made.getString("room_sid")).isEqualTo(alpha);
            assertThat(made.getString("status")).isEqualTo("completed");

            // Bulk delete of what a filter matches: the three audio recordings, not the three videos.
            List<String> six = new java.util.ArrayList<>();
            rest.recordings(alpha).forEach(r -> six.add(r.getString("sid")));
            rest.recordings(beta).forEach(r -> six.add(r.getString("sid")));
            assertThat(six).hasSize(6);
            console.open("/console/recordings?kind=audio");
            console.until(
                    "three audio recordings",
                    () -> console.column("Kind").size() == 3
                            && console.column("Kind").stream().allMatch(k -> k.startsWith("audio")));
            console.click("#bulk-delete");
            console.until(
                    "the confirmation says how many",
                    () -> console.text("#confirm-message").startsWith("Delete 3 recordings matching these filters?"));
            assertThat(browser.run("return document.activeElement.id"))
                    .as("focus starts on Cancel")
                    .isEqualTo("confirm-cancel");
            console.screenshot("bulk-delete");
            console.find("#confirm-cancel").sendKeys(Keys.ESCAPE);
            console.until(
                    "Escape cancels",
                    () -> console.driver()
                            .findElements(By.cssSelector("dialog"))
                            .isEmpty());
            assertThat(rest.get("/v1/Recordings?Status=deleted").getJsonArray("recordings"))
                    .isEmpty();
            console.click("#bulk-delete");
            console.until("asked again", () -> console.text("#confirm-message").startsWith("Delete 3 recordings"));
            console.click("#confirm-ok");
            console.until(
                    "the page says it is done", () -> console.text("#toast").equals("Deleted 3 recordings"));
            console.until(
                    "the list is empty without a reload",
                    () -> console.text("#recordings").contains("No recording matches"));

            TwilioRestClient sdk = quorum.sdk();
            for (String sid : six) {
                JsonObject r = rest.get("/v1/Recordings/" + sid);
                boolean audio = "audio".equals(r.getString("type"));
                assertThat(r.getString("status")).as(r.getString("sid")).isEqualTo(audio ? "deleted" : "completed");
                assertThat(ConfiguredServer.get(sdk, "/v1/Recordings/" + r.getString("sid") + "/Media")
                                .getStatusCode())
                        .as("media of " + r.getString("sid"))
                        .isEqualTo(audio ? 404 : 302);
            }

            // A phone-sized window: nothing wider than the screen.
            console.emulatePhone(390, 844);
            console.open("/console/recordings");
            console.until("the three videos", () -> console.column("Kind").size() == 3);
            assertThat(((Number) browser.run("return document.documentElement.clientWidth")).intValue())
                    .isEqualTo(390);
            assertThat(((Number) browser.run("return document.documentElement.scrollWidth")).intValue())
                    .as("nothing wider than the screen")
                    .isLessThanOrEqualTo(390);
            console.screenshot("narrow");
        }
    }
}

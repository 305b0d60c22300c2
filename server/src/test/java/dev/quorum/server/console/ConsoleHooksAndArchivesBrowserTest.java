package dev.quorum.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.opentok.Archive;
import com.opentok.ArchiveProperties;
import com.opentok.MediaMode;
import com.opentok.OpenTok;
import com.opentok.SessionProperties;
import dev.quorum.server.api.BrowserCall;
import dev.quorum.server.api.ConfiguredServer;
import dev.quorum.server.api.RestClient;
import dev.quorum.server.archive.ArchiveServer;
import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Composition hooks and archives managed from the console in Chromium against the whole server: a
 * hook created from its form, switched off and deleted after the confirmation, checked through the
 * REST API; an archive of a session where a browser publishes (started with the OpenTok SDK) stopped from the page,
 * seen available without a reload, downloaded with the session cookie, and deleted.
 */
@Tag("slow")
class ConsoleHooksAndArchivesBrowserTest {

    @TempDir
    Path data;

    @Test
    void hooksAndArchivesAreManagedFromThePages() throws Exception {
        try (ConfiguredServer quorum = ArchiveServer.start(data, null, Map.of());
                Chromium browser = Chromium.start()) {
            String base = quorum.baseUrl();
            RestClient rest = new RestClient(base, ConfiguredServer.ACCOUNT, ConfiguredServer.AUTH_TOKEN);
            ConsolePage console = new ConsolePage(browser, base);
            console.open("/console/hooks");
            console.signIn(ConfiguredServer.ACCOUNT, ConfiguredServer.AUTH_TOKEN);
            console.awaitSignedIn("/console/hooks");

            // A hook from the form.
            console.until("no hook yet", () -> console.text("#hooks").contains("No hook"));
            console.type("Name", "Nightly grid");
            console.type("Resolution", "1280x720");
            console.choose("Format", "mp4");
            console.click("#new-hook button[type=submit]");
            console.until("the new hook is listed", () -> console.column("Name").contains("Nightly grid"));
            JsonArray hooks = rest.get("/v1/CompositionHooks").getJsonArray("composition_hooks");
            assertThat(hooks).hasSize(1);
            JsonObject hook = hooks.getJsonObject(0);
            assertThat(hook.getString("friendly_name")).isEqualTo("Nightly grid");
            assertThat(hook.getString("resolution")).isEqualTo("1280x720");
            assertThat(hook.getString("format")).isEqualTo("mp4");
            assertThat(hook.getBoolean("enabled")).isTrue();
            assertThat(hook.getJsonObject("video_layout").getJsonObject("grid")).isNotNull();
            String hookSid = hook.getString("sid");

            console.click("button[aria-label='Switch off hook Nightly grid']");
            console.until(
                    "switched off",
                    () -> !rest.get("/v1/CompositionHooks/" + hookSid).getBoolean("enabled"));
            console.until(
                    "shown switched off without a reload",
                    () -> console.column("Enabled").equals(java.util.List.of("disabled")));
            console.screenshot("hooks");

            console.click("button[aria-label='Delete hook Nightly grid']");
            console.until(
                    "the confirmation names the hook",
                    () -> console.text("#confirm-message").contains("Nightly grid"));
            console.click("#confirm-ok");
            console.until(
                    "the hook is gone from the page",
                    () -> console.text("#hooks").contains("No hook"));
            assertThat(rest.get("/v1/CompositionHooks").getJsonArray("composition_hooks"))
                    .isEmpty();
            assertThat(console.fetch("GET", "/v1/CompositionHooks/" + hookSid, Map.of(), null)
                            .get("status"))
                    .isEqualTo(404L);

            // An archive of a session with a connected client, started with the OpenTok SDK.
            OpenTok opentok = ArchiveServer.opentok(quorum);
            try {
                String session = opentok.createSession(new SessionProperties.Builder()
                                .mediaMode(MediaMode.ROUTED)
                                .build())
                        .getSessionId();
                try (Chromium callers = Chromium.start()) {
                    BrowserParticipant alice = BrowserParticipant.open(callers, base + "/", "alice", false);
                    alice.join(opentok.generateToken(session), session, BrowserCall.SMALL_CAMERA);
                    BrowserCall.of(List.of(alice)).awaitMediaFlowing();
                    Archive started = opentok.startArchive(
                            session,
                            new ArchiveProperties.Builder().name("weekly").build());
                    console.open("/console/archives");
                    console.until(
                            "the archive is listed as started",
                            () -> console.column("Status").contains("started"));
                    assertThat(console.column("Name")).contains("weekly");
                    browser.run("window.samePage = true");
                    console.screenshot("archives");
                    alice.waitFor(
                            "a few seconds of camera archived",
                            "(async () => { let v = 0; (await room.getStats()).publisher.forEach(x => {"
                                    + " if (x.type === 'outbound-rtp' && x.kind === 'video') v += x.framesEncoded || 0; });"
                                    + " return v > 60; })()");
                    console.click("button[aria-label='Stop archive weekly']");
                    console.until(
                            "stopped by the page", () -> status(opentok, started.getId()) != Archive.Status.STARTED);
                    console.until(
                            "shown available without a reload",
                            ConsolePage.WAIT.multipliedBy(2),
                            () -> console.column("Status").contains("available"));
                    assertThat(browser.run("return window.samePage === true")).isEqualTo(true);
                    assertThat(opentok.getArchive(started.getId()).getStatus()).isEqualTo(Archive.Status.AVAILABLE);

                    String href = console.find("a[aria-label='Download archive weekly']")
                            .getDomProperty("href");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> download = (Map<String, Object>) browser.await(
                            "const r = await fetch(arguments[0], {credentials: 'same-origin'});"
                                    + " const b = new Uint8Array(await r.arrayBuffer());"
                                    + " return {status: r.status, type: r.headers.get('Content-Type'), size: b.length,"
                                    + " box: String.fromCharCode(...b.slice(4, 8))};",
                            href);
                    assertThat(download.get("status")).isEqualTo(200L);
                    assertThat(download.get("type")).isEqualTo("video/mp4");
                    assertThat(((Number) download.get("size")).longValue())
                            .isEqualTo(opentok.getArchive(started.getId()).getSize());
                    assertThat(((Number) download.get("size")).longValue()).isGreaterThan(10_000L);
                    assertThat(download.get("box")).as("an MP4 file").isEqualTo("ftyp");

                    console.click("button[aria-label='Delete archive weekly']");
                    console.until(
                            "the confirmation names the archive",
                            () -> console.text("#confirm-message").contains("weekly"));
                    console.click("#confirm-ok");
                    console.until(
                            "the archive is gone from the page",
                            () -> console.text("#archives-" + ArchiveServer.API_KEY)
                                    .contains("No archive in this project"));
                    assertThat(opentok.getArchive(started.getId()).getStatus()).isEqualTo(Archive.Status.DELETED);
                    assertThat(console.driver().findElements(By.cssSelector("a[aria-label='Download archive weekly']")))
                            .isEmpty();
                    assertThat(console.fetch("GET", href, Map.of(), null).get("status"))
                            .as("the file is gone")
                            .isEqualTo(404L);
                }
            } finally {
                opentok.close();
            }
        }
    }

    private static Archive.Status status(OpenTok opentok, String id) {
        try {
            return opentok.getArchive(id).getStatus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

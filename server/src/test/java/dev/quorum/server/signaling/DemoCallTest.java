package dev.quorum.server.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VideoGrant;
import dev.quorum.server.QuorumServer;
import dev.quorum.server.config.ConfigSource;
import dev.quorum.server.config.ServerConfig;
import dev.quorum.storage.account.AccountStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The server as {@code bin/quorum} runs it (development mode, SQLite, media port, rooms engine,
 * signaling), driven by headless Chromium: the demo page in two tabs, and the SDK joining with a
 * token made by the official Java helper from the API key in the metadata store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class DemoCallTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path data;

    QuorumServer server;
    ChromeDriver chrome;

    @BeforeAll
    void start() throws Exception {
        ConfigSource source = ConfigSource.of(Map.of(
                "http.port",
                "0",
                "http.host",
                "127.0.0.1",
                "media.port",
                "0",
                "media.announced-addresses",
                "127.0.0.1",
                "data.dir",
                data.toString(),
                "dev-mode",
                "true"));
        server = new QuorumServer(ServerConfig.from(source), source);
        server.start();
        chrome = chromium();
    }

    @AfterAll
    void stop() {
        if (chrome != null) {
            chrome.quit();
        }
        server.close();
    }

    String base() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    @Test
    void theDemoPageInTwoTabsSeesAndHearsEachOther() {
        chrome.get(base() + "/?room=demo&identity=erin&autojoin=1");
        waitFor("erin joined", "window.room && room.state === 'connected'");
        String erin = chrome.getWindowHandle();
        chrome.switchTo().newWindow(WindowType.TAB);
        chrome.get(base() + "/?room=demo&identity=frank&autojoin=1");
        waitFor("frank joined", "window.room && room.state === 'connected'");
        for (String tab : List.of(chrome.getWindowHandle(), erin)) {
            chrome.switchTo().window(tab);
            waitFor(
                    "the other's video playing",
                    "(() => { const v = document.querySelector('.tile.remote video');"
                            + " return v && v.videoWidth > 0 && !v.paused; })()");
            waitFor(
                    "the other's audio playing",
                    "(() => { const a = document.querySelector('.tile.remote audio');"
                            + " return a && !a.paused; })()");
            double t = ((Number) js("return document.querySelector('.tile.remote video').currentTime")).doubleValue();
            waitFor("video advancing", "document.querySelector('.tile.remote video').currentTime > " + (t + 0.5));
        }
        js("room.disconnect()");
        chrome.switchTo()
                .window(chrome.getWindowHandles().stream()
                        .filter(h -> !h.equals(erin))
                        .findFirst()
                        .orElseThrow());
        waitFor("erin's tile gone", "document.querySelectorAll('.tile.remote').length === 0");
        js("room.disconnect()");
    }

    @Test
    void aTokenFromTheOfficialHelperWithTheStoredKeyJoinsAndAForgedOneIsRefused() {
        AccountStore.DevelopmentCredentials dev =
                server.developmentCredentials().orElseThrow();
        String good = new AccessToken.Builder(
                        dev.account().sid(),
                        dev.apiKey().sid(),
                        dev.apiKey().secret().getBytes(StandardCharsets.UTF_8))
                .identity("gina")
                .grant(new VideoGrant().setRoom("standup"))
                .build()
                .toJwt();
        String forged = new AccessToken.Builder(
                        dev.account().sid(),
                        dev.apiKey().sid(),
                        "not-the-secret-but-long-enough-bytes".getBytes(StandardCharsets.UTF_8))
                .identity("gina")
                .grant(new VideoGrant())
                .build()
                .toJwt();
        chrome.switchTo().newWindow(WindowType.TAB);
        chrome.get(base() + "/");
        String connect = """
                const done = arguments[arguments.length - 1];
                import('/sdk/quorum.js').then(({ connect }) => connect({ token: arguments[0], video: false }))
                  .then(room => { const r = room.name + ' ' + room.localParticipant.identity; room.disconnect(); done(r); },
                        e => done(e.code + ' ' + e.reason));
                """;
        assertThat(((JavascriptExecutor) chrome).executeAsyncScript(connect, good))
                .isEqualTo("standup gina");
        assertThat(((JavascriptExecutor) chrome).executeAsyncScript(connect, forged))
                .isEqualTo("20107 bad_signature");
        assertThat(server.metrics().scrape())
                .contains("quorum_signaling_token_refusals_total{reason=\"bad_signature\"} 1.0");
    }

    Object js(String script) {
        return ((JavascriptExecutor) chrome).executeScript(script);
    }

    void waitFor(String what, String condition) {
        String body = "const done = arguments[arguments.length - 1]; const end = Date.now() + " + WAIT.toMillis() + ";"
                + "(async () => { let last; while (Date.now() < end) { try { last = await (async () => (" + condition
                + "))(); } catch (e) { last = String(e); } if (last) return true; await new Promise(r => setTimeout(r, 100)); }"
                + " return 'timed out waiting for " + what.replace("'", "") + "'; })().then(done);";
        assertThat(((JavascriptExecutor) chrome).executeAsyncScript(body)).isEqualTo(true);
    }

    /** Debian's chromium through Debian's chromedriver, fake camera and microphone; nothing downloaded. */
    static ChromeDriver chromium() {
        for (Path p : List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver"))) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(
                        p + " is missing: install Debian's chromium and chromium-driver" + " (bin/test does)");
            }
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                "--autoplay-policy=no-user-gesture-required",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding");
        ChromeDriver d = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                        .usingAnyFreePort()
                        .build(),
                o);
        d.manage().timeouts().scriptTimeout(WAIT.plusSeconds(10));
        return d;
    }
}

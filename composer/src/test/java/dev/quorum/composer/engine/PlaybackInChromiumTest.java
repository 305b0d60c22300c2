package dev.quorum.composer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quorum.composer.CompositionPlanner;
import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.testing.TestMedia;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Composed files play in a real browser: Debian's headless Chromium loads an MP4 and a WebM
 * served over HTTP from 127.0.0.1, reaches HAVE_ENOUGH_DATA, advances its clock, and reports the
 * asked picture size.
 */
@Tag("slow")
class PlaybackInChromiumTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final long T0 = 1_763_000_000_000L;

    static Path dir;
    static HttpServer server;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new AssertionError("This test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver)");
        }
        dir = Files.createTempDirectory("playback");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", PlaybackInChromiumTest::serve);
        server.start();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--autoplay-policy=no-user-gesture-required",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run");
        browser = new ChromeDriver(options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mp4", "webm"})
    void composedFilePlays(String format) throws Exception {
        TestMedia media = new TestMedia(dir);
        Path red = media.vp8("red-" + format, "red", 320, 240, 4);
        Path blue = media.h264("blue-" + format, "blue", 320, 240, 4);
        Path tone = media.opusTone("tone-" + format, 440, 4);
        List<SourceRecording> room = List.of(
                rec("a-cam", TrackKind.VIDEO, red),
                rec("b-cam", TrackKind.VIDEO, blue),
                rec("a-mic", TrackKind.AUDIO, tone));
        CompositionRequest req = CompositionRequest.parse(
                "{\"grid\":{\"video_sources\":[\"*\"]}}", List.of("*"), null, "480x360", format, true);
        Path out = dir.resolve("composed." + format);
        new CompositionEngine(EngineSettings.DEFAULT)
                .compose(CompositionPlanner.plan(req, room), out, ProgressListener.NONE);

        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        browser.get(base + "/page?file=composed." + format);
        JavascriptExecutor js = browser;
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            Object err = js.executeScript(
                    "return document.getElementById('v').error && document.getElementById('v').error.message");
            if (err != null) {
                throw new AssertionError("Chromium could not play the " + format + ": " + err);
            }
            return ((Number) js.executeScript("return document.getElementById('v').readyState")).intValue() == 4;
        });
        double first = ((Number) js.executeScript("return document.getElementById('v').currentTime")).doubleValue();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(d -> ((Number) js.executeScript("return document.getElementById('v').currentTime")).doubleValue()
                        > first + 0.5);
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) js.executeScript(
                "var v = document.getElementById('v'); return {w: v.videoWidth, h: v.videoHeight, d: v.duration};");
        assertThat(((Number) size.get("w")).intValue()).isEqualTo(480);
        assertThat(((Number) size.get("h")).intValue()).isEqualTo(360);
        assertThat(((Number) size.get("d")).doubleValue()).isBetween(3.8, 4.2);
    }

    static SourceRecording rec(String name, TrackKind kind, Path file) {
        return new SourceRecording(
                Sid.generate(Sid.RECORDING),
                Sid.generate(Sid.TRACK),
                Sid.generate(Sid.PARTICIPANT),
                name,
                kind,
                kind == TrackKind.AUDIO ? "OPUS" : "VP8",
                file,
                T0,
                4000);
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    /** Serves the player page and the files, with byte ranges as media elements ask for them. */
    private static void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/page")) {
                String file = ex.getRequestURI().getQuery().replace("file=", "");
                byte[] page = ("<!doctype html><html><body><video id='v' src='/media/" + file
                                + "' muted autoplay playsinline></video></body></html>")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                ex.sendResponseHeaders(200, page.length);
                ex.getResponseBody().write(page);
                return;
            }
            Path file = dir.resolve(path.substring("/media/".length()));
            if (!path.startsWith("/media/") || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] all = Files.readAllBytes(file);
            ex.getResponseHeaders().add("Content-Type", file.toString().endsWith(".mp4") ? "video/mp4" : "video/webm");
            ex.getResponseHeaders().add("Accept-Ranges", "bytes");
            String range = ex.getRequestHeaders().getFirst("Range");
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m != null && m.matches()) {
                int from = Integer.parseInt(m.group(1));
                int to = m.group(2).isEmpty() ? all.length - 1 : Math.min(all.length - 1, Integer.parseInt(m.group(2)));
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + all.length);
                ex.sendResponseHeaders(206, to - from + 1);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(all, from, to - from + 1);
                }
                return;
            }
            ex.sendResponseHeaders(200, all.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(all);
            }
        } catch (IOException e) {
            // The browser may drop a connection it no longer needs.
        }
    }
}

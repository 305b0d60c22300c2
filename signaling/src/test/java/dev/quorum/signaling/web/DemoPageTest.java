package dev.quorum.signaling.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.FakeRooms;
import dev.quorum.signaling.testing.MediaServer;
import dev.quorum.signaling.testing.TestHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;

/** The demo page used the way a person uses it: type a room and a name, join, mute, leave. */
@Tag("slow")
class DemoPageTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    final FakeRooms rooms = new FakeRooms();
    TestHttpServer server;
    Chromium chromium;

    @AfterEach
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void inDevelopmentModeThePageMintsItsTokenJoinsAndShowsThePreview() throws Exception {
        server = new TestHttpServer(rooms, SignalingConfig.DEFAULTS, true);
        chromium = Chromium.start();
        chromium.open(server.url() + "/");
        chromium.waitFor("config loaded", "document.getElementById('token-row').hidden", WAIT);
        var driver = chromium.driver();
        driver.findElement(By.id("room")).clear();
        driver.findElement(By.id("room")).sendKeys("standup");
        driver.findElement(By.id("identity")).clear();
        driver.findElement(By.id("identity")).sendKeys("dana");
        driver.findElement(By.id("join")).click();
        chromium.waitFor("joined", "!document.getElementById('call').hidden", WAIT);
        chromium.waitFor("local preview playing", "document.getElementById('local-video').videoWidth > 0", WAIT);
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("connected to standup");
        assertThat(driver.findElement(By.id("join-form")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("local-video")).isDisplayed()).isTrue();
        assertThat(rooms.last().identity).isEqualTo("dana");
        assertThat(rooms.last().room.uniqueName()).isEqualTo("standup");
        Path shot = Path.of("target", "screenshots", "demo-joined.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));

        driver.findElement(By.id("mute-audio")).click();
        assertThat(driver.findElement(By.id("mute-audio")).getText()).isEqualTo("Unmute microphone");
        String micSid = (String) chromium.run("return room.localParticipant.tracks.get('microphone').sid");
        rooms.last().awaitCall("setTrackEnabled " + micSid + " false", WAIT);

        driver.findElement(By.id("leave")).click();
        chromium.waitFor("left", "!document.getElementById('join-form').hidden", WAIT);
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("left the room");
        rooms.last().awaitCall("leave left", WAIT);
    }

    @Test
    void twoTabsOfTheDemoSeeAndHearEachOtherThroughTheWholeServer() throws Exception {
        try (MediaServer sfu = new MediaServer()) {
            chromium = Chromium.start();
            chromium.open(sfu.pageUrl() + "?room=demo&identity=erin&autojoin=1");
            chromium.waitFor("erin joined", "window.room && room.state === 'connected'", WAIT);
            String erinTab = chromium.driver().getWindowHandle();
            chromium.driver().switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
            chromium.open(sfu.pageUrl() + "?room=demo&identity=frank&autojoin=1");
            chromium.waitFor("frank joined", "window.room && room.state === 'connected'", WAIT);
            for (String tab : java.util.List.of(chromium.driver().getWindowHandle(), erinTab)) {
                chromium.driver().switchTo().window(tab);
                chromium.waitFor(
                        "remote tile playing",
                        "(() => { const v = document.querySelector('.tile.remote video');"
                                + " return v && v.videoWidth > 0 && !v.paused; })()",
                        WAIT);
                chromium.waitFor(
                        "remote audio playing",
                        "(() => { const a = document.querySelector('.tile.remote audio');"
                                + " return a && !a.paused && a.srcObject.getAudioTracks()[0].readyState === 'live'; })()",
                        WAIT);
                double t0 = ((Number) chromium.run("return document.querySelector('.tile.remote video').currentTime"))
                        .doubleValue();
                chromium.waitFor(
                        "remote video advancing",
                        "document.querySelector('.tile.remote video').currentTime > " + (t0 + 0.5),
                        WAIT);
            }
            assertThat(chromium.driver()
                            .findElement(By.cssSelector(".tile.remote .name"))
                            .getText())
                    .isEqualTo("frank");
            Path shot = Path.of("target", "screenshots", "demo-two-tabs.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, chromium.driver().getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    void withoutDevelopmentModeThePageAsksForAToken() throws Exception {
        server = new TestHttpServer(rooms, SignalingConfig.DEFAULTS, false);
        chromium = Chromium.start();
        chromium.open(server.url() + "/");
        chromium.waitFor("token field shown", "!document.getElementById('token-row').hidden", WAIT);
        assertThat(chromium.driver().findElement(By.id("token")).isDisplayed()).isTrue();
        chromium.driver().findElement(By.id("join")).click();
        chromium.waitFor(
                "asked for a token",
                "document.getElementById('status').textContent.includes('paste an access token')",
                WAIT);
        chromium.driver().findElement(By.id("token")).sendKeys("not-a-token");
        chromium.driver().findElement(By.id("join")).click();
        chromium.waitFor("token refused", "document.getElementById('status').textContent.includes('20101')", WAIT);
        assertThat(rooms.joined).isEmpty();
    }
}

package dev.quorum.signaling.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.FakeRooms;
import dev.quorum.signaling.testing.TestHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;

/** The demo page used the way a person uses it: type a room and a name, join, mute, leave. */
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
        server.close();
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
    void withoutDevelopmentModeThePageAsksForAToken() throws Exception {
        server = new TestHttpServer(rooms, SignalingConfig.DEFAULTS, false);
        chromium = Chromium.start();
        chromium.open(server.url() + "/");
        chromium.waitFor("token field shown", "!document.getElementById('token-row').hidden", WAIT);
        assertThat(chromium.driver().findElement(By.id("token")).isDisplayed()).isTrue();
        chromium.driver().findElement(By.id("join")).click();
        chromium.waitFor("asked for a token", "document.getElementById('status').textContent.includes('paste an access token')",
                WAIT);
        chromium.driver().findElement(By.id("token")).sendKeys("not-a-token");
        chromium.driver().findElement(By.id("join")).click();
        chromium.waitFor("token refused", "document.getElementById('status').textContent.includes('20101')", WAIT);
        assertThat(rooms.joined).isEmpty();
    }
}

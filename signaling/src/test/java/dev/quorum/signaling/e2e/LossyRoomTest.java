package dev.quorum.signaling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.MediaServer;
import dev.quorum.signaling.testing.NetLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Four people, each behind a link that loses 2 % of the packets in each direction, talk for a
 * minute: nobody is disconnected, and no picture stops for more than a second — the losses are
 * repaired (NACK and RTX both ways, keyframes where that fails) before anyone sees them. Each
 * browser runs in its own network namespace; the longest time without a newly decoded frame is
 * read from each browser's own statistics every 100 ms.
 */
@Tag("slow")
class LossyRoomTest {

    /** Per remote video (by mid): the longest stretch without a new decoded frame while measuring. */
    static final String GAPS = """
            window.gaps = {};
            window.measuring = false;
            window.gapTimer = setInterval(async () => {
              if (!room._subscriber) return;
              const now = Date.now();
              (await room._subscriber.getStats()).forEach(r => {
                if (r.type !== 'inbound-rtp' || r.kind !== 'video') return;
                const g = window.gaps[r.mid] || (window.gaps[r.mid] = { frames: 0, since: now, longest: 0, decoded: 0 });
                const frames = r.framesDecoded || 0;
                if (frames > g.frames) {
                  if (window.measuring) g.decoded += frames - g.frames;
                  g.frames = frames;
                  g.since = now;
                } else if (window.measuring) {
                  g.longest = Math.max(g.longest, now - g.since);
                }
              });
            }, 100);
            return true;
            """;

    static final int PEOPLE = 4;

    NetLab lab;
    MediaServer server;
    final List<Chromium> browsers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Chromium c : browsers) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoPercentLossOnEveryLinkDisconnectsNobodyAndFreezesNoPictureForASecond() throws Exception {
        lab = new NetLab();
        List<NetLab.Link> links = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            links.add(lab.link());
        }
        server = new MediaServer(UnaryOperator.identity(), SignalingConfig.DEFAULTS, links.get(0).hostAddress);
        List<BrowserParticipant> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String page = server.pageUrl(links.get(0).hostAddress);
            Chromium c = Chromium.inNamespace(
                    links.get(i),
                    Path.of("target", "lossy-room-chromedriver-" + i + ".log"),
                    page.substring(0, page.length() - 1));
            browsers.add(c);
            BrowserParticipant p = BrowserParticipant.open(c, page, "p" + i, false);
            p.join(server.token("p" + i), "lossy", Map.of("video", Map.of("width", 320, "height", 240)));
            people.add(p);
        }
        for (BrowserParticipant p : people) {
            p.run(GAPS);
            p.waitFor(
                    "video from the three others",
                    "Object.values(window.gaps).filter(g => g.frames > 30).length === " + (PEOPLE - 1),
                    Duration.ofSeconds(45));
        }

        for (NetLab.Link l : links) {
            l.loss(2, 2);
        }
        for (BrowserParticipant p : people) {
            p.run("window.measuring = true");
        }
        Thread.sleep(60_000); // the length of the lossy minute is the scenario
        for (BrowserParticipant p : people) {
            p.run("window.measuring = false");
        }
        for (NetLab.Link l : links) {
            l.loss(0, 0);
        }

        double nacks = server.engine
                .registry
                .get("quorum.sfu.nacks.received")
                .functionCounter()
                .count();
        double resent = server.engine
                .registry
                .get("quorum.sfu.retransmissions")
                .functionCounter()
                .count();
        double nacksSent = server.engine
                .registry
                .get("quorum.sfu.nacks.sent")
                .functionCounter()
                .count();
        System.out.printf(
                "lossy room: subscribers NACKed %.0f packets, %.0f resent; %.0f lost from publishers NACKed%n",
                nacks, resent, nacksSent);
        for (BrowserParticipant p : people) {
            Map<String, Map<String, Object>> gaps = (Map<String, Map<String, Object>>) p.run("return window.gaps");
            System.out.println("lossy room, " + p.identity + ": " + gaps);
            assertThat(p.events())
                    .as(p.identity + "'s events")
                    .noneMatch(e -> e.startsWith("participantDisconnected")
                            || e.startsWith("disconnected")
                            || e.startsWith("reconnecting"));
            assertThat(gaps.values().stream().filter(g -> ((Number) g.get("decoded")).longValue() > 0))
                    .as(p.identity + " decoded video from each of the others during the lossy minute")
                    .hasSize(PEOPLE - 1);
            for (Map<String, Object> g : gaps.values()) {
                if (((Number) g.get("decoded")).longValue() > 0) {
                    assertThat(((Number) g.get("longest")).longValue())
                            .as(p.identity + ": longest time without a new frame, ms")
                            .isLessThanOrEqualTo(1_000);
                }
            }
        }
        assertThat(resent).as("packets resent to subscribers").isPositive();
        assertThat(nacksSent).as("losses from publishers NACKed").isPositive();
    }
}

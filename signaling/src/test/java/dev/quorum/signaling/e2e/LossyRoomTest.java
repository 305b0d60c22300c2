package dev.quorum.signaling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.RunsAlone;
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
@RunsAlone
@Tag("slow")
class LossyRoomTest {

    static final int PEOPLE = 4;

    /**
     * The lossy minute starts from a settled call: while the server's JIT compiler is still at
     * work on two cores shared with four browsers, its first seconds can leave a backlog of
     * datagrams, and the browsers' jitter buffers grow to a second and take a while to shrink.
     */
    static final int SETTLED_BUFFER_MS = 300;

    /**
     * Per remote video (by mid): the longest stretch without a new decoded frame while measuring.
     * Also whether the call has settled: every remote stream's jitter buffer held its media less
     * than {@link #SETTLED_BUFFER_MS} over each of the last three seconds.
     */
    static final String GAPS = """
            window.gaps = {};
            window.buffers = {};
            window.settledSince = 0;
            window.measuring = false;
            window.gapTimer = setInterval(async () => {
              if (!room._subscriber) return;
              const now = Date.now();
              const stats = await room._subscriber.getStats();
              let buffered = 0, streams = 0;
              stats.forEach(r => {
                if (r.type !== 'inbound-rtp') return;
                const b = window.buffers[r.mid] || (window.buffers[r.mid] = { t: now, delay: 0, emitted: 0, recent: 1e9 });
                if (now - b.t >= 1000) {
                  const emitted = (r.jitterBufferEmittedCount || 0) - b.emitted;
                  b.recent = emitted > 0 ? 1000 * ((r.jitterBufferDelay || 0) - b.delay) / emitted : 1e9;
                  b.t = now; b.delay = r.jitterBufferDelay || 0; b.emitted = r.jitterBufferEmittedCount || 0;
                }
                buffered = Math.max(buffered, b.recent);
                streams++;
              });
              if (streams < 2 * %d || buffered >= %d) window.settledSince = 0;
              else if (!window.settledSince) window.settledSince = now;
              stats.forEach(r => {
                if (r.type !== 'inbound-rtp' || r.kind !== 'video') return;
                const g = window.gaps[r.mid] || (window.gaps[r.mid] = { frames: 0, since: now, longest: 0, decoded: 0 });
                const frames = r.framesDecoded || 0;
                if (frames > g.frames) {
                  if (window.measuring) g.decoded += frames - g.frames;
                  g.frames = frames;
                  g.since = now;
                } else if (window.measuring && now - g.since > g.longest) {
                  g.longest = now - g.since;
                  g.longestAt = now;
                }
              });
            }, 100);
            return true;
            """.formatted(PEOPLE - 1, SETTLED_BUFFER_MS);

    /** What a browser's own statistics say of its downlink: evidence printed with the figures. */
    static final String DOWNLINK = """
            const out = { now: Date.now(), video: {} };
            const stats = await room._subscriber.getStats();
            stats.forEach(r => {
              if (r.type === 'inbound-rtp' && r.kind === 'video') {
                out.video[r.mid] = { received: r.packetsReceived, lost: r.packetsLost, nacks: r.nackCount,
                  plis: r.pliCount, keyframes: r.keyFramesDecoded, dropped: r.framesDropped,
                  jitterBufferMs: Math.round(1000 * r.jitterBufferDelay / Math.max(1, r.jitterBufferEmittedCount)) };
              }
              if (r.type === 'inbound-rtp' && r.kind === 'audio') {
                out.audio = out.audio || {};
                out.audio[r.mid] = { jitterBufferMs: Math.round(1000 * r.jitterBufferDelay / Math.max(1, r.jitterBufferEmittedCount)), lost: r.packetsLost };
              }
              if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') {
                const local = stats.get(r.localCandidateId);
                out.pair = { protocol: local && local.protocol, rttMs: Math.round(1000 * (r.currentRoundTripTime || 0)),
                  requestsSent: r.requestsSent, responsesReceived: r.responsesReceived };
              }
            });
            return JSON.stringify(out);
            """;

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
        // Every browser starts before anyone joins: starting one costs the two cores a burst of CPU
        // that, mid-call, stalls the others' audio and video and leaves their jitter buffers
        // seconds long before the lossy minute begins.
        List<BrowserParticipant> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String page = server.pageUrl(links.get(0).hostAddress);
            Chromium c = Chromium.inNamespace(
                    links.get(i),
                    Path.of("target", "lossy-room-chromedriver-" + i + ".log"),
                    page.substring(0, page.length() - 1));
            browsers.add(c);
            people.add(BrowserParticipant.open(c, page, "p" + i, false));
        }
        for (BrowserParticipant p : people) {
            p.join(server.token(p.identity), "lossy", Map.of("video", Map.of("width", 320, "height", 240)));
        }
        for (BrowserParticipant p : people) {
            p.run(GAPS);
            p.waitFor(
                    "video from the three others",
                    "Object.values(window.gaps).filter(g => g.frames > 30).length === " + (PEOPLE - 1),
                    Duration.ofSeconds(45));
        }
        for (BrowserParticipant p : people) {
            p.waitFor(
                    "a settled call (every jitter buffer under " + SETTLED_BUFFER_MS + " ms for 3 s)",
                    "window.settledSince > 0 && Date.now() - window.settledSince >= 3000",
                    Duration.ofSeconds(90));
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
            Object downlink = p.await(DOWNLINK);
            System.out.println("lossy room, " + p.identity + "'s downlink: " + downlink);
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
                            .as(p.identity + ": longest time without a new frame, ms; gaps " + gaps + ", downlink "
                                    + downlink)
                            .isLessThanOrEqualTo(1_000);
                }
            }
        }
        assertThat(resent).as("packets resent to subscribers").isPositive();
        assertThat(nacksSent).as("losses from publishers NACKed").isPositive();
    }
}

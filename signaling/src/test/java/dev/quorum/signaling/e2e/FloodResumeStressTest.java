package dev.quorum.signaling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.MediaServer;
import dev.quorum.signaling.testing.MediaStats;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A receive-only client floods the signaling socket with 1,000 pings: the server closes it
 * (4429) and the SDK reconnects. The flood comes either at once after joining, before the client
 * answered its first subscriber offer (the server then never gets that answer, and the
 * connection's DTLS handshake waits on the server for a fingerprint), or right after the answer,
 * while that connection's ICE and DTLS are under way. In half the rounds the page then calls
 * {@code disconnect()} while the SDK waits to resume, as a user closing the call would (or as
 * {@code RoomOfThreeTest} does).
 *
 * <p>What must hold each round: a resumed client keeps its subscriber connection and receives
 * the publisher's media over it; a disconnected one stays disconnected and leaves the room; and
 * no DTLS handshake on the server ever fails (a failed one, {@code bad_certificate}, disconnected
 * such a client with 53405). Rounds: {@code -Dquorum.stress.rounds} (default 8); busy threads
 * competing for the CPU while it runs: {@code -Dquorum.stress.cpu-hogs} (default 0).
 */
@RunsAlone
@Tag("slow")
class FloodResumeStressTest {

    static final int ROUNDS = Integer.getInteger("quorum.stress.rounds", 8);
    static final int CPU_HOGS = Integer.getInteger("quorum.stress.cpu-hogs", 0);
    static final Duration RESUME_WINDOW = Duration.ofSeconds(3);

    static final String JOIN_AND_FLOOD = """
            const { connect } = await import('/sdk/quorum.js');
            const events = window.events = [];
            const room = window.room = await connect({ token: args[0], room: 'daily', audio: false, video: false });
            for (const e of ['reconnecting', 'reconnected', 'disconnected']) {
              room.on(e, (a, b) => events.push(e + (b && b.code ? ':' + b.code : '')));
            }
            room.on('warning', (e) => events.push('warning:' + e.code));
            const flood = () => { for (let i = 0; i < 1000; i++) room._socket.send('{"type":"ping"}'); };
            if (args[2]) {
              // Before the first offer is answered: that answer will find the socket closing.
              flood();
            } else {
              // Right after the answer to the first offer went out, when the subscriber
              // connection's ICE and DTLS have only just started.
              const send = room._send.bind(room);
              room._send = (m) => {
                send(m);
                if (m.type === 'answer' && !window.flooded) { window.flooded = true; flood(); }
              };
              if (room._subscriber?.localDescription && !window.flooded) { window.flooded = true; flood(); }
            }
            if (args[1]) {
              // Leave while the SDK waits out its back-off before resuming (250 ms).
              room.on('reconnecting', () => setTimeout(() => room.disconnect(), Math.random() * 200));
            }
            return room.localParticipant.sid;
            """;

    @Test
    void floodThenResumeOrDisconnectNeverFailsADtlsHandshake() throws Exception {
        SignalingConfig signaling = new SignalingConfig(
                256 * 1024, 50, 100, Duration.ofSeconds(10), RESUME_WINDOW, Duration.ofSeconds(10), 1000);
        List<Thread> hogs = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        try (MediaServer server = new MediaServer(UnaryOperator.identity(), signaling)) {
            Chromium chromium = Chromium.start();
            try {
                for (int i = 0; i < CPU_HOGS; i++) {
                    Thread t = new Thread(
                            () -> {
                                long x = 0;
                                while (running.get()) {
                                    x += System.nanoTime() % 7;
                                }
                                if (x == 42) {
                                    System.out.print("");
                                }
                            },
                            "cpu-hog-" + i);
                    t.setDaemon(true);
                    t.start();
                    hogs.add(t);
                }
                BrowserParticipant alice = BrowserParticipant.open(chromium, server.pageUrl(), "alice", false);
                alice.join(server.token("alice"), "daily", Map.of("video", Map.of("width", 320, "height", 180)));
                BrowserParticipant tab = BrowserParticipant.open(chromium, server.pageUrl(), "mallory", true);
                for (int round = 0; round < ROUNDS; round++) {
                    String identity = "mallory-" + round;
                    boolean disconnect = round % 2 == 1;
                    boolean floodBeforeAnswer = round % 4 < 2;
                    String what = "round " + round + " (flood " + (floodBeforeAnswer ? "before" : "after")
                            + " the first answer, then " + (disconnect ? "disconnect() while reconnecting" : "resume")
                            + ")";
                    tab.run("return true"); // focus the tab, then load a fresh page in it
                    BrowserParticipant page = BrowserParticipant.open(chromium, server.pageUrl(), identity, false);
                    String sid =
                            (String) page.await(JOIN_AND_FLOOD, server.token(identity), disconnect, floodBeforeAnswer);
                    BrowserParticipant mallory = page.withSid(sid);
                    mallory.waitFor("flood refused", "events.includes('warning:53008')");
                    if (disconnect) {
                        mallory.waitFor("disconnected", "room.state === 'disconnected'");
                        awaitGone(server, identity, what);
                        assertThat(mallory.events()).as(what).doesNotContain("reconnected");
                    } else {
                        mallory.waitFor("resumed", "events.includes('reconnected')");
                        assertThat(mallory.run("return room.localParticipant.sid"))
                                .as(what)
                                .isEqualTo(sid);
                        mallory.await(MediaStats.INSTALL);
                        mallory.await(MediaStats.MARK);
                        mallory.waitFor("alice's media after the resume", MediaStats.flowingFrom(alice.sid()));
                        mallory.run("room.disconnect()");
                        awaitGone(server, identity, what + ", disconnect() after it");
                    }
                    assertThat(failures(server))
                            .as(what + ": DTLS failures on the server")
                            .isZero();
                    assertThat(errors(server, 53405))
                            .as(what + ": media failures told to clients")
                            .isZero();
                }
            } finally {
                running.set(false);
                chromium.close();
            }
        }
        for (Thread t : hogs) {
            t.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** The participant with this identity left the room (at once, or when its resume window ended). */
    static void awaitGone(MediaServer server, String identity, String what) {
        long deadline = System.nanoTime() + RESUME_WINDOW.plusSeconds(10).toNanos();
        while (inRoom(server, identity)) {
            if (System.nanoTime() > deadline) {
                fail(what + ": " + identity + " is still in the room");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    static boolean inRoom(MediaServer server, String identity) {
        return server.rooms()
                .findRoom(server.accountSid(), "daily")
                .map(r -> server.rooms().participants(server.accountSid(), r.sid()).stream()
                        .map(ParticipantInfo::identity)
                        .anyMatch(identity::equals))
                .orElse(false);
    }

    static double failures(MediaServer server) {
        Counter c = server.mediaMetrics
                .find("quorum.media.transports.closed")
                .tag("reason", "dtls_failed")
                .counter();
        return c == null ? 0 : c.count();
    }

    static double errors(MediaServer server, int code) {
        Counter c = server.http
                .registry
                .find("quorum.signaling.errors")
                .tag("code", Integer.toString(code))
                .counter();
        return c == null ? 0 : c.count();
    }
}

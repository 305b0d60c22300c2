package dev.quorum.recorder.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.recorder.Recorder;
import dev.quorum.recorder.RecorderConfig;
import dev.quorum.recorder.RecoveryReport;
import dev.quorum.recorder.mkv.MatroskaRecovery;
import dev.quorum.recorder.testing.FfmpegSender;
import dev.quorum.recorder.testing.Probe;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.StorageConfig;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.recording.Recording;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM recording a live stream is killed with SIGKILL: its file decodes up to within about a
 * second of the kill, and recovery in the next run completes the Recording from it.
 */
@Tag("slow")
class KillNineTest {

    private static final long KILL_AFTER_MILLIS = 4_000;

    @TempDir
    Path dir;

    @Test
    void recordingKilledMidStreamDecodesToNearTheKillAndRecoveryCompletesIt() throws Exception {
        String account = Sid.generate(Sid.ACCOUNT);
        String room = Sid.generate(Sid.ROOM);
        String track = Sid.generate(Sid.TRACK);
        Process child = new ProcessBuilder(
                        javaBinary(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        RecordingChild.class.getName(),
                        dir.toString(),
                        "node-a",
                        account,
                        room,
                        Sid.generate(Sid.PARTICIPANT),
                        track)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Process sender = null;
        long killedAfter;
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            int port = Integer.parseInt(expectLine(out, "PORT "));
            sender = FfmpegSender.start(FfmpegSender.send(
                    FfmpegSender.vp8Source(10),
                    FfmpegSender.VIDEO_PT,
                    "rtp://127.0.0.1:" + port + "?rtcpport=" + (port + 1) + "&pkt_size=1200"));
            long first = Long.parseLong(expectLine(out, "FIRST "));
            long killAt = first + KILL_AFTER_MILLIS;
            while (System.currentTimeMillis() < killAt) {
                Thread.sleep(Math.max(1, killAt - System.currentTimeMillis()));
            }
            child.destroyForcibly();
            killedAfter = System.currentTimeMillis() - first;
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        } finally {
            child.destroyForcibly();
            if (sender != null) {
                sender.destroyForcibly();
            }
        }

        StorageConfig storage = StorageConfig.defaults("jdbc:sqlite:" + dir.resolve("quorum.db"), dir);
        LocalMediaStore media = new LocalMediaStore(dir.resolve("media"));
        try (MetadataStore store = MetadataStore.open(storage, Clock.systemUTC())) {
            List<Recording> left = store.recordings().processingOn("node-a");
            assertThat(left).hasSize(1);
            Recording r = left.get(0);
            assertThat(r.sourceSid()).isEqualTo(track);
            Path file = media.pathOf(r.mediaKey());

            List<Double> pts = Probe.packetTimes(file);
            assertThat(Probe.decodeErrors(file)
                            .lines()
                            .filter(l -> !l.matches(".*File ended prematurely.*"))
                            .toList())
                    .isEmpty();
            assertThat(pts.get(pts.size() - 1))
                    .as("last frame saved vs. %d ms streamed before the kill", killedAfter)
                    .isGreaterThan(killedAfter / 1000.0 - 1.0);

            EventBus events = new EventBus();
            List<RecordingEvent> published = new CopyOnWriteArrayList<>();
            events.subscribe(e -> {
                if (e instanceof RecordingEvent re) {
                    published.add(re);
                }
            });
            RecoveryReport report;
            try (Recorder next = new Recorder(
                    RecorderConfig.defaults().withInstanceId("node-a"),
                    store.recordings(),
                    media,
                    events,
                    new SimpleMeterRegistry())) {
                report = next.recover();
                next.start();
            }
            events.close();

            assertThat(report.completed()).containsExactly(r.sid());
            Recording done = store.recordings().find(r.sid()).orElseThrow();
            assertThat(done.status()).isEqualTo(Recording.COMPLETED);
            assertThat(done.durationMs() / 1000.0).isCloseTo(pts.get(pts.size() - 1), within(0.1));
            assertThat(done.sizeBytes()).isEqualTo(file.toFile().length());
            assertThat(MatroskaRecovery.scan(file).finalized()).isTrue();
            assertThat(Probe.decodeErrors(file)).isEmpty();
            assertThat(Probe.packetTimes(file)).hasSize(pts.size());
            assertThat(published).extracting(RecordingEvent::name).containsExactly(RecordingEvent.COMPLETED);
            assertThat(store.recordings().processingOn("node-a")).isEmpty();
        }
    }

    private static String expectLine(BufferedReader out, String prefix) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        throw new AssertionError("Child recorder exited before printing " + prefix.trim());
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

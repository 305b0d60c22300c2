package dev.quorum.composer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quorum.composer.CompositionPlanner;
import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.layout.StreamClasses;
import dev.quorum.composer.testing.Probe;
import dev.quorum.composer.testing.TestMedia;
import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composes a room live: its recordings' files grow in real time as a recorder writes them, the
 * engine follows a few seconds behind, a camera that joins late enters the grid, and the file is
 * complete moments after the room ends — the same pictures as composing the room afterwards.
 */
@RunsAlone
@Tag("slow")
class LiveCompositionTest {

    @TempDir
    static Path dir;

    static Path red;
    static Path blue;
    static Path tone;

    @BeforeAll
    static void makeRecordings() {
        TestMedia media = new TestMedia(dir);
        red = media.vp8("red", "red", 320, 240, 8);
        blue = media.vp8("blue", "blue", 320, 240, 4);
        tone = media.opusTone("tone", 440, 8);
    }

    /** A room whose recorder copies finished files into place at the pace of the room clock. */
    static final class Recorder implements LiveRoom {
        final long t0 = System.currentTimeMillis();
        final List<Growing> tracks = new ArrayList<>();
        final AtomicReference<Snapshot> latest = new AtomicReference<>();
        volatile boolean roomEnded;
        long version;

        record Growing(SourceRecording finished, Path target, long startMs, long durationMs) {}

        void add(String name, TrackKind kind, Path source, long startMs, long durationMs) {
            Path target = dir.resolve("live-" + name + (kind == TrackKind.AUDIO ? ".mka" : ".mkv"));
            SourceRecording s = new SourceRecording(
                    Sid.generate(Sid.RECORDING),
                    Sid.generate(Sid.TRACK),
                    Sid.generate(Sid.PARTICIPANT),
                    name,
                    kind,
                    kind == TrackKind.AUDIO ? "OPUS" : "VP8",
                    target,
                    t0 + startMs,
                    durationMs);
            tracks.add(new Growing(s, target, startMs, durationMs));
            sources.add(source);
        }

        final List<Path> sources = new ArrayList<>();

        /** Writes each file up to where the room clock is; returns once every file is whole. */
        void run() throws Exception {
            List<FileChannel> out = new ArrayList<>();
            List<byte[]> bytes = new ArrayList<>();
            for (int i = 0; i < tracks.size(); i++) {
                bytes.add(Files.readAllBytes(sources.get(i)));
                out.add(null);
            }
            long[] written = new long[tracks.size()];
            boolean allDone = false;
            while (!allDone) {
                long elapsed = System.currentTimeMillis() - t0;
                allDone = true;
                for (int i = 0; i < tracks.size(); i++) {
                    Growing g = tracks.get(i);
                    byte[] b = bytes.get(i);
                    if (elapsed < g.startMs()) {
                        allDone = false;
                        continue;
                    }
                    if (out.get(i) == null) {
                        out.set(i, FileChannel.open(g.target(), StandardOpenOption.CREATE, StandardOpenOption.WRITE));
                    }
                    double share = Math.min(1.0, (elapsed - g.startMs()) / (double) g.durationMs());
                    long upTo = Math.round(b.length * share);
                    if (upTo > written[i]) {
                        out.get(i).write(ByteBuffer.wrap(b, (int) written[i], (int) (upTo - written[i])));
                        written[i] = upTo;
                    }
                    allDone &= written[i] == b.length;
                }
                publish();
                Thread.sleep(100);
            }
            for (FileChannel c : out) {
                c.close();
            }
            roomEnded = true;
            publish();
        }

        synchronized void publish() {
            long elapsed = System.currentTimeMillis() - t0;
            List<SourceRecording> recs = new ArrayList<>();
            Set<String> writing = new java.util.HashSet<>();
            for (Growing g : tracks) {
                if (elapsed < g.startMs()) {
                    continue;
                }
                boolean done = roomEnded;
                SourceRecording s = g.finished();
                if (!done) {
                    writing.add(s.recordingSid());
                    s = new SourceRecording(
                            s.recordingSid(),
                            s.trackSid(),
                            s.participantSid(),
                            s.trackName(),
                            s.kind(),
                            s.codec(),
                            s.file(),
                            s.offsetMs(),
                            LiveRoom.OPEN_MS);
                }
                recs.add(s);
            }
            Snapshot before = latest.get();
            boolean same = before != null
                    && before.recordings().equals(recs)
                    && before.writing().equals(writing)
                    && before.ended() == roomEnded;
            if (!same) {
                latest.set(new Snapshot(++version, recs, writing, roomEnded, 1500));
            }
        }

        @Override
        public Snapshot snapshot() {
            Snapshot s = latest.get();
            return s != null ? s : new Snapshot(0, List.of(), Set.of(), false, 1500);
        }
    }

    @Test
    void aRoomComposedWhileItRunsIsReadyMomentsAfterItEndsAndMatchesTheComposedAfterwards() throws Exception {
        Recorder room = new Recorder();
        room.add("alice-cam", TrackKind.VIDEO, red, 0, 8000);
        room.add("alice-mic", TrackKind.AUDIO, tone, 0, 8000);
        // Bob's camera starts 3 s into the room, within its opening (3 delays of 1.5 s): the grid
        // has two cells from the start, as in a composition made afterwards.
        room.add("bob-cam", TrackKind.VIDEO, blue, 3000, 4000);
        CompositionRequest request = CompositionRequest.parse(
                "{\"grid\":{\"video_sources\":[\"*\"]}}", List.of("*"), null, "640x480", "mp4", true);
        Path live = dir.resolve("live.mp4");
        List<Long> behind = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<CompositionResult> composing = CompletableFuture.supplyAsync(() -> {
            try {
                return new CompositionEngine(EngineSettings.DEFAULT)
                        .composeLive(
                                request,
                                StreamClasses.NONE,
                                room,
                                live,
                                new ProgressListener() {
                                    @Override
                                    public void onProgress(int percent, long seconds) {}

                                    @Override
                                    public void onLive(long behindMillis) {
                                        behind.add(behindMillis);
                                    }
                                },
                                System::currentTimeMillis);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        room.run();
        long endedAt = System.nanoTime();
        CompositionResult result = composing.get(60, TimeUnit.SECONDS);
        long tailMs = (System.nanoTime() - endedAt) / 1_000_000;
        System.out.println("live composition: room end -> complete " + tailMs + " ms; behind " + behind);

        assertThat(tailMs).as("room end → file complete, ms").isLessThan(4000);
        assertThat(behind).as("told how far behind the room it was").isNotEmpty();
        assertThat(result.durationMs()).isEqualTo(8000);
        assertThat(result.warnings()).isEmpty();
        Probe probe = new Probe(live);
        assertThat(probe.durationSeconds()).isCloseTo(8.0, within(0.2));
        assertThat(probe.frameAt(1.0).colourAt(160, 240)).isEqualTo("red");
        assertThat(probe.frameAt(5.0).colourAt(160, 240)).isEqualTo("red");
        assertThat(probe.frameAt(5.0).colourAt(480, 240)).isEqualTo("blue");
        assertThat(Probe.toneAmplitude(probe.audio(1.0, 1.0), 440)).isGreaterThan(0.03);
        assertThat(Probe.toneAmplitude(probe.audio(6.0, 1.0), 440)).isGreaterThan(0.03);

        // The same room composed afterwards: the same pictures, from the first second on.
        Path after = dir.resolve("after.mp4");
        List<SourceRecording> finished =
                room.tracks.stream().map(Recorder.Growing::finished).toList();
        new CompositionEngine(EngineSettings.DEFAULT)
                .compose(CompositionPlanner.plan(request, finished), after, ProgressListener.NONE);
        Probe afterwards = new Probe(after);
        for (double t : new double[] {0.5, 1.0, 2.5, 3.5, 5.0, 6.5}) {
            assertThat(probe.frameAt(t).colourAt(480, 240))
                    .isEqualTo(afterwards.frameAt(t).colourAt(480, 240));
            assertThat(probe.frameAt(t).colourAt(160, 240))
                    .isEqualTo(afterwards.frameAt(t).colourAt(160, 240));
        }
    }
}

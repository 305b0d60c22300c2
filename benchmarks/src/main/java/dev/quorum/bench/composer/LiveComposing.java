package dev.quorum.bench.composer;

import dev.quorum.composer.CompositionPlanner;
import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.engine.CompositionEngine;
import dev.quorum.composer.engine.CompositionResult;
import dev.quorum.composer.engine.EngineSettings;
import dev.quorum.composer.engine.Ffmpeg;
import dev.quorum.composer.engine.LiveRoom;
import dev.quorum.composer.engine.ProgressListener;
import dev.quorum.composer.layout.StreamClasses;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A generated room of {@code sources} participants (VP8 640x480 25 fps camera + Opus microphone
 * each, as {@link ComposerVsFfmpeg} makes them) composed live while it "runs": a writer thread
 * copies each recording into place at the pace of the room clock, as the recorder would write it,
 * and the engine follows {@code delay} behind. Prints the CPU the live composition used per second
 * of room (in cores), the time from the room's end to the finished file, and the wall and CPU time
 * of composing the same room after the fact.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.quorum.bench.composer.LiveComposing
 * [seconds=60] [sources=4] [sizes=640x480,1280x720] [delay=3000] [dir=/tmp/composer-bench]}
 */
public final class LiveComposing {

    private LiveComposing() {}

    public static void main(String[] args) throws Exception {
        int seconds = 60;
        int sources = 4;
        long delay = 3000;
        List<Resolution> sizes = List.of(new Resolution(640, 480), new Resolution(1280, 720));
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "composer-bench");
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "seconds" -> seconds = Integer.parseInt(kv[1]);
                case "sources" -> sources = Integer.parseInt(kv[1]);
                case "delay" -> delay = Long.parseLong(kv[1]);
                case "dir" -> dir = Path.of(kv[1]);
                case "sizes" -> {
                    List<Resolution> r = new ArrayList<>();
                    for (String s : kv[1].split(",")) {
                        r.add(Resolution.parse(s));
                    }
                    sizes = r;
                }
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        Path work = Files.createDirectories(dir);
        Ffmpeg.init();
        List<Path[]> inputs = ComposerVsFfmpeg.makeInputs(Ffmpeg.bundledCli(), work, sources, seconds);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(
                Locale.ROOT,
                "%d-participant room of %d s, live delay %d ms; machine load average %.1f at start%n%n",
                sources,
                seconds,
                delay,
                os.getSystemLoadAverage());
        System.out.println("| output | live CPU (s) | live cores | room end → file (s) | after the fact wall (s)"
                + " | after the fact CPU (s) |");
        System.out.println("|---|---|---|---|---|---|");
        for (Resolution size : sizes) {
            CompositionRequest req = CompositionRequest.parse(
                    "{\"grid\":{\"video_sources\":[\"*\"]}}", List.of("*"), null, size.wireForm(), "mp4", true);
            Path liveDir = Files.createDirectories(work.resolve("live-" + size));
            Room room = new Room(inputs, liveDir, seconds, delay);
            long cpu = os.getProcessCpuTime();
            CompletableFuture<CompositionResult> composing = CompletableFuture.supplyAsync(() -> {
                try {
                    return new CompositionEngine(EngineSettings.DEFAULT)
                            .composeLive(
                                    req,
                                    StreamClasses.NONE,
                                    room,
                                    work.resolve("live-" + size + ".mp4"),
                                    ProgressListener.NONE,
                                    System::currentTimeMillis);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            room.run();
            long ended = System.nanoTime();
            CompositionResult live = composing.join();
            double tail = (System.nanoTime() - ended) / 1e9;
            double liveCpu = (os.getProcessCpuTime() - cpu) / 1e9;
            if (!live.warnings().isEmpty()) {
                throw new IllegalStateException("unexpected warnings: " + live.warnings());
            }
            long afterCpu = os.getProcessCpuTime();
            long t = System.nanoTime();
            new CompositionEngine(EngineSettings.DEFAULT)
                    .compose(
                            CompositionPlanner.plan(req, room.finished),
                            work.resolve("after-" + size + ".mp4"),
                            ProgressListener.NONE);
            double afterWall = (System.nanoTime() - t) / 1e9;
            double afterUsed = (os.getProcessCpuTime() - afterCpu) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.1f | %.2f | %.2f | %.1f | %.1f |%n",
                    size,
                    liveCpu,
                    liveCpu / seconds,
                    tail,
                    afterWall,
                    afterUsed);
        }
    }

    /** The recorder of a room: copies each finished file into place at the pace of the room clock. */
    private static final class Room implements LiveRoom {
        final long t0 = System.currentTimeMillis();
        final List<SourceRecording> finished = new ArrayList<>();
        final List<Path> originals = new ArrayList<>();
        final int seconds;
        final long delay;
        volatile Snapshot latest;
        volatile boolean ended;

        Room(List<Path[]> inputs, Path dir, int seconds, long delay) {
            this.seconds = seconds;
            this.delay = delay;
            for (int i = 0; i < inputs.size(); i++) {
                String participant = Sid.generate(Sid.PARTICIPANT);
                for (int k = 0; k < 2; k++) {
                    Path original = inputs.get(i)[k];
                    TrackKind kind = k == 0 ? TrackKind.VIDEO : TrackKind.AUDIO;
                    originals.add(original);
                    finished.add(new SourceRecording(
                            Sid.generate(Sid.RECORDING),
                            Sid.generate(Sid.TRACK),
                            participant,
                            (k == 0 ? "cam" : "mic") + i,
                            kind,
                            k == 0 ? "VP8" : "OPUS",
                            dir.resolve(original.getFileName()),
                            t0,
                            seconds * 1000L));
                }
            }
            publish();
        }

        void run() throws Exception {
            List<byte[]> bytes = new ArrayList<>();
            List<FileChannel> out = new ArrayList<>();
            for (int i = 0; i < finished.size(); i++) {
                bytes.add(Files.readAllBytes(originals.get(i)));
                Files.deleteIfExists(finished.get(i).file());
                out.add(FileChannel.open(finished.get(i).file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE));
            }
            long[] written = new long[bytes.size()];
            boolean done = false;
            while (!done) {
                double share = Math.min(1.0, (System.currentTimeMillis() - t0) / (seconds * 1000.0));
                done = share >= 1.0;
                for (int i = 0; i < bytes.size(); i++) {
                    long upTo = Math.round(bytes.get(i).length * share);
                    if (upTo > written[i]) {
                        out.get(i).write(ByteBuffer.wrap(bytes.get(i), (int) written[i], (int) (upTo - written[i])));
                        written[i] = upTo;
                    }
                }
                Thread.sleep(100);
            }
            for (FileChannel c : out) {
                c.close();
            }
            ended = true;
            publish();
        }

        private void publish() {
            List<SourceRecording> recs = new ArrayList<>();
            Set<String> writing = new HashSet<>();
            for (SourceRecording s : finished) {
                if (ended) {
                    recs.add(s);
                } else {
                    writing.add(s.recordingSid());
                    recs.add(new SourceRecording(
                            s.recordingSid(),
                            s.trackSid(),
                            s.participantSid(),
                            s.trackName(),
                            s.kind(),
                            s.codec(),
                            s.file(),
                            s.offsetMs(),
                            LiveRoom.OPEN_MS));
                }
            }
            latest = new Snapshot(ended ? 2 : 1, recs, writing, ended, delay);
        }

        @Override
        public Snapshot snapshot() {
            return latest;
        }
    }
}

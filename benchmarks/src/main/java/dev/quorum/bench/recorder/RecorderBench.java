package dev.quorum.bench.recorder;

import dev.quorum.recorder.RecorderConfig;
import dev.quorum.recorder.pipeline.ArrivalClock;
import dev.quorum.recorder.pipeline.FileSyncer;
import dev.quorum.recorder.pipeline.RecorderMetrics;
import dev.quorum.recorder.pipeline.RecorderServices;
import dev.quorum.recorder.pipeline.RecordingLifecycle;
import dev.quorum.rtp.RtpPacketBuilder;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.StorageConfig;
import dev.quorum.storage.media.LocalMediaStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What the recorder benchmarks share: real services (SQLite, files on tmpfs when there is one)
 * and synthetic RTP streams shaped like WebRTC's: VP8 at three 1,000-byte packets a frame with a
 * keyframe every 60 frames, Opus at one 120-byte packet per 20 ms.
 */
final class RecorderBench implements AutoCloseable {

    static final int PT = 96;

    final Path dir;
    final MetadataStore store;
    final LocalMediaStore media;
    final EventBus events = new EventBus();
    final RecordingLifecycle lifecycle;
    final FileSyncer syncer;
    final RecorderServices services;

    RecorderBench(RecorderConfig config) {
        try {
            Path shm = Path.of("/dev/shm");
            dir = Files.createTempDirectory(
                    Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")), "recorder-bench");
            store = MetadataStore.open(
                    StorageConfig.defaults("jdbc:sqlite:" + dir.resolve("quorum.db"), dir), Clock.systemUTC());
            media = new LocalMediaStore(dir.resolve("media"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RecorderMetrics metrics = new RecorderMetrics(new SimpleMeterRegistry());
        lifecycle = new RecordingLifecycle(store.recordings(), events, Clock.systemUTC());
        syncer = new FileSyncer(config.syncInterval().toNanos(), lifecycle, metrics.syncTimer());
        services = new RecorderServices(
                config,
                metrics,
                media,
                lifecycle,
                syncer,
                ArrivalClock.anchored(Clock.systemUTC(), System::nanoTime),
                PooledByteBufAllocator.DEFAULT);
    }

    static TappedTrack track(String codec) {
        boolean audio = codec.equalsIgnoreCase("opus");
        return new TappedTrack(
                Sid.generate(Sid.ACCOUNT),
                Sid.generate(Sid.ROOM),
                "bench",
                Sid.generate(Sid.PARTICIPANT),
                "bench",
                Sid.generate(Sid.TRACK),
                "t",
                audio ? TrackKind.AUDIO : TrackKind.VIDEO,
                codec,
                PT,
                audio ? 48_000 : 90_000,
                audio ? 2 : 0,
                Map.of(),
                0);
    }

    /**
     * One group of pictures (or one audio packet) as pooled packets; the caller rewrites sequence
     * number (offset 2) and timestamp (offset 4) before each use.
     *
     * @return packets, and in {@code framePackets[0]} how many packets make one frame
     */
    static ByteBuf[] stream(String codec, int[] framePackets) {
        Random random = new Random(1);
        if (codec.equalsIgnoreCase("opus")) {
            framePackets[0] = 1;
            byte[] payload = new byte[120];
            random.nextBytes(payload);
            payload[0] = (byte) 0xFC; // CELT fullband 20 ms, one frame
            return new ByteBuf[] {packet(payload, true)};
        }
        framePackets[0] = 3;
        ByteBuf[] out = new ByteBuf[60 * 3];
        for (int f = 0; f < 60; f++) {
            for (int k = 0; k < 3; k++) {
                byte[] payload = new byte[4 + 1000];
                random.nextBytes(payload);
                payload[0] = (byte) (0x80 | (k == 0 ? 0x10 : 0)); // X, S on the frame's first packet
                payload[1] = (byte) 0x80; // I: picture ID follows
                payload[2] = (byte) (0x80 | (f >> 8));
                payload[3] = (byte) f;
                if (k == 0) {
                    // VP8 frame tag: keyframe bit (P = 0) on the first frame, with start code and 320x240.
                    payload[4] = (byte) (f == 0 ? 0x10 : 0x11);
                    if (f == 0) {
                        payload[7] = (byte) 0x9D;
                        payload[8] = 0x01;
                        payload[9] = 0x2A;
                        payload[10] = (byte) 320;
                        payload[11] = (byte) (320 >> 8);
                        payload[12] = (byte) 240;
                        payload[13] = 0;
                    }
                }
                out[f * 3 + k] = packet(payload, k == 2);
            }
        }
        return out;
    }

    private static ByteBuf packet(byte[] payload, boolean marker) {
        return new RtpPacketBuilder()
                .payloadType(PT)
                .ssrc(0x1234)
                .marker(marker)
                .payload(payload)
                .build(PooledByteBufAllocator.DEFAULT);
    }

    /** Deletes what the recordings wrote. */
    void deleteMedia() {
        try (Stream<Path> files = Files.walk(media.root())) {
            files.filter(Files::isRegularFile).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        syncer.close();
        lifecycle.close();
        events.close();
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.quorum.recorder.crash;

import dev.quorum.recorder.Recorder;
import dev.quorum.recorder.RecorderConfig;
import dev.quorum.recorder.testing.RtpReceiver;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.sfu.tap.TrackSink;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.StorageConfig;
import dev.quorum.storage.media.LocalMediaStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A separate JVM that records one VP8 track received on a UDP port until it is killed. Prints
 * {@code PORT <n>} when listening and {@code FIRST <epoch ms>} when the first packet arrives.
 *
 * <p>Arguments: data directory, instance id, account SID, room SID, participant SID, track SID.
 */
public final class RecordingChild {

    private RecordingChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        MetadataStore store = MetadataStore.open(
                StorageConfig.defaults("jdbc:sqlite:" + dir.resolve("quorum.db"), dir), Clock.systemUTC());
        LocalMediaStore media = new LocalMediaStore(dir.resolve("media"));
        Recorder recorder = new Recorder(
                RecorderConfig.defaults().withInstanceId(args[1]),
                store.recordings(),
                media,
                new EventBus(),
                new SimpleMeterRegistry());
        recorder.start();
        TappedTrack track = new TappedTrack(
                args[2],
                args[3],
                "room",
                args[4],
                "alice",
                args[5],
                "camera",
                TrackKind.VIDEO,
                "VP8",
                96,
                90_000,
                0,
                Map.of(),
                System.currentTimeMillis());
        TrackSink sink = recorder.open(track, () -> {});
        AtomicBoolean first = new AtomicBoolean();
        TrackSink announcing = new TrackSink() {
            @Override
            public void onRtp(ByteBuf packet, long arrivalNanos) {
                if (first.compareAndSet(false, true)) {
                    System.out.println("FIRST " + System.currentTimeMillis());
                    System.out.flush();
                }
                sink.onRtp(packet, arrivalNanos);
            }

            @Override
            public void onSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {
                sink.onSenderReport(ssrc, ntpTimestamp, rtpTimestamp, arrivalNanos);
            }

            @Override
            public void close() {
                sink.close();
            }
        };
        RtpReceiver rx = new RtpReceiver(announcing);
        System.out.println("PORT " + rx.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

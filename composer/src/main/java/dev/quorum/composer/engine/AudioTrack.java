package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import dev.quorum.composer.timeline.Span;
import dev.quorum.composer.timeline.Timeline;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Produces the output audio: for each encoder frame, the timeline positions it covers (a frame
 * may straddle a trimmed gap), every source's samples at those positions summed, limited, and
 * encoded. Timestamps are sample counts, so audio cannot drift from video however long the
 * composition.
 */
final class AudioTrack {

    private static final int PER_MS = Encoder.SAMPLE_RATE / 1000;

    private final Stages stages;
    /** A live composition adds sources as they start: a list safe to grow while it is read. */
    private final List<AudioSourceReader> sources;

    private final Encoder encoder;
    private final Pacer pacer;
    private final Progress progress;
    private volatile long composedMicros = Long.MIN_VALUE;

    AudioTrack(Stages stages, List<AudioSourceReader> sources, Encoder encoder, Pacer pacer, Progress progress) {
        this.stages = stages;
        this.sources = sources;
        this.encoder = encoder;
        this.pacer = pacer;
        this.progress = progress;
    }

    /**
     * Encodes the whole track and flushes the encoder; a live composition waits at the stage's
     * watermark and ends with the plan once the room has ended.
     */
    void run() throws InterruptedException {
        int frameSize = encoder.frameSize() > 0 ? encoder.frameSize() : 1024;
        float[] left = new float[frameSize];
        float[] right = new float[frameSize];
        float[] interleaved = encoder.planarAudio() ? null : new float[frameSize * 2];
        AVFrame frame = av_frame_alloc();
        try {
            long s = 0;
            while (true) {
                Stages.Stage stage = stages.current();
                Timeline timeline = stage.plan() == null ? null : stage.plan().timeline();
                long total = timeline == null ? 0 : timeline.durationMs() * PER_MS;
                int n = (int) Math.min(frameSize, total - s);
                // Only the last frame may be short: a live one waits to be whole.
                boolean whole = n == frameSize || stage.ended();
                if (n <= 0 || !whole || !stage.ready(timeline.roomMicrosAt((s + n) * 1000 / PER_MS))) {
                    if (stage.ended()) {
                        break;
                    }
                    stages.await();
                    continue;
                }
                pacer.awaitVideo(s * 1_000_000L / Encoder.SAMPLE_RATE, 2_000_000);
                java.util.Arrays.fill(left, 0, n, 0f);
                java.util.Arrays.fill(right, 0, n, 0f);
                mix(timeline, !stage.ended(), s, n, left, right);
                AudioMixer.limit(left, n);
                AudioMixer.limit(right, n);
                fill(frame, s, n, left, right, interleaved);
                encoder.send(frame);
                av_frame_unref(frame);
                progress.audioReached(s + n);
                composedMicros = timeline.roomMicrosAt((s + n) * 1000 / PER_MS);
                s += n;
            }
            encoder.send(null);
        } finally {
            av_frame_free(frame);
        }
    }

    /** Room time (µs since the epoch) the track has been encoded up to; {@link Long#MIN_VALUE} before. */
    long composedMicros() {
        return composedMicros;
    }

    /** Mixes output samples [s, s + n) from the room positions the timeline maps them to. */
    private void mix(Timeline timeline, boolean live, long s, int n, float[] left, float[] right)
            throws InterruptedException {
        int done = 0;
        while (done < n) {
            long out = s + done;
            Span span = timeline.spanAtOutput(out / PER_MS);
            if (span == null) {
                return;
            }
            long spanOutEnd = span.outputEndMs() * PER_MS;
            int len = (int) Math.min(n - done, spanOutEnd - out);
            long roomPos =
                    (span.roomStartMs() - stages.audioOriginMs()) * PER_MS + (out - span.outputStartMs() * PER_MS);
            for (AudioSourceReader src : sources) {
                src.mixInto(roomPos, len, left, right, done, live);
            }
            done += len;
        }
    }

    private void fill(AVFrame frame, long pts, int n, float[] left, float[] right, float[] interleaved) {
        frame.format(encoder.context().sample_fmt());
        frame.sample_rate(Encoder.SAMPLE_RATE);
        FfmpegException.check(
                av_channel_layout_copy(frame.ch_layout(), encoder.context().ch_layout()), "set channels");
        frame.nb_samples(n);
        FfmpegException.check(av_frame_get_buffer(frame, 0), "allocate an audio frame");
        frame.pts(pts);
        if (interleaved == null) {
            new FloatPointer(frame.data(0)).put(left, 0, n);
            new FloatPointer(frame.data(1)).put(right, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                interleaved[2 * i] = left[i];
                interleaved[2 * i + 1] = right[i];
            }
            new FloatPointer(frame.data(0)).put(interleaved, 0, 2 * n);
        }
    }
}

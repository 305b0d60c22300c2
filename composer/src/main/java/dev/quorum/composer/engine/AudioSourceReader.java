package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_compare;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import dev.quorum.composer.SourceRecording;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One audio recording decoded on its own thread ({@link #run()}), converted to 48 kHz stereo
 * float and placed on the timeline by its timestamps: sample positions count from the timeline's
 * origin on the room clock. A timestamp gap inside the file (muted microphone, DTX) stays a gap,
 * so later audio is not pulled earlier; frames that follow each other within two milliseconds are
 * joined exactly, so millisecond rounding of container timestamps adds no clicks. The mixer reads
 * through {@link #mixInto}; a bounded queue between them keeps about a second decoded ahead.
 */
final class AudioSourceReader implements AutoCloseable, Runnable {

    private static final int JOIN_TOLERANCE = 96;

    /** Decoded samples at a timeline position; a null {@code left} marks the end of the file. */
    private record Chunk(long position, float[] left, float[] right, int length) {
        long end() {
            return position + length;
        }
    }

    private static final Chunk END = new Chunk(0, null, null, 0);
    private static final int QUEUE_CHUNKS = 64;

    private volatile SourceRecording source;
    private final long originMs;
    /** Follows the source's offset, which a live room may still correct. */
    private volatile long startSample;

    private volatile MediaInput input;
    private final GrowingFile growing;
    private final BlockingQueue<Chunk> decoded = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    private volatile boolean cancelled;
    // Mixer side.
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private long decodedUntil = Long.MIN_VALUE;
    private boolean ended;
    // Decoder side.
    private final AVChannelLayout stereo = new AVChannelLayout();
    private final AVChannelLayout inLayout = new AVChannelLayout();
    private SwrContext swr;
    private volatile String damaged;
    private int inFormat = -1;
    private int inRate = -1;
    private FloatPointer outLeft;
    private FloatPointer outRight;
    private final PointerPointer<FloatPointer> outPlanes = new PointerPointer<>(2);
    private int outCapacity;
    private long expectedNext = Long.MIN_VALUE;

    /**
     * Opens the recording.
     *
     * @param originMs room time of the timeline's first sample
     * @throws FfmpegException when the file cannot be opened or holds no decodable audio
     */
    AudioSourceReader(SourceRecording source, long originMs) {
        this.source = source;
        this.originMs = originMs;
        this.startSample = (source.offsetMs() - originMs) * (Encoder.SAMPLE_RATE / 1000);
        this.growing = null;
        this.input = MediaInput.open(source.file(), AVMEDIA_TYPE_AUDIO, 1);
        av_channel_layout_default(stereo, 2);
    }

    /**
     * Reads a recording that may still be written; the file is opened on the decoding thread,
     * since opening waits for its first frames.
     */
    AudioSourceReader(SourceRecording source, long originMs, GrowingFile file) {
        this.source = source;
        this.originMs = originMs;
        this.startSample = (source.offsetMs() - originMs) * (Encoder.SAMPLE_RATE / 1000);
        this.growing = file;
        av_channel_layout_default(stereo, 2);
    }

    /** A live room corrected the recording's offset: later audio is placed by the new one. */
    void follow(SourceRecording newest) {
        source = newest;
        startSample = (newest.offsetMs() - originMs) * (Encoder.SAMPLE_RATE / 1000);
    }

    SourceRecording source() {
        return source;
    }

    int rejectedPackets() {
        MediaInput in = input;
        return in == null ? 0 : in.rejectedPackets();
    }

    boolean readError() {
        MediaInput in = input;
        return in != null && in.readErrors() > 0 || damaged != null || growing != null && growing.failed();
    }

    /**
     * When the file ended, the room time in ms up to which it held audio; −1 while it has not
     * ended (or was never read to its end).
     */
    long endedAtMs(long originMs) {
        if (!ended) {
            return -1;
        }
        long until = decodedUntil == Long.MIN_VALUE ? startSample : decodedUntil;
        return originMs + until / (Encoder.SAMPLE_RATE / 1000);
    }

    /** The decoding thread's body: decodes the whole file into the queue, then marks its end. */
    @Override
    public void run() {
        try {
            if (input == null) {
                input = MediaInput.openGrowing(growing, AVMEDIA_TYPE_AUDIO);
            }
            while (!cancelled && decodeOne()) {
                // Each decoded frame went to the queue.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (FfmpegException e) {
            damaged = e.getMessage();
        }
        try {
            put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the decoding thread; it ends within about 50 ms. */
    void cancel() {
        cancelled = true;
        if (growing != null) {
            growing.cancel();
        }
    }

    private void put(Chunk c) throws InterruptedException {
        while (!cancelled) {
            if (decoded.offer(c, 50, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /**
     * Adds this source's samples for timeline positions [{@code from}, {@code from + n}) into
     * {@code left}/{@code right} starting at {@code offset}; positions without audio add nothing.
     * Positions must not go backwards between calls. Waits for the decoding thread when it is
     * behind.
     *
     * @param live true while the room runs: once the decoder has read all the file holds, what is
     *             missing at these positions was not recorded in time and stays silent
     */
    void mixInto(long from, int n, float[] left, float[] right, int offset, boolean live) throws InterruptedException {
        long until = from + n;
        while (!ended && decodedUntil < until) {
            Chunk c = decoded.poll(50, TimeUnit.MILLISECONDS);
            if (c == null) {
                if (live && growing != null && growing.starved() && decoded.isEmpty()) {
                    break;
                }
                continue;
            }
            if (c == END) {
                ended = true;
            } else {
                decodedUntil = Math.max(decodedUntil, c.end());
                chunks.addLast(c);
            }
        }
        for (Chunk c : chunks) {
            long a = Math.max(from, c.position);
            long b = Math.min(until, c.end());
            for (long p = a; p < b; p++) {
                int src = (int) (p - c.position);
                int dst = offset + (int) (p - from);
                left[dst] += c.left[src];
                right[dst] += c.right[src];
            }
        }
        while (!chunks.isEmpty() && chunks.peekFirst().end() <= until) {
            chunks.removeFirst();
        }
    }

    /** Decodes one frame into the queue; false at the end of the file. */
    private boolean decodeOne() throws InterruptedException {
        if (!input.next()) {
            return false;
        }
        AVFrame f = input.frame();
        configure(f);
        int need = swr_get_out_samples(swr, f.nb_samples());
        ensureCapacity(need);
        int got = swr_convert(swr, outPlanes, outCapacity, f.extended_data(), f.nb_samples());
        if (got <= 0) {
            return true;
        }
        float[] l = new float[got];
        float[] r = new float[got];
        outLeft.get(l, 0, got);
        outRight.get(r, 0, got);
        long pos = startSample + input.frameTime(Encoder.SAMPLE_RATE);
        if (expectedNext != Long.MIN_VALUE && Math.abs(pos - expectedNext) <= JOIN_TOLERANCE) {
            pos = expectedNext;
        }
        expectedNext = pos + got;
        put(new Chunk(pos, l, r, got));
        return true;
    }

    /** (Re)builds the converter when the decoder's output format changes. */
    private void configure(AVFrame f) {
        if (swr != null
                && f.format() == inFormat
                && f.sample_rate() == inRate
                && av_channel_layout_compare(f.ch_layout(), inLayout) == 0) {
            return;
        }
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        av_channel_layout_uninit(inLayout);
        FfmpegException.check(av_channel_layout_copy(inLayout, f.ch_layout()), "read the channel layout");
        inFormat = f.format();
        inRate = f.sample_rate();
        SwrContext ctx = new SwrContext(null);
        FfmpegException.check(
                swr_alloc_set_opts2(
                        ctx,
                        stereo,
                        AV_SAMPLE_FMT_FLTP,
                        Encoder.SAMPLE_RATE,
                        f.ch_layout(),
                        f.format(),
                        f.sample_rate(),
                        0,
                        null),
                "set up audio conversion");
        swr = ctx;
        FfmpegException.check(swr_init(swr), "start audio conversion");
    }

    private void ensureCapacity(int samples) {
        if (samples <= outCapacity) {
            return;
        }
        int cap = Math.max(samples, 4096);
        if (outLeft != null) {
            outLeft.close();
            outRight.close();
        }
        outLeft = new FloatPointer(cap);
        outRight = new FloatPointer(cap);
        outPlanes.put(0, outLeft).put(1, outRight);
        outCapacity = cap;
    }

    /** Frees everything; call after the decoding thread ended. */
    @Override
    public void close() {
        decoded.clear();
        chunks.clear();
        if (swr != null) {
            swr_free(swr);
        }
        if (input != null) {
            input.close();
        }
        if (growing != null) {
            growing.close();
        }
        av_channel_layout_uninit(inLayout);
        av_channel_layout_uninit(stereo);
        if (outLeft != null) {
            outLeft.close();
            outRight.close();
        }
        outPlanes.close();
    }
}

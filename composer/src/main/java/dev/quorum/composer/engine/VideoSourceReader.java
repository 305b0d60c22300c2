package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.layout.Framing;
import dev.quorum.composer.layout.Placement;
import dev.quorum.composer.layout.Rect;
import dev.quorum.composer.layout.VideoSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Decodes one video recording on its own thread and hands the pictures, stamped with their room
 * time, to the compositor through a bounded queue, so several sources decode in parallel with
 * composing and encoding. The queue's bound keeps memory flat: a reader ahead of the compositor
 * waits.
 */
final class VideoSourceReader implements Runnable {

    /** What the queue carries: a picture, the end of the stream, or why the source failed. */
    sealed interface Item permits Picture, End {}

    /** A part of a picture scaled to the size it is drawn at. */
    record Scaled(Rect crop, AVFrame frame) {}

    /**
     * A decoded picture, with copies already scaled (and cropped) as its placements need at its
     * time. The receiver owns every frame in it and frees them with {@link #free()}.
     */
    record Picture(AVFrame frame, long roomMicros, List<Scaled> scaled) implements Item {

        /** The copy made for {@code framing}, or null. */
        AVFrame scaledTo(Framing framing) {
            for (Scaled s : scaled) {
                AVFrame f = s.frame();
                if (f.width() == framing.target().width()
                        && f.height() == framing.target().height()
                        && s.crop().equals(framing.crop())) {
                    return f;
                }
            }
            return null;
        }

        void free() {
            av_frame_free(frame);
            scaled.forEach(s -> av_frame_free(s.frame()));
        }
    }

    /**
     * The source has no more pictures; {@code failure} says why it stopped early, or is null;
     * {@code lastMicros} is the room time of its last picture ({@link Long#MIN_VALUE} if none).
     */
    record End(String failure, int rejectedPackets, long lastMicros) implements Item {}

    // The plan of a live composition changes as the room does: the newest source and schedule.
    private volatile SourceRecording source;
    private volatile VideoSchedule schedule;
    private final Resolution canvas;
    private final MediaInput input;
    private final GrowingFile growing;
    private final BlockingQueue<Item> queue;
    private volatile boolean cancelled;

    /** Takes ownership of {@code input}, opened on the caller's thread; closes it when the stream ends. */
    VideoSourceReader(
            SourceRecording source, VideoSchedule schedule, Resolution canvas, MediaInput input, int capacity) {
        this.source = source;
        this.schedule = schedule;
        this.canvas = canvas;
        this.input = input;
        this.growing = null;
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
    }

    /**
     * Reads a recording that may still be written; the file is opened on the reader's own thread,
     * since opening waits for its first frames.
     */
    VideoSourceReader(
            SourceRecording source, VideoSchedule schedule, Resolution canvas, GrowingFile file, int capacity) {
        this.source = source;
        this.schedule = schedule;
        this.canvas = canvas;
        this.input = null;
        this.growing = file;
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
    }

    SourceRecording source() {
        return source;
    }

    /** A live composition replanned: the source's newest facts and the schedule it is drawn by. */
    void follow(SourceRecording newest, VideoSchedule newSchedule) {
        this.source = newest;
        this.schedule = newSchedule;
    }

    /**
     * True when this reader waits for its file to grow, having delivered everything written so
     * far: a picture the compositor waits for is not on disk yet.
     */
    boolean starved() {
        return growing != null && growing.starved() && queue.isEmpty();
    }

    BlockingQueue<Item> queue() {
        return queue;
    }

    @Override
    public void run() {
        String failure = null;
        int rejected = 0;
        long last = Long.MIN_VALUE;
        try (GrowingFile file = growing;
                MediaInput in = input != null ? input : MediaInput.openGrowing(file, AVMEDIA_TYPE_VIDEO);
                PictureScaler scaler = new PictureScaler()) {
            while (!cancelled && in.next()) {
                SourceRecording s = source;
                long roomUs = s.offsetMs() * 1000 + in.frameTime(1_000_000);
                // Frames a little past the recording's stated end still show until then; later ones are not needed.
                if (roomUs > s.endMs() * 1000 + 1_000_000) {
                    break;
                }
                AVFrame ref = av_frame_clone(in.frame());
                if (ref == null) {
                    throw new FfmpegException(
                            "keep a decoded picture", org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOMEM());
                }
                Picture p = new Picture(ref, roomUs, prescale(ref, roomUs, scaler));
                if (!offer(p)) {
                    p.free();
                    return;
                }
                last = roomUs;
            }
            rejected = in.rejectedPackets();
            if (in.readErrors() > 0 || growing != null && growing.failed()) {
                failure = "the file ends in unreadable data";
            }
        } catch (FfmpegException e) {
            failure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            failure = e.toString();
        }
        try {
            offer(new End(failure, rejected, last));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Scaled copies for every placement of this source at the picture's time. */
    private List<Scaled> prescale(AVFrame frame, long roomUs, PictureScaler scaler) {
        List<Scaled> out = new ArrayList<>(1);
        String sid = source.recordingSid();
        for (Placement p : schedule.at(Math.floorDiv(roomUs, 1000))) {
            if (!p.source().recordingSid().equals(sid)) {
                continue;
            }
            Framing f = p.framing(frame.width(), frame.height(), canvas.width(), canvas.height());
            boolean have = out.stream()
                    .anyMatch(s -> s.frame().width() == f.target().width()
                            && s.frame().height() == f.target().height()
                            && s.crop().equals(f.crop()));
            if (!f.isEmpty() && !have) {
                out.add(new Scaled(
                        f.crop(),
                        scaler.scale(
                                frame, f.crop(), f.target().width(), f.target().height())));
            }
        }
        return out;
    }

    private boolean offer(Item item) throws InterruptedException {
        while (!cancelled) {
            if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    /** Stops decoding; the reader thread ends within about 50 ms. Call {@link #drain()} after it ended. */
    void cancel() {
        cancelled = true;
        if (growing != null) {
            growing.cancel();
        }
    }

    /** Frees pictures left in the queue. */
    void drain() {
        Item item;
        while ((item = queue.poll()) != null) {
            if (item instanceof Picture p) {
                p.free();
            }
        }
    }
}

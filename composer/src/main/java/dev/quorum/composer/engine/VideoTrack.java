package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;

import dev.quorum.composer.CompositionPlan;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.layout.Framing;
import dev.quorum.composer.layout.Placement;
import dev.quorum.composer.layout.Rect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;

/**
 * Produces the output video at a constant frame rate in two stages on two threads: the
 * compositor draws each frame onto a canvas (every source's picture, already scaled to its cell by
 * the source's decoding thread, copied in bottom region first), the encoder encodes finished
 * canvases. A small pool of canvases circulates between them.
 * Frame {@code n} has timestamp {@code n} in a time base of 1/fps, and shows the room at the
 * timeline position {@code n / fps} seconds.
 */
final class VideoTrack implements AutoCloseable {

    private static final int CANVASES = 8;
    private static final Object END = new Object();

    private final Stages stages;
    private final Resolution resolution;
    /** By recording SID; a live composition adds sources as they start. */
    private final Map<String, SourceCursor> cursors;

    private final Encoder encoder;
    private final EngineSettings settings;
    private final Pacer pacer;
    private final Progress progress;
    private final BlockingQueue<Canvas> free = new ArrayBlockingQueue<>(CANVASES);
    private final BlockingQueue<Object> encode = new ArrayBlockingQueue<>(CANVASES + 1);
    private final List<Canvas> canvases = new ArrayList<>();
    /** Scalers per source and target size; sizes change when a source moves between cells. */
    private final Map<String, Map<Long, SwsContext>> scalers = new HashMap<>();

    private volatile long composedMicros = Long.MIN_VALUE;

    VideoTrack(
            Stages stages,
            Resolution resolution,
            Map<String, SourceCursor> cursors,
            Encoder encoder,
            EngineSettings settings,
            Pacer pacer,
            Progress progress) {
        this.stages = stages;
        this.resolution = resolution;
        this.cursors = cursors;
        this.encoder = encoder;
        this.settings = settings;
        this.pacer = pacer;
        this.progress = progress;
        for (int i = 0; i < CANVASES; i++) {
            Canvas c = new Canvas(resolution.width(), resolution.height());
            canvases.add(c);
            free.add(c);
        }
    }

    /** Frames needed to cover {@code durationMs} at {@code fps}. */
    static long frameCount(long durationMs, int fps) {
        return (durationMs * fps + 999) / 1000;
    }

    /** Room time (µs since the epoch) of the last frame composed; {@link Long#MIN_VALUE} before the first. */
    long composedMicros() {
        return composedMicros;
    }

    /**
     * The compositor loop: draws every frame and queues it for the encoder. A live composition
     * waits at the stage's watermark, and ends with the plan once the room has ended.
     */
    void compose() throws InterruptedException {
        int fps = settings.frameRate();
        long holdUs = settings.holdMillis() * 1000;
        long n = 0;
        while (true) {
            Stages.Stage stage = stages.current();
            CompositionPlan plan = stage.plan();
            long frames = plan == null ? 0 : frameCount(plan.durationMs(), fps);
            long roomUs = n < frames ? plan.timeline().roomMicrosAt(n * 1_000_000L / fps) : 0;
            if (n >= frames || !stage.ready(roomUs)) {
                if (stage.ended()) {
                    break;
                }
                stages.await();
                continue;
            }
            List<Placement> placements = plan.video().at(Math.floorDiv(roomUs, 1000));
            for (SourceCursor c : cursors.values()) {
                c.advanceTo(roomUs, isPlaced(c.source(), placements), !stage.ended());
            }
            Canvas canvas = free.take();
            canvas.clear();
            boolean drawn = false;
            for (Placement p : placements) {
                SourceCursor cursor = cursors.get(p.source().recordingSid());
                VideoSourceReader.Picture picture = cursor == null ? null : cursor.pictureAt(roomUs, holdUs);
                drawn = draw(canvas, p, picture, drawn);
            }
            canvas.frame().pts(n);
            encode.put(canvas);
            n++;
            composedMicros = roomUs;
        }
        encode.put(END);
    }

    /**
     * Draws one placement: the cell is black where the fitted picture does not cover it (only
     * worth painting once something lies beneath), then the picture.
     *
     * @param below whether anything was drawn before this placement
     * @return whether anything has been drawn now
     */
    private boolean draw(Canvas canvas, Placement p, VideoSourceReader.Picture picture, boolean below) {
        AVFrame frame = picture == null ? null : picture.frame();
        int width = resolution.width();
        int height = resolution.height();
        Framing framing = frame == null ? null : p.framing(frame.width(), frame.height(), width, height);
        if (below && (framing == null || !framing.target().equals(p.cell().within(width, height)))) {
            canvas.fillBlack(p.cell());
        }
        if (framing == null || framing.isEmpty()) {
            return below;
        }
        Rect target = framing.target();
        AVFrame ready = picture.scaledTo(framing);
        if (ready != null) {
            canvas.copy(ready, target);
            return true;
        }
        // The layout changed while this picture is on screen: scale it here.
        Map<Long, SwsContext> mine = scalers.computeIfAbsent(p.source().recordingSid(), k -> new HashMap<>());
        long key = ((long) target.width() << 32) | target.height();
        mine.put(key, canvas.draw(frame, framing, mine.get(key)));
        return true;
    }

    private static boolean isPlaced(SourceRecording s, List<Placement> placements) {
        for (Placement p : placements) {
            if (p.source().recordingSid().equals(s.recordingSid())) {
                return true;
            }
        }
        return false;
    }

    /** The encoder loop: encodes queued canvases in order, then flushes. */
    void encode() throws InterruptedException {
        int fps = settings.frameRate();
        while (true) {
            Object item = encode.take();
            if (item == END) {
                break;
            }
            Canvas canvas = (Canvas) item;
            long n = canvas.frame().pts();
            encoder.send(canvas.frame());
            free.put(canvas);
            progress.videoReached(n + 1);
            pacer.videoReached((n + 1) * 1_000_000L / fps);
        }
        encoder.send(null);
        pacer.release();
    }

    @Override
    public void close() {
        for (Map<Long, SwsContext> m : scalers.values()) {
            m.values().forEach(s -> {
                if (s != null) {
                    sws_freeContext(s);
                }
            });
        }
        scalers.clear();
        canvases.forEach(Canvas::close);
    }
}

package dev.quorum.composer.engine;

import dev.quorum.composer.SourceRecording;
import java.util.concurrent.TimeUnit;

/**
 * The compositor's view of one video source: the latest picture at or before the instant being
 * composed. Pictures between two output frames are dropped; an output frame between two pictures
 * repeats the earlier one.
 */
final class SourceCursor implements AutoCloseable {

    private final VideoSourceReader reader;
    private VideoSourceReader.Picture current;
    private long currentMicros = Long.MIN_VALUE;
    private VideoSourceReader.Item pending;
    private VideoSourceReader.End end;

    SourceCursor(VideoSourceReader reader) {
        this.reader = reader;
    }

    SourceRecording source() {
        return reader.source();
    }

    /**
     * Moves to the latest picture at or before {@code roomMicros}.
     *
     * @param wait true to wait for the reader until that picture is known; false to take only what
     *             is already decoded (for sources not on screen now, to free their pictures early)
     * @param live true while the room runs: a reader that has read all its file has written nothing
     *             more for this instant, so the source keeps its last picture rather than be waited for
     */
    void advanceTo(long roomMicros, boolean wait, boolean live) throws InterruptedException {
        while (true) {
            if (pending == null) {
                if (end != null) {
                    return;
                }
                pending = wait ? waitForReader(live) : reader.queue().poll();
                if (pending == null) {
                    return;
                }
            }
            if (pending instanceof VideoSourceReader.End e) {
                end = e;
                pending = null;
                return;
            }
            VideoSourceReader.Picture p = (VideoSourceReader.Picture) pending;
            if (p.roomMicros() > roomMicros) {
                return;
            }
            if (current != null) {
                current.free();
            }
            current = p;
            currentMicros = p.roomMicros();
            pending = null;
        }
    }

    private VideoSourceReader.Item waitForReader(boolean live) throws InterruptedException {
        while (true) {
            VideoSourceReader.Item item = reader.queue().poll(50, TimeUnit.MILLISECONDS);
            if (item != null || live && reader.starved()) {
                return item;
            }
        }
    }

    /** The picture to draw at {@code roomMicros}, or null when there is none or it is older than {@code holdMicros}. */
    VideoSourceReader.Picture pictureAt(long roomMicros, long holdMicros) {
        if (current == null || roomMicros - currentMicros > holdMicros) {
            return null;
        }
        return current;
    }

    /** How the source ended, or null while it still delivers. */
    VideoSourceReader.End end() {
        return end;
    }

    @Override
    public void close() {
        if (current != null) {
            current.free();
            current = null;
        }
        if (pending instanceof VideoSourceReader.Picture p) {
            p.free();
        }
        pending = null;
    }
}

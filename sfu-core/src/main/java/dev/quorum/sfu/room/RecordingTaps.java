package dev.quorum.sfu.room;

import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.tap.TapControl;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.sfu.tap.TrackSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of a room's tracks are recorded, and their sinks. The room's recording rules are
 * evaluated for every published track whenever tracks or rules change; a track that becomes
 * recorded is opened on the {@link dev.quorum.sfu.tap.MediaTap}, one that stops being recorded has
 * its sink closed. The tap's own calls (open, close, pause, mute) may block on I/O, so they run on
 * the tap executor, in order; the packet path only sees a sink once it is open. Lives on the
 * room's loop.
 */
final class RecordingTaps {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingTaps.class);

    // Given
    private final Room room;
    private final RoomContext ctx;

    // Owned
    private List<RecordingRule> rules;
    private boolean paused;
    private final Map<PublishedTrack, Tap> open = new HashMap<>();

    /** One open (or opening) tap of one track. */
    private final class Tap implements TapControl {
        final PublishedTrack track;
        volatile TrackSink sink;
        /** Loop side: no longer recorded. */
        boolean closed;
        /** Executor side: the sink was closed; no further call may reach it. */
        boolean closedOnExecutor;

        Tap(PublishedTrack track) {
            this.track = track;
        }

        @Override
        public void requestKeyframe() {
            room.loop.execute(() -> {
                if (!closed) {
                    track.requestKeyframe();
                }
            });
        }
    }

    RecordingTaps(Room room, RoomContext ctx, List<RecordingRule> initialRules) {
        this.room = room;
        this.ctx = ctx;
        this.rules = List.copyOf(initialRules);
    }

    List<RecordingRule> rules() {
        return rules;
    }

    void setRules(List<RecordingRule> newRules) {
        rules = List.copyOf(newRules);
        for (RoomParticipant p : room.participants()) {
            for (PublishedTrack t : p.publishedTracks()) {
                evaluate(t);
            }
        }
    }

    boolean paused() {
        return paused;
    }

    void setPaused(boolean p) {
        if (paused == p) {
            return;
        }
        paused = p;
        for (Tap tap : open.values()) {
            ctx.tapExecutor().execute(() -> {
                TrackSink sink = tap.sink;
                if (sink != null && !tap.closedOnExecutor) {
                    sink.onPaused(p);
                }
            });
        }
    }

    /** Is the track recorded now? */
    boolean recorded(PublishedTrack track) {
        return open.containsKey(track);
    }

    /** Opens or closes the track's tap to match the rules. */
    void evaluate(PublishedTrack track) {
        if (ctx.tap() == null || track.closed()) {
            return;
        }
        TrackInfo t = track.info();
        RoomParticipant publisher = track.publisher();
        boolean recorded =
                RecordingRule.recorded(rules, t.kind(), publisher.sid(), publisher.identity(), t.sid(), t.name());
        if (recorded && !open.containsKey(track)) {
            start(track);
        } else if (!recorded && open.containsKey(track)) {
            stop(track);
        }
    }

    void enabledChanged(PublishedTrack track) {
        Tap tap = open.get(track);
        if (tap != null) {
            boolean enabled = track.info().enabled();
            ctx.tapExecutor().execute(() -> {
                TrackSink sink = tap.sink;
                if (sink != null && !tap.closedOnExecutor) {
                    sink.onEnabled(enabled);
                }
            });
        }
    }

    /** The track went away. */
    void remove(PublishedTrack track) {
        if (open.containsKey(track)) {
            stop(track);
        }
    }

    void closeAll() {
        for (PublishedTrack t : new ArrayList<>(open.keySet())) {
            stop(t);
        }
    }

    private void start(PublishedTrack track) {
        Tap tap = new Tap(track);
        open.put(track, tap);
        TappedTrack description = track.tapped(room.info());
        boolean enabled = track.info().enabled();
        boolean pausedNow = paused;
        ctx.tapExecutor().execute(() -> {
            TrackSink sink;
            try {
                sink = ctx.tap().open(description, tap);
            } catch (RuntimeException e) {
                LOG.error("Recording of track {} could not start", description.trackSid(), e);
                return;
            }
            if (sink == null) {
                return;
            }
            tap.sink = sink;
            if (!enabled) {
                sink.onEnabled(false);
            }
            if (pausedNow) {
                sink.onPaused(true);
            }
            room.loop.execute(() -> {
                if (!tap.closed) {
                    track.attachSink(sink);
                }
            });
        });
    }

    private void stop(PublishedTrack track) {
        Tap tap = open.remove(track);
        tap.closed = true;
        track.detachSink();
        ctx.tapExecutor().execute(() -> {
            tap.closedOnExecutor = true;
            TrackSink sink = tap.sink;
            if (sink != null) {
                try {
                    sink.close();
                } catch (RuntimeException e) {
                    LOG.error(
                            "Recording of track {} did not close cleanly",
                            track.info().sid(),
                            e);
                }
            }
        });
    }
}

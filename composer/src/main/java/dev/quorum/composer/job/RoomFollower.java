package dev.quorum.composer.job;

import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.engine.LiveRoom;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.media.MediaObject;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.room.RoomRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A room in progress as a live composition sees it, read from the metadata store at most every
 * {@link #REFRESH_MS} ms: its recordings with their files on local disk (the recorder writes
 * them in place), those still being written lasting until further notice, and whether the room
 * has ended with every recording complete. When it has, the recordings are exactly those a
 * composition after the fact would be made of, so both plan the same file.
 */
final class RoomFollower implements LiveRoom {

    static final long REFRESH_MS = 500;

    private final MetadataStore store;
    private final MediaStore media;
    private final Composition composition;
    private final long delayMs;
    private Snapshot latest;
    private String seen = "";
    private long version;
    private long refreshedAt = Long.MIN_VALUE;

    private RoomFollower(MetadataStore store, MediaStore media, Composition c, long delayMs) {
        this.store = store;
        this.media = media;
        this.composition = c;
        this.delayMs = delayMs;
    }

    /**
     * A follower of {@code c}'s room if it is to be composed live: a composition of a whole room
     * (not an archive's, not a window) whose room is in progress or still has recordings being
     * written; empty when it is composed after the fact.
     */
    static Optional<RoomFollower> ifLive(MetadataStore store, MediaStore media, Composition c, long delayMs) {
        if (c.archiveId() != null || c.window() != null) {
            return Optional.empty();
        }
        RoomFollower f = new RoomFollower(store, media, c, delayMs);
        return f.snapshot().ended() ? Optional.empty() : Optional.of(f);
    }

    @Override
    public synchronized Snapshot snapshot() {
        long now = System.nanoTime() / 1_000_000;
        if (latest == null || now - refreshedAt >= REFRESH_MS && !latest.ended()) {
            refreshedAt = now;
            latest = read();
        }
        return latest;
    }

    private Snapshot read() {
        boolean roomRuns = store.rooms()
                .find(composition.roomSid())
                .map(r -> RoomRecord.IN_PROGRESS.equals(r.status()))
                .orElse(false);
        List<SourceRecording> recordings = new ArrayList<>();
        Set<String> writing = new HashSet<>();
        StringBuilder facts = new StringBuilder();
        boolean anyWriting = false;
        for (Recording r : store.recordings().ofRoom(composition.roomSid())) {
            boolean open = Recording.PROCESSING.equals(r.status());
            anyWriting |= open;
            TrackKind kind = RecordingSources.kind(r.type());
            if (!open && !Recording.COMPLETED.equals(r.status()) || r.mediaKey() == null || kind == null) {
                continue;
            }
            Path file = localFile(r);
            if (file == null) {
                continue;
            }
            long duration = open ? OPEN_MS : r.durationMs() != null ? r.durationMs() : 0;
            if (open) {
                writing.add(r.sid());
            }
            SourceRecording source = RecordingSources.source(r, kind, file, duration);
            recordings.add(source);
            facts.append(r.sid())
                    .append(':')
                    .append(source.offsetMs())
                    .append(':')
                    .append(duration)
                    .append(';');
        }
        boolean ended = !roomRuns && !anyWriting;
        facts.append(ended);
        if (!facts.toString().equals(seen)) {
            seen = facts.toString();
            version++;
        }
        return new Snapshot(version, recordings, writing, ended, delayMs);
    }

    /** The recording's file, where the recorder writes it; null when it is not on local disk (yet). */
    private Path localFile(Recording r) {
        try {
            return media.open(r.mediaKey()).flatMap(MediaObject::localPath).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}

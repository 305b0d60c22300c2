package dev.quorum.composer.job;

import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.archive.ComposedArchivePlan;
import dev.quorum.composer.engine.LiveRoom;
import dev.quorum.composer.layout.StreamClasses;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.Archive;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.media.MediaObject;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.room.RoomRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room in progress as a live composition sees it, read from the metadata store at most every
 * {@link #REFRESH_MS} ms: its recordings with their files on local disk (the recorder writes
 * them in place), those still being written lasting until further notice, and whether the room
 * has ended with every recording complete. When it has, the recordings are exactly those a
 * composition after the fact would be made of, so both plan the same file.
 *
 * <p>The composition of a running composed archive follows its archive instead: the archive's
 * own recordings (typed as its streams are), its plan as it is now ({@link ComposedArchivePlan}:
 * the window still open, the layout changes made so far) and its streams' layout classes; it has
 * ended once the archive has stopped and its recordings are complete. Its final plan is then the
 * one the archive's composition would be made of after the fact.
 */
final class RoomFollower implements LiveRoom, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoomFollower.class);
    static final long REFRESH_MS = 500;

    private final MetadataStore store;
    private final MediaStore media;
    private final Composition composition;
    private final long delayMs;
    private final Path scratch;
    /** Each recording's file as first found: a source's file never changes under its reader. */
    private final Map<String, Path> files = new HashMap<>();
    /** Links and fetched copies in the scratch directory, deleted when the composition ends. */
    private final List<Path> copies = new ArrayList<>();

    private Snapshot latest;
    private String seen = "";
    private long version;
    private long refreshedAt = Long.MIN_VALUE;

    private RoomFollower(MetadataStore store, MediaStore media, Composition c, long delayMs, Path scratch) {
        this.store = store;
        this.media = media;
        this.composition = c;
        this.delayMs = delayMs;
        this.scratch = scratch;
    }

    /**
     * A follower of {@code c}'s room if it is to be composed live: a composition of a whole room
     * whose room is in progress or still has recordings being written, or of an archive whose
     * window is still open or whose recordings are still being written; empty when it is composed
     * after the fact.
     */
    static Optional<RoomFollower> ifLive(
            MetadataStore store, MediaStore media, Composition c, long delayMs, Path scratch) {
        boolean archive =
                c.archiveId() != null && c.window() != null && c.window().isOpen();
        if (!archive && (c.archiveId() != null || c.window() != null)) {
            return Optional.empty();
        }
        RoomFollower f = new RoomFollower(store, media, c, delayMs, scratch);
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
        Optional<Archive> archive = composition.archiveId() == null
                ? Optional.empty()
                : store.archives().find(composition.archiveId());
        List<Recording> rows;
        boolean over;
        if (composition.archiveId() == null) {
            rows = store.recordings().ofRoom(composition.roomSid());
            over = store.rooms()
                    .find(composition.roomSid())
                    .map(r -> !RoomRecord.IN_PROGRESS.equals(r.status()))
                    .orElse(true);
        } else {
            rows = JobSources.rows(store, composition);
            over = archive.map(a -> a.dateStopped() != null).orElse(true);
        }
        List<SourceRecording> recordings = new ArrayList<>();
        Set<String> writing = new HashSet<>();
        StringBuilder facts = new StringBuilder();
        boolean anyWriting = false;
        for (Recording r : rows) {
            boolean open = Recording.PROCESSING.equals(r.status());
            anyWriting |= open;
            TrackKind kind = RecordingSources.kind(r.type());
            if (!open && !Recording.COMPLETED.equals(r.status()) || r.mediaKey() == null || kind == null) {
                continue;
            }
            Path file = file(r, open);
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
        boolean ended = over && !anyWriting;
        facts.append(ended);
        CompositionRequest request = null;
        StreamClasses classes = null;
        if (archive.isPresent()) {
            recordings = JobSources.typed(store, composition, recordings);
            recordings.forEach(x -> facts.append(x.videoType()).append(';'));
            request = archivePlan(archive.get());
            List<StreamClasses.Change> changes = store.streamClasses().ofRoom(composition.roomSid()).stream()
                    .map(k -> new StreamClasses.Change(k.streamSid(), k.atMs(), k.classes()))
                    .toList();
            classes = StreamClasses.of(changes);
            facts.append(
                            request == null
                                    ? "-"
                                    : request.window() + ":"
                                            + request.layouts().changes().size())
                    .append(':')
                    .append(changes.size());
        }
        if (!facts.toString().equals(seen)) {
            seen = facts.toString();
            version++;
        }
        return new Snapshot(version, recordings, writing, ended, delayMs, request, classes);
    }

    /** The archive's plan as it is now; null (the job's request holds) if a stored layout no longer parses. */
    private CompositionRequest archivePlan(Archive a) {
        try {
            return ComposedArchivePlan.of(a, store.archives().layouts(a.id())).request();
        } catch (InvalidCompositionException | IllegalArgumentException e) {
            LOG.warn(
                    "Archive {}: its plan does not parse; composition {} keeps the one it started with",
                    a.id(),
                    composition.sid(),
                    e);
            return null;
        }
    }

    /**
     * The recording's file: while it is written, a hard link in the scratch directory to the file
     * the recorder writes on this node's disk (the same file as it grows; the link keeps it
     * readable after the upload queue moves the recording to a shared store and removes it here),
     * or that file itself where no link can be made; once complete, the file if it is still here,
     * else a copy fetched from the shared store. Null when it cannot be read (yet); looked for
     * again at the next refresh.
     */
    private Path file(Recording r, boolean writing) {
        Path known = files.get(r.sid());
        if (known != null) {
            return known;
        }
        try {
            Path found = writing
                    ? linked(
                            r,
                            media.open(r.mediaKey())
                                    .flatMap(MediaObject::localPath)
                                    .orElse(null))
                    : RecordingSources.localFile(r, media, scratch, copies);
            if (found != null) {
                files.put(r.sid(), found);
            }
            return found;
        } catch (IOException e) {
            return null;
        }
    }

    private Path linked(Recording r, Path file) {
        if (file == null) {
            return null;
        }
        try {
            Files.createDirectories(scratch);
            Path link = scratch.resolve(file.getFileName().toString());
            Files.deleteIfExists(link);
            Files.createLink(link, file);
            copies.add(link);
            return link;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("No link to {} ({}); the composition reads it in place", file, e.toString());
            return file;
        }
    }

    /** Deletes the links and the copies fetched from the shared store. */
    @Override
    public synchronized void close() {
        RecordingSources.deleteCopies(copies);
    }
}

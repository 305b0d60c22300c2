package dev.quorum.composer.job;

import dev.quorum.composer.SourceRecording;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.storage.media.MediaObject;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.recording.Recording;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A room's stored recordings as the composer's sources: completed audio and video recordings that
 * have a media file, read where the media store keeps them (a local file) or copied into scratch
 * space first (a remote store). {@link #close()} removes the copies.
 */
final class RecordingSources implements AutoCloseable {

    private final List<SourceRecording> recordings;
    private final List<Path> copies;

    private RecordingSources(List<SourceRecording> recordings, List<Path> copies) {
        this.recordings = List.copyOf(recordings);
        this.copies = copies;
    }

    /**
     * Maps {@code rows} (a room's recordings) to sources. Recordings still processing, failed,
     * deleted, without media, or of data tracks are left out.
     */
    static RecordingSources load(List<Recording> rows, MediaStore media, Path scratch) throws IOException {
        List<SourceRecording> out = new ArrayList<>();
        List<Path> copies = new ArrayList<>();
        try {
            for (Recording r : rows) {
                TrackKind kind = kind(r.type());
                if (!Recording.COMPLETED.equals(r.status()) || r.mediaKey() == null || kind == null) {
                    continue;
                }
                Path file = localFile(r, media, scratch, copies);
                if (file == null) {
                    continue;
                }
                out.add(source(r, kind, file, r.durationMs() != null ? r.durationMs() : 0));
            }
        } catch (IOException | RuntimeException e) {
            deleteAll(copies);
            throw e;
        }
        return new RecordingSources(out, copies);
    }

    /** No recordings (a live composition reads its room as it goes). */
    static RecordingSources none() {
        return new RecordingSources(List.of(), new ArrayList<>());
    }

    List<SourceRecording> recordings() {
        return recordings;
    }

    /**
     * Recording {@code r} as a source read from {@code file}. Its place on the room's timeline is
     * the recorder's offset, or — for recordings made before offsets were stored — its creation
     * time; live and after-the-fact compositions place it by this one rule.
     */
    static SourceRecording source(Recording r, TrackKind kind, Path file, long durationMs) {
        long offset = r.offsetMs() != null ? r.offsetMs() : r.dateCreated().toEpochMilli();
        return new SourceRecording(
                r.sid(), r.sourceSid(), r.participantSid(), r.trackName(), kind, r.codec(), file, offset, durationMs);
    }

    /** The track kind of a recording's {@code type} ("audio" or "video"); null for anything else. */
    static TrackKind kind(String type) {
        if ("audio".equals(type)) {
            return TrackKind.AUDIO;
        }
        if ("video".equals(type)) {
            return TrackKind.VIDEO;
        }
        return null;
    }

    /**
     * The file of {@code r}'s media on this node's disk, or a copy fetched into {@code scratch}
     * (added to {@code copies}) when it is in the shared store only; null when it is nowhere.
     */
    static Path localFile(Recording r, MediaStore media, Path scratch, List<Path> copies) throws IOException {
        var opened = media.open(r.mediaKey());
        if (opened.isEmpty()) {
            return null;
        }
        MediaObject obj = opened.get();
        if (obj.localPath().isPresent()) {
            return obj.localPath().get();
        }
        Files.createDirectories(scratch);
        Path copy = scratch.resolve(r.sid() + "." + r.containerFormat());
        copies.add(copy);
        try (InputStream in = obj.read(0, obj.size())) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    @Override
    public void close() {
        deleteAll(copies);
    }

    /** Deletes fetched copies; for a live composition's {@link RoomFollower}. */
    static void deleteCopies(List<Path> copies) {
        deleteAll(copies);
    }

    private static void deleteAll(List<Path> files) {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // Scratch copies; the next run of the same job overwrites them.
            }
        }
    }
}

package dev.quorum.composer.job;

import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.VideoType;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.ArchiveStore;
import dev.quorum.storage.archive.VideoStream;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.recording.Recording;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recordings a composition is made of: its room's, or for an archive's composition exactly the
 * recordings of the archive — the streams it recorded, each from the moment it took them — with
 * the video type the archive's streams have.
 */
final class JobSources {

    private JobSources() {}

    /** The stored rows of the recordings {@code c} is made of. */
    static List<Recording> rows(MetadataStore store, Composition c) {
        if (c.archiveId() == null) {
            return store.recordings().ofRoom(c.roomSid());
        }
        return store.archives().parts(c.archiveId()).stream()
                .map(p -> store.recordings().find(p.recordingSid()))
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * {@code sources} with each video of an archive's stream typed as the stream is ({@code camera},
     * {@code screen}, {@code custom}); unchanged for a composition of the room.
     */
    static List<SourceRecording> typed(MetadataStore store, Composition c, List<SourceRecording> sources) {
        if (c.archiveId() == null) {
            return sources;
        }
        Map<String, String> streamOf = new HashMap<>();
        for (ArchiveStore.Part p : store.archives().parts(c.archiveId())) {
            streamOf.put(p.recordingSid(), p.streamId());
        }
        Map<String, Optional<VideoType>> types = new HashMap<>();
        return sources.stream()
                .map(s -> {
                    String stream = streamOf.get(s.recordingSid());
                    if (s.kind() != TrackKind.VIDEO || stream == null) {
                        return s;
                    }
                    Optional<VideoType> type = types.computeIfAbsent(
                            stream,
                            id -> store.sessions().stream(id)
                                    .map(VideoStream::videoType)
                                    .map(JobSources::videoType));
                    return type.map(s::withVideoType).orElse(s);
                })
                .toList();
    }

    private static VideoType videoType(String wire) {
        try {
            return VideoType.fromWire(wire);
        } catch (IllegalArgumentException e) {
            return VideoType.CUSTOM;
        }
    }
}

package dev.quorum.composer.job;

import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.archive.ArchiveStream;
import dev.quorum.composer.archive.ComposedArchivePlan;
import dev.quorum.composer.archive.IndividualArchive;
import dev.quorum.composer.archive.IndividualArchiveWriter;
import dev.quorum.composer.archive.StreamSegmentMuxer;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.Archive;
import dev.quorum.storage.archive.ArchiveStore;
import dev.quorum.storage.archive.VideoConnection;
import dev.quorum.storage.archive.VideoProject;
import dev.quorum.storage.archive.VideoStream;
import dev.quorum.storage.media.MediaObject;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.recording.Recording;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a stopped archive's output from the recordings it is made of, into the media store at
 * {@code archives/<project>/<archive>/archive.zip} (individual) or {@code …/archive.mp4}
 * (composed, when it recorded nothing).
 *
 * <p>Individual: each stream's recordings are grouped into segments (recordings that overlap, or
 * follow each other within a second, belong together); each segment becomes one file
 * ({@code .webm} in a VP8 project, {@code .mkv} in an H.264 one) by {@link StreamSegmentMuxer};
 * the ZIP holds them and {@code <archiveId>.json}, the manifest. An archive that recorded nothing
 * gets an empty file. A composed archive with media is composed by the composition workers
 * ({@link ComposedArchivePlan}); {@link #adopt} then takes their file as its output.
 */
public final class ArchiveRendering {

    /** The stored output. */
    public record Output(String mediaKey, long size, String sha256) {}

    private static final long SEGMENT_GAP_MS = 1000;

    private final MetadataStore store;
    private final MediaStore media;
    private final Path workDir;

    public ArchiveRendering(MetadataStore store, MediaStore media, Path workDir) {
        this.store = store;
        this.media = media;
        this.workDir = workDir;
    }

    public static String key(Archive a) {
        return "archives/" + a.projectId() + "/" + a.id() + "/archive." + (a.composed() ? "mp4" : "zip");
    }

    /** True once none of the archive's recordings is still being written. */
    public boolean ready(Archive a) {
        return store.archives().parts(a.id()).stream()
                .map(p -> store.recordings().find(p.recordingSid()))
                .noneMatch(r ->
                        r.isPresent() && Recording.PROCESSING.equals(r.get().status()));
    }

    /** True if some recording of the archive holds media (it is written and stored). */
    public boolean recordedMedia(Archive a) {
        return store.archives().parts(a.id()).stream()
                .map(p -> store.recordings().find(p.recordingSid()))
                .flatMap(Optional::stream)
                .anyMatch(r -> Recording.COMPLETED.equals(r.status()) && r.mediaKey() != null);
    }

    /**
     * Makes the output of an individual archive (an empty file if it recorded nothing).
     *
     * @throws IllegalStateException for a composed archive: the composition workers compose it
     *                               ({@link ComposedArchivePlan}), or {@link #empty} stores it
     */
    public Output render(Archive a) throws IOException {
        if (a.composed()) {
            throw new IllegalStateException("archive " + a.id() + " is composed by the composition workers");
        }
        List<ArchiveStore.Part> parts = store.archives().parts(a.id());
        Map<String, String> streamOf = new LinkedHashMap<>();
        List<Recording> rows = new ArrayList<>();
        for (ArchiveStore.Part p : parts) {
            store.recordings().find(p.recordingSid()).ifPresent(r -> {
                rows.add(r);
                streamOf.put(r.sid(), p.streamId());
            });
        }
        Path scratch = workDir.resolve("archive-" + a.id());
        Files.createDirectories(scratch);
        try (RecordingSources sources = RecordingSources.load(rows, media, scratch.resolve("sources"))) {
            if (sources.recordings().isEmpty()) {
                return empty(a);
            }
            return individual(a, sources.recordings(), streamOf, scratch);
        } finally {
            deleteTree(scratch);
        }
    }

    /** The empty file of an archive that recorded nothing, as the hosted service gives. */
    public Output empty(Archive a) throws IOException {
        return store(a, out -> {});
    }

    /** The output of a composed archive that a composition stored under {@code mediaKey}: its size and digest. */
    public Output adopt(String mediaKey) throws IOException {
        MediaObject o = media.open(mediaKey)
                .orElseThrow(() -> new IOException("the composed file " + mediaKey + " is not in the media store"));
        try (InputStream in = o.read(0, o.size())) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return new Output(mediaKey, o.size(), Base64.getEncoder().encodeToString(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * Copies a composed archive's file (stored by its composition under {@code mediaKey}) to the
     * archive's own key on this node's disk, the file its upload reads; the composition's file
     * stays until {@link #remove} is called for it.
     */
    public Output copyIn(Archive a, String mediaKey) throws IOException {
        MediaObject o = media.open(mediaKey)
                .orElseThrow(() -> new IOException("the composed file " + mediaKey + " is not in the media store"));
        return store(a, out -> {
            try (InputStream in = o.read(0, o.size())) {
                in.transferTo(out);
            }
        });
    }

    /** Removes a file of the media store (a composition's file once the archive has its copy). */
    public void remove(String mediaKey) throws IOException {
        media.delete(mediaKey);
    }

    private Output individual(Archive a, List<SourceRecording> sources, Map<String, String> streamOf, Path scratch)
            throws IOException {
        String ext = store.projects()
                        .find(a.projectId())
                        .map(VideoProject::videoCodec)
                        .filter("H264"::equals)
                        .isPresent()
                ? "mkv"
                : "webm";
        Map<String, List<SourceRecording>> byStream = new LinkedHashMap<>();
        sources.stream()
                .sorted(Comparator.comparingLong(SourceRecording::offsetMs))
                .forEach(s -> byStream.computeIfAbsent(streamOf.get(s.recordingSid()), k -> new ArrayList<>())
                        .add(s));
        List<ArchiveStream> files = new ArrayList<>();
        for (Map.Entry<String, List<SourceRecording>> e : byStream.entrySet()) {
            Optional<VideoStream> stream = store.sessions().stream(e.getKey());
            String data = stream.flatMap(s -> store.sessions().connection(s.connectionId()))
                    .map(VideoConnection::data)
                    .orElse(null);
            String videoType = stream.map(VideoStream::videoType).orElse(VideoStream.CAMERA);
            int n = 0;
            for (List<SourceRecording> segment : segments(e.getValue())) {
                long start = segment.stream()
                        .mapToLong(SourceRecording::offsetMs)
                        .min()
                        .orElseThrow();
                Path file = scratch.resolve(e.getKey() + "-" + (++n) + "." + ext);
                StreamSegmentMuxer.Result r = StreamSegmentMuxer.mux(
                        inputs(segment, TrackKind.AUDIO),
                        inputs(segment, TrackKind.VIDEO),
                        start,
                        file,
                        ext.equals("mkv") ? "matroska" : "webm");
                files.add(new ArchiveStream(file, e.getKey(), ext, start, start + r.durationMs(), videoType, data));
            }
        }
        files.sort(Comparator.comparingLong(ArchiveStream::startMs));
        long origin = Math.min(
                a.createdAt().toEpochMilli(),
                files.stream().mapToLong(ArchiveStream::startMs).min().orElse(Long.MAX_VALUE));
        IndividualArchive archive =
                new IndividualArchive(a.id(), a.name(), a.sessionId(), a.projectId(), origin, files);
        return store(a, out -> IndividualArchiveWriter.write(archive, out, a.id() + ".json"));
    }

    /** Recordings of one stream that overlap or nearly touch form one segment. */
    static List<List<SourceRecording>> segments(List<SourceRecording> ordered) {
        List<List<SourceRecording>> out = new ArrayList<>();
        long end = Long.MIN_VALUE;
        for (SourceRecording s : ordered) {
            if (out.isEmpty() || s.offsetMs() > end + SEGMENT_GAP_MS) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(s);
            end = Math.max(end, s.endMs());
        }
        return out;
    }

    private static List<StreamSegmentMuxer.Input> inputs(List<SourceRecording> segment, TrackKind kind) {
        return segment.stream()
                .filter(s -> s.kind() == kind)
                .map(s -> new StreamSegmentMuxer.Input(s.file(), s.offsetMs()))
                .toList();
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private Output store(Archive a, Body body) throws IOException {
        String key = key(a);
        MediaWriter w;
        try {
            w = media.create(key);
        } catch (FileAlreadyExistsException leftover) {
            media.delete(key);
            w = media.create(key);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            OutputStream out = new DigestOutputStream(Channels.newOutputStream(w.channel()), sha);
            body.writeTo(out);
            out.flush();
            long size = w.commit();
            return new Output(key, size, Base64.getEncoder().encodeToString(sha.digest()));
        } catch (IOException | RuntimeException e) {
            w.abort();
            throw e;
        } catch (NoSuchAlgorithmException e) {
            w.abort();
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Removes an archive's output (expired or deleted), wherever it was stored. */
    public void discard(Archive a) throws IOException {
        if (a.mediaKey() != null) {
            media.delete(a.mediaKey());
        }
        media.delete(key(a));
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Scratch space: a leftover is overwritten by the next run for the same archive.
        }
    }
}

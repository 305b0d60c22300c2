package dev.quorum.composer.job;

import dev.quorum.composer.archive.IndividualArchive;
import dev.quorum.composer.archive.IndividualArchiveWriter;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.media.MediaObject;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.room.ParticipantRecord;
import dev.quorum.storage.room.RoomRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A room's individual-stream archive (every recording unmixed in a ZIP with a
 * {@code manifest.json}), kept in the media store at {@code archives/<AC>/<RM>.zip} so it can be
 * served through a signed link like any other media.
 *
 * <p>The archive is built on the first request once the room has ended and none of its
 * recordings is still being written, and rebuilt when the set of recordings changed (one was
 * deleted): a fingerprint of the recordings it holds is kept beside it. The manifest's
 * {@code sessionId} and {@code id} are the room SID, {@code name} its unique name,
 * {@code partnerId} the account SID and each file's {@code connectionData} the participant's
 * identity.
 */
public final class RoomArchives {

    // Given.
    private final MetadataStore store;
    private final MediaStore media;
    private final Path scratch;

    /** @param scratch where recordings of a remote media store are copied while archived */
    public RoomArchives(MetadataStore store, MediaStore media, Path scratch) {
        this.store = store;
        this.media = media;
        this.scratch = scratch;
    }

    /** The media-store key of a room's archive. */
    public static String key(String accountSid, String roomSid) {
        return "archives/" + accountSid + "/" + roomSid + ".zip";
    }

    /**
     * The key of the room's archive, built now if it is missing or stale; empty while the room is
     * in progress or a recording is still being written, or when it recorded nothing.
     *
     * @throws IOException when a recording cannot be read or the archive written
     */
    public synchronized Optional<String> archive(String accountSid, String roomSid) throws IOException {
        Optional<RoomRecord> room = store.rooms().find(accountSid, roomSid);
        if (room.isEmpty() || RoomRecord.IN_PROGRESS.equals(room.get().status())) {
            return Optional.empty();
        }
        List<Recording> rows = store.recordings().ofRoom(roomSid).stream()
                .filter(r -> accountSid.equals(r.accountSid()))
                .toList();
        if (rows.stream().anyMatch(r -> Recording.PROCESSING.equals(r.status()))) {
            return Optional.empty();
        }
        String key = key(accountSid, roomSid);
        String fingerprintKey = key + ".sha256";
        try (RecordingSources sources = RecordingSources.load(rows, media, scratch.resolve(roomSid))) {
            if (sources.recordings().isEmpty()) {
                delete(key, fingerprintKey);
                return Optional.empty();
            }
            String fingerprint = fingerprint(rows);
            if (media.exists(key) && fingerprint.equals(read(fingerprintKey))) {
                return Optional.of(key);
            }
            delete(key, fingerprintKey);
            Map<String, String> identities = store.participants().ofRoom(roomSid).stream()
                    .collect(Collectors.toMap(ParticipantRecord::sid, ParticipantRecord::identity, (a, b) -> a));
            Function<dev.quorum.composer.SourceRecording, String> connectionData =
                    r -> identities.get(r.participantSid());
            IndividualArchive archive = IndividualArchive.ofRecordings(
                    roomSid, room.get().uniqueName(), roomSid, accountSid, sources.recordings(), connectionData);
            write(key, out -> IndividualArchiveWriter.write(archive, out));
            write(fingerprintKey, out -> out.write(fingerprint.getBytes(StandardCharsets.US_ASCII)));
            return Optional.of(key);
        }
    }

    /** Removes a room's archive, e.g. because one of its recordings was deleted. */
    public synchronized void discard(String accountSid, String roomSid) throws IOException {
        String key = key(accountSid, roomSid);
        delete(key, key + ".sha256");
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private void write(String key, Body body) throws IOException {
        MediaWriter w = media.create(key);
        try {
            OutputStream out = Channels.newOutputStream(w.channel());
            body.writeTo(out);
            out.flush();
            w.commit();
        } catch (IOException | RuntimeException e) {
            w.abort();
            throw e;
        }
    }

    private String read(String key) throws IOException {
        Optional<MediaObject> o = media.open(key);
        if (o.isEmpty()) {
            return null;
        }
        try (InputStream in = o.get().read(0, o.get().size())) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private void delete(String... keys) throws IOException {
        for (String k : keys) {
            media.delete(k);
        }
    }

    /** Which recordings, of which sizes, the archive holds. */
    private static String fingerprint(List<Recording> rows) {
        StringBuilder b = new StringBuilder();
        rows.stream()
                .filter(r -> Recording.COMPLETED.equals(r.status()) && r.mediaKey() != null)
                .sorted(Comparator.comparing(Recording::sid))
                .forEach(r -> b.append(r.sid())
                        .append(':')
                        .append(r.sizeBytes())
                        .append(':')
                        .append(r.offsetMs())
                        .append(';'));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

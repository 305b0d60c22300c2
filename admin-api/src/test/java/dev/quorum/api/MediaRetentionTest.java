package dev.quorum.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.archives.ArchiveApi;
import dev.quorum.api.callbacks.CallbackTargets;
import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.InMemoryRoomControl;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.composition.CompositionSpec;
import dev.quorum.storage.credential.Credential;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.media.ServerMediaStore;
import dev.quorum.storage.recording.NewRecording;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.room.RoomRecord;
import dev.quorum.storage.s3.S3Bucket;
import dev.quorum.storage.s3.S3Credentials;
import dev.quorum.storage.s3.S3MediaStore;
import dev.quorum.storage.s3.S3Target;
import dev.quorum.storage.testing.S3Server;
import dev.quorum.storage.testing.StoreTestBase;
import dev.quorum.storage.upload.Destination;
import dev.quorum.storage.upload.ExternalBuckets;
import dev.quorum.storage.upload.MediaUploader;
import dev.quorum.storage.upload.NewUpload;
import dev.quorum.storage.upload.Upload;
import dev.quorum.storage.upload.UploadConfig;
import dev.quorum.storage.upload.UploadListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code storage.media-retention}: recordings and compositions finished longer ago than the
 * retention are deleted as a DELETE deletes them, from this node's disk, the shared bucket and the
 * account's own bucket; younger ones stay. Media is really stored in a real S3 server (S3Proxy) by
 * the upload queue.
 */
@Tag("slow")
class MediaRetentionTest extends StoreTestBase {

    static final String AC = ApiServer.ACCOUNT;
    static final String ROOM = "RM" + "1".repeat(32);
    static final Duration RETENTION = Duration.ofDays(90);

    S3Server s3;
    S3Bucket sharedBucket;
    LocalMediaStore local;
    ServerMediaStore media;
    MediaUploader uploader;
    Credential aws;
    Vertx vertx;
    EventBus events;
    AdminApi api;

    @BeforeEach
    void setUp() throws Exception {
        s3 = S3Server.start(dir.resolve("s3"));
        s3.createBucket("customer");
        s3.createBucket("shared");
        local = new LocalMediaStore(dir.resolve("media"));
        sharedBucket = new S3Bucket(
                S3Target.parse(s3.url("shared", "quorum"), "us-east-1"),
                new S3Credentials(S3Server.ACCESS_KEY, S3Server.SECRET),
                Duration.ofSeconds(2),
                Duration.ofSeconds(20));
        S3MediaStore shared = new S3MediaStore(sharedBucket, dir.resolve("staging"));
        media = new ServerMediaStore(local, shared);
        aws = store.credentials().createAws(AC, "aws", S3Server.ACCESS_KEY, S3Server.SECRET);
        UploadConfig uploads = UploadConfig.defaults();
        uploader = new MediaUploader(store.uploads(), store.credentials(), local, shared, uploads, "node-a", clock);
        uploader.listen("recording", new Completes(true));
        uploader.listen("composition", new Completes(false));
        uploader.start();
        store.rooms()
                .upsert(new RoomRecord(
                        ROOM,
                        AC,
                        "retained",
                        "completed",
                        "group",
                        null,
                        "POST",
                        50,
                        Duration.ofHours(4),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5),
                        List.of("VP8"),
                        true,
                        "[]",
                        false,
                        false,
                        "us1",
                        false,
                        clock.instant(),
                        clock.instant(),
                        null));
        vertx = Vertx.vertx();
        events = new EventBus();
        api = new AdminApi(
                vertx,
                store,
                media,
                null,
                new InMemoryRoomControl(events, clock),
                new ApiConfig(
                        "http://127.0.0.1:8080",
                        ApiServer.FAST_CALLBACKS,
                        CallbackTargets.ANY,
                        "node-a",
                        Duration.ofHours(6),
                        RETENTION),
                new SimpleMeterRegistry(),
                clock,
                ArchiveApi.Options.defaults(store, media, dir.resolve("work")),
                new ExternalBuckets(store.credentials(), uploads));
    }

    @AfterEach
    void tearDown() throws Exception {
        api.close();
        events.close();
        vertx.close().await();
        uploader.close();
        sharedBucket.close();
        s3.close();
    }

    /** Completes the resource as the recorder's and the composer's listeners do. */
    final class Completes implements UploadListener {
        private final boolean recording;

        Completes(boolean recording) {
            this.recording = recording;
        }

        @Override
        public void stored(Upload u) {
            String key = Upload.IN_EXTERNAL.equals(u.storedIn()) ? null : u.objectKey();
            if (recording) {
                store.recordings().completeStored(u.resourceSid(), key, u.location(), u.sizeBytes());
            } else {
                store.compositions().completeStored(u.resourceSid(), key, u.location(), u.sizeBytes());
            }
        }

        @Override
        public void failed(Upload u, String reason) {
            throw new AssertionError("upload failed: " + reason);
        }
    }

    @Test
    void mediaPastTheRetentionLeavesEveryStoreAndYoungerMediaStays() throws Exception {
        String oldExternal = recording(1, Destination.EXTERNAL);
        String oldShared = recording(2, Destination.SERVER);
        String oldLocal = recording(3, null);
        String oldComposition = composition(1);
        clock.advance(Duration.ofDays(60));
        String newExternal = recording(4, Destination.EXTERNAL);
        String newShared = recording(5, Destination.SERVER);
        String newLocal = recording(6, null);
        String newComposition = composition(2);
        assertThat(s3.keys("customer")).hasSize(2);
        assertThat(s3.keys("shared")).hasSize(4);
        assertThat(local.exists(mediaKey(3))).isTrue();
        clock.advance(Duration.ofDays(31));

        api.expireMedia();

        assertThat(List.of(oldExternal, oldShared, oldLocal))
                .allSatisfy(sid -> assertThat(status(sid)).isEqualTo(Recording.DELETED));
        assertThat(List.of(newExternal, newShared, newLocal))
                .allSatisfy(sid -> assertThat(status(sid)).isEqualTo(Recording.COMPLETED));
        assertThat(store.compositions().find(oldComposition).orElseThrow().status())
                .isEqualTo(Composition.DELETED);
        assertThat(store.compositions().find(newComposition).orElseThrow().status())
                .isEqualTo(Composition.COMPLETED);
        assertThat(s3.keys("customer")).containsExactly("calls/" + AC + "/" + ROOM + "/" + newExternal + ".mka");
        assertThat(s3.keys("shared"))
                .containsExactlyInAnyOrder("quorum/" + mediaKey(5), "quorum/" + compositionKey(newComposition));
        assertThat(local.exists(mediaKey(3))).as("the old local file").isFalse();
        assertThat(local.exists(mediaKey(6))).as("the young local file").isTrue();
    }

    static String sid(String prefix, int n) {
        return prefix + String.format("%032x", n);
    }

    static String mediaKey(int n) {
        return "recordings/" + AC + "/" + ROOM + "/" + sid("RT", n) + ".mka";
    }

    static String compositionKey(String sid) {
        return "compositions/" + AC + "/" + sid + ".mp4";
    }

    String status(String recordingSid) {
        return store.recordings().find(recordingSid).orElseThrow().status();
    }

    /** A finished recording, uploaded to {@code d} (null: it stays where it was written). */
    String recording(int n, Destination d) throws Exception {
        String sid = sid("RT", n);
        String key = mediaKey(n);
        store.recordings()
                .create(new NewRecording(
                        sid,
                        AC,
                        ROOM,
                        sid("PA", n),
                        sid("MT", n),
                        "mic",
                        "audio",
                        "OPUS",
                        "mka",
                        0L,
                        key,
                        null,
                        null,
                        "node-a"));
        long size = write(key, "recording " + n);
        if (d == null) {
            store.recordings().complete(sid, 1000, size);
            return sid;
        }
        store.recordings().awaitUpload(sid, 1000, size);
        upload(sid, "recording", key, d);
        return sid;
    }

    /** A composition completed into the shared bucket. */
    String composition(int n) throws Exception {
        String sid = sid("CJ", n);
        store.compositions()
                .create(
                        sid,
                        AC,
                        ROOM,
                        null,
                        new CompositionSpec(
                                "{\"grid\":{\"video_sources\":[\"*\"]}}",
                                List.of("*"),
                                List.of(),
                                "640x480",
                                "mp4",
                                true,
                                null,
                                "POST"));
        assertThat(store.compositions().claimNext("worker").orElseThrow().sid()).isEqualTo(sid);
        String key = compositionKey(sid);
        long size = write(key, "composition " + n);
        store.compositions().awaitUpload(sid, "worker", 1000, size, 500, key);
        upload(sid, "composition", key, Destination.SERVER);
        return sid;
    }

    void upload(String sid, String kind, String key, Destination d) throws Exception {
        boolean external = d == Destination.EXTERNAL;
        Upload u = uploader.enqueue(new NewUpload(
                AC,
                sid,
                kind,
                key,
                "node-a",
                d,
                external ? s3.url("customer", "calls") : null,
                external ? aws.sid() : null,
                null,
                true,
                false,
                Duration.ofHours(1)));
        await(
                "upload of " + sid,
                () -> Upload.UPLOADED.equals(
                        store.uploads().find(u.id()).orElseThrow().status()));
    }

    long write(String key, String content) throws Exception {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        try (MediaWriter w = local.create(key)) {
            w.channel().write(ByteBuffer.wrap(b));
            w.commit();
        }
        return b.length;
    }

    static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}

package dev.quorum.storage.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.credential.Credential;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.s3.S3Bucket;
import dev.quorum.storage.testing.S3Server;
import dev.quorum.storage.testing.StoreFixture;
import dev.quorum.storage.testing.StoreTestBase;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The S3 server dies while a multipart upload is on the wire, the uploading server restarts during
 * the outage, and the S3 server comes back 30 s (wall-clock) later on the same port. Runs on the
 * system clock: the outage, the backoff and the retries are real time.
 */
@Tag("slow")
class MidUploadOutageTest extends StoreTestBase {

    static final String AC = "AC00000000000000000000000000000002";
    static final String KEY = "recordings/" + AC + "/RM1/RT1.mka";
    static final String OBJECT = "calls/" + AC + "/RM1/RT1.mka";
    static final Duration OUTAGE = Duration.ofSeconds(30);

    S3Server s3;
    StoreFixture realTime;
    MetadataStore db;
    LocalMediaStore local;
    MediaUploader uploader;
    final List<String> heard = new CopyOnWriteArrayList<>();
    Credential aws;
    byte[] data;

    @BeforeEach
    void setUp() throws Exception {
        s3 = S3Server.start(dir.resolve("s3"));
        s3.createBucket("customer");
        realTime = StoreFixture.open(database, dir.resolve("db"), Clock.systemUTC());
        db = realTime.store();
        local = new LocalMediaStore(dir.resolve("media"));
        aws = db.credentials().createAws(AC, "aws", S3Server.ACCESS_KEY, S3Server.SECRET);
        // Three parts: 8 MiB, 8 MiB and the rest; the second is the one in flight when S3 stops.
        data = new byte[2 * S3Bucket.PART_SIZE + 123_457];
        new Random(11).nextBytes(data);
        try (MediaWriter w = local.create(KEY)) {
            w.channel().write(ByteBuffer.wrap(data));
            w.commit();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (uploader != null) {
            uploader.close();
        }
        s3.close();
        realTime.close();
    }

    MediaUploader uploader() {
        UploadConfig c = new UploadConfig(
                Duration.ofMinutes(10),
                Duration.ofSeconds(1),
                Duration.ofSeconds(4),
                true,
                false,
                2,
                "us-east-1",
                Duration.ofSeconds(1),
                Duration.ofSeconds(20));
        MediaUploader u =
                new MediaUploader(db.uploads(), db.credentials(), local, null, c, "node-a", Clock.systemUTC());
        u.listen("recording", new UploadListener() {
            @Override
            public void stored(Upload up) {
                heard.add(up.status() + " " + up.storedIn() + " " + up.location());
            }

            @Override
            public void failed(Upload up, String reason) {
                heard.add("failed: " + reason);
            }
        });
        u.start();
        return u;
    }

    @Test
    void everyByteArrivesOnceAfterTheStoreDiedMidUploadAndTheServerRestarted() throws Exception {
        S3Server.PartHold hold = s3.holdPart(2);
        uploader = uploader();
        Upload u = uploader.enqueue(new NewUpload(
                AC,
                "RT1",
                "recording",
                KEY,
                "node-a",
                Destination.EXTERNAL,
                s3.url("customer", "calls"),
                aws.sid(),
                null,
                true,
                false,
                Duration.ofMinutes(10)));

        // The upload is on the wire: part 1 is stored, part 2's request has reached the server.
        assertThat(hold.awaitArrived(Duration.ofSeconds(60))).isTrue();
        assertThat(s3.unfinishedUploads("customer")).containsExactly(OBJECT + " " + hold.uploadId());
        assertThat(s3.storedParts("customer", OBJECT, hold.uploadId())).containsExactly(1);
        long stoppedAt = System.nanoTime();
        s3.stop();

        await(
                "the interrupted attempt to be recorded",
                () -> db.uploads().find(u.id()).orElseThrow().attempts() >= 1);
        Upload interrupted = db.uploads().find(u.id()).orElseThrow();
        assertThat(interrupted.status()).isEqualTo(Upload.PENDING);
        assertThat(interrupted.lastError()).contains("did not answer");
        assertThat(heard).isEmpty();
        assertThat(local.exists(KEY)).isTrue();

        // The server restarts during the outage and keeps retrying.
        uploader.close();
        uploader = null;
        db = realTime.reopen();
        uploader = uploader();
        int attemptsBeforeRestart = interrupted.attempts();
        await(
                "a failed attempt after the restart",
                () -> db.uploads().find(u.id()).orElseThrow().attempts() > attemptsBeforeRestart);
        assertThat(db.uploads().find(u.id()).orElseThrow().status()).isEqualTo(Upload.PENDING);

        long left = OUTAGE.toNanos() - (System.nanoTime() - stoppedAt);
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        assertThat(db.uploads().find(u.id()).orElseThrow().status()).isEqualTo(Upload.PENDING);
        s3.start();
        long outage = System.nanoTime() - stoppedAt;

        await(
                "the upload to finish",
                () -> !Upload.PENDING.equals(
                        db.uploads().find(u.id()).orElseThrow().status()));
        Upload done = db.uploads().find(u.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(Upload.UPLOADED);
        assertThat(done.attempts()).isGreaterThanOrEqualTo(3);
        assertThat(done.objectKey()).isEqualTo(OBJECT);
        assertThat(done.location()).isEqualTo(s3.endpoint() + "/customer/" + OBJECT);
        assertThat(heard).containsExactly("uploaded external " + done.location());

        // The object is the file, byte for byte; nothing partial or duplicated is left behind.
        assertThat(sha256(s3.object("customer", OBJECT))).isEqualTo(sha256(data));
        assertThat(s3.keys("customer")).containsExactly(OBJECT);
        assertThat(s3.unfinishedUploads("customer")).isEmpty();
        assertThat(local.exists(KEY)).isFalse();
        System.out.printf("S3 down for %.1f s, upload finished after %d attempts%n", outage / 1e9, done.attempts());
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}

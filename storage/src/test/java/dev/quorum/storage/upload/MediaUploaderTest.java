package dev.quorum.storage.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.credential.Credential;
import dev.quorum.storage.crypto.Envelope;
import dev.quorum.storage.crypto.MediaCipher;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.s3.S3Bucket;
import dev.quorum.storage.s3.S3Credentials;
import dev.quorum.storage.s3.S3MediaStore;
import dev.quorum.storage.s3.S3Target;
import dev.quorum.storage.testing.Openssl;
import dev.quorum.storage.testing.S3Server;
import dev.quorum.storage.testing.StoreTestBase;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The upload queue against a real S3 server that the tests stop and start. */
@Tag("slow")
class MediaUploaderTest extends StoreTestBase {

    static final String AC = "AC00000000000000000000000000000001";
    static final String KEY = "recordings/" + AC + "/RM1/RT1.mka";

    S3Server s3;
    LocalMediaStore local;
    MediaUploader uploader;
    final List<String> heard = new CopyOnWriteArrayList<>();
    Credential aws;
    byte[] data;

    @BeforeEach
    void setUp() throws Exception {
        s3 = S3Server.start(dir.resolve("s3"));
        s3.createBucket("customer");
        local = new LocalMediaStore(dir.resolve("media"));
        aws = store.credentials().createAws(AC, "aws", S3Server.ACCESS_KEY, S3Server.SECRET);
        data = new byte[S3Bucket.PART_SIZE + 4321];
        new Random(7).nextBytes(data);
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
    }

    MediaUploader uploader(boolean fallback, S3MediaStore shared) {
        UploadConfig c = new UploadConfig(
                Duration.ofMinutes(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                fallback,
                false,
                2,
                "us-east-1",
                Duration.ofSeconds(1),
                Duration.ofSeconds(20));
        MediaUploader u = new MediaUploader(store.uploads(), store.credentials(), local, shared, c, "node-a", clock);
        u.listen("recording", new UploadListener() {
            @Override
            public void stored(Upload up) {
                heard.add(up.status() + " " + up.storedIn());
            }

            @Override
            public void failed(Upload up, String reason) {
                heard.add("failed: " + reason);
            }
        });
        u.start();
        return u;
    }

    NewUpload external(String encryptionKeySid, boolean fallback) {
        return new NewUpload(
                AC,
                "RT1",
                "recording",
                KEY,
                "node-a",
                Destination.EXTERNAL,
                s3.url("customer", "calls/2026"),
                aws.sid(),
                encryptionKeySid,
                fallback,
                false,
                Duration.ofMinutes(1));
    }

    @Test
    void uploadsToTheAccountsBucketUnderItsPrefixAndRemovesTheLocalCopy() throws Exception {
        uploader = uploader(true, null);
        Upload u = uploader.enqueue(external(null, true));
        awaitFinished(u);
        assertThat(heard).containsExactly("uploaded external");
        Upload done = store.uploads().find(u.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(Upload.UPLOADED);
        assertThat(done.objectKey()).isEqualTo("calls/2026/" + AC + "/RM1/RT1.mka");
        assertThat(done.location()).isEqualTo(s3.endpoint() + "/customer/calls/2026/" + AC + "/RM1/RT1.mka");
        assertThat(s3.object("customer", done.objectKey())).isEqualTo(data);
        assertThat(local.exists(KEY)).isFalse();
    }

    @Test
    void retriesWhileTheStoreIsDownAcrossARestartAndFinishesWhenItIsBack() throws Exception {
        s3.stop();
        uploader = uploader(true, null);
        Upload u = uploader.enqueue(external(null, true));
        await(
                "a failed attempt",
                () -> store.uploads().find(u.id()).orElseThrow().attempts() == 1);
        Upload failing = store.uploads().find(u.id()).orElseThrow();
        assertThat(failing.status()).isEqualTo(Upload.PENDING);
        assertThat(failing.lastError()).contains("did not answer");
        assertThat(failing.nextAttemptAt()).isEqualTo(failing.dateCreated().plusSeconds(5));
        assertThat(local.exists(KEY)).isTrue();

        uploader.close();
        restart();
        clock.advance(Duration.ofSeconds(30));
        s3.start();
        uploader = uploader(true, null);
        awaitFinished(u);
        assertThat(heard).containsExactly("uploaded external");
        assertThat(store.uploads().find(u.id()).orElseThrow().attempts()).isEqualTo(2);
        assertThat(s3.object("customer", "calls/2026/" + AC + "/RM1/RT1.mka")).isEqualTo(data);
    }

    @Test
    void afterTheWindowKeepsTheFileInTheServersStore() throws Exception {
        s3.stop();
        uploader = uploader(true, null);
        Upload u = uploader.enqueue(external(null, true));
        await(
                "a failed attempt",
                () -> store.uploads().find(u.id()).orElseThrow().attempts() == 1);
        clock.advance(Duration.ofMinutes(2));
        awaitFinished(u);
        assertThat(heard).containsExactly("fallback local");
        Upload done = store.uploads().find(u.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(Upload.FALLBACK);
        assertThat(done.lastError()).startsWith("Not uploaded within 1 min: Could not start uploading");
        assertThat(local.open(KEY).orElseThrow().size()).isEqualTo(data.length);
    }

    @Test
    void afterTheWindowWithoutFallbackFailsAndKeepsTheFileOnDisk() throws Exception {
        store.credentials().delete(AC, Credential.AWS, aws.sid());
        aws = store.credentials().createAws(AC, "wrong", S3Server.ACCESS_KEY, "not-the-secret");
        uploader = uploader(false, null);
        Upload u = uploader.enqueue(external(null, false));
        await(
                "a failed attempt",
                () -> store.uploads().find(u.id()).orElseThrow().attempts() == 1);
        assertThat(store.uploads().find(u.id()).orElseThrow().lastError()).contains("credentials were refused");
        clock.advance(Duration.ofMinutes(2));
        awaitFinished(u);
        assertThat(heard)
                .singleElement()
                .asString()
                .startsWith("failed: Not uploaded within 1 min: Could not start uploading")
                .contains("credentials were refused");
        assertThat(store.uploads().find(u.id()).orElseThrow().status()).isEqualTo(Upload.FAILED);
        assertThat(local.open(KEY).orElseThrow().size()).isEqualTo(data.length);
    }

    @Test
    void encryptsAsItUploadsAndTheDocumentedOpensslRecipeDecrypts() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Openssl.generateKeyPair(keys, 2048);
        Credential pub =
                store.credentials().createPublicKey(AC, "pk", Files.readString(keys.resolve("public_key.pem")));
        uploader = uploader(true, null);
        Upload u = uploader.enqueue(external(pub.sid(), true));
        awaitFinished(u);
        Upload done = store.uploads().find(u.id()).orElseThrow();
        byte[] stored = s3.object("customer", done.objectKey());
        assertThat(stored).hasSize((int) MediaCipher.encryptedLength(data.length));
        assertThat(indexOf(stored, java.util.Arrays.copyOf(data, 64))).isEqualTo(-1);
        assertThat(local.exists(KEY)).isFalse();

        // The object carries its envelope; the documented recipe decrypts it with openssl alone.
        try (S3Bucket b = new S3Bucket(
                S3Target.parse(s3.url("customer", ""), "us-east-1"),
                new S3Credentials(S3Server.ACCESS_KEY, S3Server.SECRET),
                Duration.ofSeconds(2),
                Duration.ofSeconds(20))) {
            Map<String, String> meta = b.head(done.objectKey()).orElseThrow().metadata();
            assertThat(meta).containsKeys(Envelope.KEY, Envelope.IV).containsEntry(Envelope.KEY_SID, pub.sid());
            String link = b.presign(
                            done.objectKey(), Duration.ofMinutes(5), "attachment; filename=\"RT1.mka.enc\"", null)
                    .toString();
            String recipe = Openssl.recipe(Openssl.docs().resolve("recordings.md"), "openssl-decryption-recipe");
            Openssl.sh(keys, Map.of("LINK", link, "OUT", "RT1.mka"), recipe);
            assertThat(Files.readAllBytes(keys.resolve("RT1.mka"))).isEqualTo(data);

            PrivateKey priv = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder()
                            .decode(Files.readString(keys.resolve("private_key.pem"))
                                    .replaceAll("-----[A-Z ]+-----", ""))));
            try (var in = MediaCipher.decrypt(new ByteArrayInputStream(stored), Envelope.from(meta), priv)) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        }
    }

    @Test
    void encryptsOnThisDiskWhenTheServerStoreIsLocal() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Openssl.generateKeyPair(keys, 2048);
        Credential pub =
                store.credentials().createPublicKey(AC, "pk", Files.readString(keys.resolve("public_key.pem")));
        uploader = uploader(true, null);
        Upload u = uploader.enqueue(new NewUpload(
                AC,
                "RT1",
                "recording",
                KEY,
                "node-a",
                Destination.SERVER,
                null,
                null,
                pub.sid(),
                true,
                false,
                Duration.ofMinutes(1)));
        awaitFinished(u);
        Upload done = store.uploads().find(u.id()).orElseThrow();
        assertThat(done.storedIn()).isEqualTo(Upload.IN_LOCAL);
        assertThat(done.objectKey()).isEqualTo(KEY + ".enc");
        assertThat(local.exists(KEY)).isFalse();
        var obj = local.open(KEY + ".enc").orElseThrow();
        assertThat(obj.metadata()).containsKeys(Envelope.KEY, Envelope.IV);
        assertThat(obj.size()).isEqualTo(MediaCipher.encryptedLength(data.length));
    }

    @Test
    void movesFilesToTheSharedBucket() throws Exception {
        s3.createBucket("shared");
        S3Bucket bucket = new S3Bucket(
                S3Target.parse(s3.url("shared", "quorum"), "us-east-1"),
                new S3Credentials(S3Server.ACCESS_KEY, S3Server.SECRET),
                Duration.ofSeconds(2),
                Duration.ofSeconds(20));
        try (bucket) {
            uploader = uploader(true, new S3MediaStore(bucket, dir.resolve("staging")));
            Upload u = uploader.enqueue(new NewUpload(
                    AC,
                    "RT1",
                    "recording",
                    KEY,
                    "node-a",
                    Destination.SERVER,
                    null,
                    null,
                    null,
                    true,
                    false,
                    Duration.ofMinutes(1)));
            awaitFinished(u);
            assertThat(heard).containsExactly("uploaded shared");
            assertThat(store.uploads().find(u.id()).orElseThrow().objectKey()).isEqualTo(KEY);
            assertThat(s3.object("shared", "quorum/" + KEY)).isEqualTo(data);
            assertThat(local.exists(KEY)).isFalse();
        }
    }

    @Test
    void aResourceDeletedWhileItsFileIsOnTheWireDoesNotComeBack() throws Exception {
        S3Server.PartHold hold = s3.holdPart(2);
        uploader = uploader(true, null);
        Upload u = uploader.enqueue(external(null, true));
        assertThat(hold.awaitArrived(Duration.ofSeconds(30))).isTrue();

        // The recording is deleted (StoredMedia cancels its uploads first), then part 2 goes through.
        assertThat(store.uploads().cancel("RT1")).isEqualTo(1);
        hold.release();
        await("the attempt to end", () -> uploader.running() == 0);

        Upload after = store.uploads().find(u.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(Upload.CANCELLED);
        assertThat(heard).as("nobody is told the deleted recording was stored").isEmpty();
        assertThat(s3.keys("customer"))
                .as("the object just uploaded is removed")
                .isEmpty();
        assertThat(s3.unfinishedUploads("customer")).isEmpty();
        assertThat(local.exists(KEY)).isFalse();
        assertThat(store.uploads().claimDue("node-a", 10, Duration.ofMinutes(1)))
                .isEmpty();
    }

    /** Waits until the upload's outcome is recorded (the listener hears it just before). */
    void awaitFinished(Upload u) throws InterruptedException {
        await(
                "upload " + u.id() + " to finish",
                () -> !Upload.PENDING.equals(
                        store.uploads().find(u.id()).orElseThrow().status()));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}

package dev.quorum.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.media.MediaObject;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.media.ServerMediaStore;
import dev.quorum.storage.testing.S3Server;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 client and the S3 media store against a real S3 API server (S3Proxy). */
@Tag("slow")
class S3BucketTest {

    @TempDir
    static Path dir;

    static S3Server s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3Server.start(dir.resolve("s3"));
        s3.createBucket("media");
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    private static S3Bucket bucket(String url, S3Credentials creds) {
        return new S3Bucket(S3Target.parse(url, "eu-west-1"), creds, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    private static S3Credentials good() {
        return new S3Credentials(S3Server.ACCESS_KEY, S3Server.SECRET);
    }

    @Test
    void uploadsInOnePartAndInManyWithMetadataUnderThePrefix() throws Exception {
        byte[] small = random(1000, 1);
        byte[] large = random(S3Bucket.PART_SIZE * 2 + 12345, 2);
        try (S3Bucket b = bucket(s3.url("media", "tenants/a"), good())) {
            b.upload(
                    b.target().objectKey("small.bin"),
                    new ByteArrayInputStream(small),
                    small.length,
                    "application/octet-stream",
                    Map.of("x-amz-iv", "abc"));
            b.upload(
                    b.target().objectKey("large.bin"),
                    new ByteArrayInputStream(large),
                    large.length,
                    "application/octet-stream",
                    Map.of());
            assertThat(b.head("tenants/a/small.bin")).get().satisfies(h -> {
                assertThat(h.contentLength()).isEqualTo(small.length);
                assertThat(h.metadata()).containsEntry("x-amz-iv", "abc");
            });
        }
        assertThat(s3.object("media", "tenants/a/small.bin")).isEqualTo(small);
        assertThat(s3.object("media", "tenants/a/large.bin")).isEqualTo(large);
    }

    @Test
    void presignedLinksServeTheObjectWithoutCredentials() throws Exception {
        byte[] data = random(5000, 3);
        try (S3Bucket b = bucket(s3.url("media", ""), good())) {
            b.upload("clip.mkv", new ByteArrayInputStream(data), data.length, "video/x-matroska", Map.of());
            URI link = b.presign(
                    "clip.mkv", Duration.ofMinutes(5), "attachment; filename=\"RT1.mkv\"", "video/x-matroska");
            HttpResponse<byte[]> r = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(data);
            assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"RT1.mkv\"");
            HttpResponse<byte[]> tampered = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(link.toString().replace("clip.mkv", "other.mkv")))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(tampered.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void checkTellsAMissingBucketWrongCredentialsAndAnUnreachableServerApart() throws Exception {
        try (S3Bucket b = bucket(s3.url("media", "x"), good())) {
            b.check();
        }
        try (S3Bucket b = bucket(s3.url("no-such-bucket", ""), good())) {
            assertThatThrownBy(b::check)
                    .isInstanceOf(S3Failure.class)
                    .hasMessageContaining("the bucket does not exist")
                    .satisfies(e -> assertThat(((S3Failure) e).permanent()).isTrue());
        }
        try (S3Bucket b = bucket(s3.url("media", ""), new S3Credentials(S3Server.ACCESS_KEY, "wrong-secret"))) {
            assertThatThrownBy(b::check)
                    .isInstanceOf(S3Failure.class)
                    .hasMessageContaining("credentials were refused")
                    .satisfies(e -> assertThat(((S3Failure) e).permanent()).isTrue());
        }
        int closed;
        try (var s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (S3Bucket b = bucket("http://127.0.0.1:" + closed + "/media", good())) {
            assertThatThrownBy(b::check)
                    .isInstanceOf(S3Failure.class)
                    .hasMessageContaining("did not answer")
                    .satisfies(e -> assertThat(((S3Failure) e).permanent()).isFalse());
        }
    }

    @Test
    void serverStoreWritesLocallyAndReadsTheSharedCopyOnceTheLocalOneIsGone() throws Exception {
        byte[] data = random(300_000, 4);
        try (S3Bucket b = bucket(s3.url("media", "shared"), good())) {
            S3MediaStore shared = new S3MediaStore(b, dir.resolve("staging"));
            ServerMediaStore store = new ServerMediaStore(new LocalMediaStore(dir.resolve("local")), shared);
            String key = "recordings/AC1/RM1/RT1.mka";
            try (MediaWriter w = store.create(key)) {
                w.channel().write(ByteBuffer.wrap(data));
                w.commit();
            }
            assertThat(store.directLink(key, Duration.ofMinutes(1), "inline")).isEmpty();
            shared.put(key, store.local().pathOf(key), Map.of("x-amz-key", "wrapped"));
            store.local().delete(key);

            MediaObject o = store.open(key).orElseThrow();
            assertThat(o.size()).isEqualTo(data.length);
            assertThat(o.localPath()).isEmpty();
            assertThat(o.metadata()).containsEntry("x-amz-key", "wrapped");
            try (InputStream in = o.read(1000, 2000)) {
                assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 1000, 3000));
            }
            assertThat(store.directLink(key, Duration.ofMinutes(1), "inline")).isPresent();
            assertThat(s3.keys("media")).contains("shared/recordings/AC1/RM1/RT1.mka");

            assertThat(store.delete(key)).isTrue();
            assertThat(store.exists(key)).isFalse();
            assertThat(s3.object("media", "shared/" + key)).isNull();
        }
    }

    @Test
    void s3StoreWriterUploadsOnCommit() throws Exception {
        try (S3Bucket b = bucket(s3.url("media", "w"), good())) {
            S3MediaStore store = new S3MediaStore(b, dir.resolve("staging2"));
            try (MediaWriter w = store.create("compositions/AC1/CJ1.mp4")) {
                w.channel().write(ByteBuffer.wrap("hello".getBytes()));
                w.commit();
            }
            assertThat(s3.object("media", "w/compositions/AC1/CJ1.mp4")).isEqualTo("hello".getBytes());
            assertThat(Files.exists(dir.resolve("staging2/compositions/AC1/CJ1.mp4")))
                    .isFalse();
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}

package dev.quorum.api.archives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.Await;
import dev.quorum.api.testing.FakeRecorder;
import dev.quorum.composer.job.ArchiveRendering;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.CompositionEvent;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.media.MediaKeys;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.s3.S3Credentials;
import dev.quorum.storage.testing.S3Server;
import dev.quorum.storage.upload.MediaUploader;
import dev.quorum.storage.upload.Upload;
import dev.quorum.storage.upload.UploadConfig;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Archives of projects with an upload target go to a real S3 server (S3Proxy, in process) through
 * the upload queue: {@code uploaded} with the object at {@code <prefix>/<project>/<archive>/archive.*};
 * with the target down, retried (across a restart) and, after the retry window, {@code available}
 * from the server's store (fallback {@code local}) or {@code failed} with the reason (fallback
 * {@code none}). The API-key project falls back and has its key pair from the configuration; the
 * application does not fall back and uses an AWS credential of its account.
 */
@Tag("slow")
class ArchiveUploadTest extends ArchiveTestBase {

    static final String BUCKET = "customer-archives";
    static final String PREFIX = "video/archives";
    /** One minute of retries, first after 5 s: the test moves the clock past them. */
    static final UploadConfig UPLOADS = new UploadConfig(
            Duration.ofMinutes(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(20),
            true,
            false,
            2,
            "us-east-1",
            Duration.ofSeconds(1),
            Duration.ofSeconds(20));

    S3Server s3;
    MediaUploader uploader;
    String credentialSid;

    @Override
    ArchiveApi.Options options(ApiServer s) {
        try {
            if (s3 == null) {
                s3 = S3Server.start(dir.resolve("s3"));
                s3.createBucket(BUCKET);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (uploader != null) {
            uploader.close(); // the previous run's, at a restart
        }
        uploader = new MediaUploader(
                s.store().uploads(), s.store().credentials(), s.media(), null, UPLOADS, "test-node", clock);
        if (credentialSid == null) {
            credentialSid = s.store()
                    .credentials()
                    .createAws(ApiServer.ACCOUNT, "archive bucket", S3Server.ACCESS_KEY, S3Server.SECRET)
                    .sid();
        }
        // The API-key project's key pair comes from the configuration, the application's from an
        // AWS credential of its account.
        ArchiveStorage storage = new ArchiveStorage(
                uploader,
                "test-node",
                Map.of(
                        API_KEY,
                                new ArchiveTarget(
                                        s3.url(BUCKET, PREFIX),
                                        new S3Credentials(S3Server.ACCESS_KEY, S3Server.SECRET),
                                        null,
                                        true),
                        APP, new ArchiveTarget(s3.url(BUCKET, PREFIX), null, credentialSid, false)));
        uploader.start();
        return new ArchiveApi.Options(
                SETTINGS, new ArchiveRendering(s.store(), s.media(), dir.resolve("work")), storage);
    }

    @AfterEach
    void closeStores() throws Exception {
        if (uploader != null) {
            uploader.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void anIndividualArchiveIsUploadedAsItsZipAndDeletingItKeepsTheObject() throws Exception {
        String s = session(opentok);
        ParticipantInfo alice = join(s, "alice");
        TrackInfo mic = server.rooms().publish(alice.sid(), "microphone", TrackKind.AUDIO);
        server.awaitEvents();
        FakeRecorder recorder = new FakeRecorder(server);
        String id = start(opentok, new JsonObject().put("sessionId", s).put("outputMode", "individual"))
                .getString("id");
        clock.advance(Duration.ofMillis(300));
        Recording r = recorder.start(alice, mic);
        server.awaitEvents();
        clock.advance(Duration.ofSeconds(2));
        assertThat(opentok.post("/archive/" + id + "/stop", null).status()).isEqualTo(200);
        recorder.complete(r, opusTone(2), 2000);

        JsonObject uploaded = awaitStatus(opentok, id, "uploaded");
        assertThat(uploaded.getValue("url")).isNull();
        String key = PREFIX + "/" + API_KEY + "/" + id + "/archive.zip";
        assertThat(s3.keys(BUCKET)).containsExactly(key);
        byte[] object = s3.object(BUCKET, key);
        assertThat(object).hasSize(uploaded.getInteger("size"));
        assertThat(uploaded.getString("sha256sum"))
                .as("the object is the ZIP the archive made")
                .isEqualTo(sha256(object));
        assertThat(zipEntries(object)).contains(id + ".json").anyMatch(n -> n.endsWith(".webm"));
        assertThat(server.media().exists("archives/" + API_KEY + "/" + id + "/archive.zip"))
                .as("the local copy is removed once uploaded")
                .isFalse();
        List<JsonCallbackReceiver.Received> told =
                callbacks.await(3, c -> id.equals(c.body().getString("id")));
        assertThat(told)
                .extracting(JsonCallbackReceiver.Received::status)
                .containsExactly("started", "stopped", "uploaded");
        JsonObject last = told.get(2).body();
        assertThat(last.getValue("url")).isNull();
        assertThat(last.getLong("size")).isEqualTo(object.length);
        assertThat(last.getInteger("partnerId")).isEqualTo(Integer.parseInt(API_KEY));

        assertThat(opentok.delete("/archive/" + id).status()).isEqualTo(204);
        assertThat(get(opentok, id).getString("status")).isEqualTo("deleted");
        assertThat(s3.object(BUCKET, key))
                .as("the customer's object is theirs to delete")
                .isEqualTo(object);
    }

    @Test
    void aComposedArchiveIsUploadedAsItsMp4() throws Exception {
        String s = session(vonage);
        String id = composedArchive(vonage, s);
        byte[] file = compose(awaitComposition(id), "the composed archive of the application");

        JsonObject uploaded = awaitStatus(vonage, id, "uploaded");
        assertThat(uploaded.getValue("url")).isNull();
        assertThat(uploaded.getString("reason")).isEqualTo("user initiated");
        String key = PREFIX + "/" + APP + "/" + id + "/archive.mp4";
        assertThat(s3.keys(BUCKET)).containsExactly(key);
        assertThat(s3.object(BUCKET, key)).isEqualTo(file);
        assertThat(uploaded.getLong("size")).isEqualTo(file.length);
        assertThat(callbacks.await(3, c -> id.equals(c.body().getString("id"))))
                .extracting(JsonCallbackReceiver.Received::status)
                .containsExactly("started", "stopped", "uploaded");
    }

    @Test
    void withTheTargetDownItRetriesAcrossARestartAndUploadsWhenItIsBack() throws Exception {
        s3.stop();
        String s = session(opentok);
        String id = composedArchive(opentok, s);
        byte[] file = compose(awaitComposition(id), "composed while the bucket was away");
        Upload failing = awaitAttempt(id);
        assertThat(failing.status()).isEqualTo(Upload.PENDING);
        assertThat(failing.lastError()).contains("did not answer");
        assertThat(get(opentok, id).getString("status")).isEqualTo("stopped");

        server.restart();
        opentok = VideoApiClient.opentok(server.baseUrl(), API_KEY, SECRET, clock);
        s3.start();
        clock.advance(Duration.ofSeconds(10));
        JsonObject uploaded = awaitStatus(opentok, id, "uploaded");
        assertThat(uploaded.getValue("url")).isNull();
        assertThat(s3.object(BUCKET, PREFIX + "/" + API_KEY + "/" + id + "/archive.mp4"))
                .isEqualTo(file);
        assertThat(callbacks.await(3, c -> id.equals(c.body().getString("id"))))
                .extracting(JsonCallbackReceiver.Received::status)
                .containsExactly("started", "stopped", "uploaded");
    }

    @Test
    void withTheTargetDownPastTheRetryWindowAProjectWithFallbackServesItFromTheServer() throws Exception {
        s3.stop();
        String s = session(opentok);
        String id = composedArchive(opentok, s);
        byte[] file = compose(awaitComposition(id), "kept by the server");
        awaitAttempt(id);
        assertThat(get(opentok, id).getString("status")).isEqualTo("stopped");

        clock.advance(Duration.ofMinutes(2));
        JsonObject available = awaitStatus(opentok, id, "available");
        assertThat(available.getString("url")).startsWith(server.baseUrl()).contains("archive.mp4");
        HttpResponse<byte[]> download = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(available.getString("url")))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(file);
        assertThat(callbacks.await(3, c -> id.equals(c.body().getString("id"))))
                .extracting(JsonCallbackReceiver.Received::status)
                .containsExactly("started", "stopped", "available");
        assertThat(s3.keys(BUCKET)).isEmpty();
    }

    @Test
    void withTheTargetDownPastTheRetryWindowAProjectWithoutFallbackFailsWithTheReason() throws Exception {
        s3.stop();
        String s = session(vonage);
        String id = composedArchive(vonage, s);
        compose(awaitComposition(id), "never uploaded");
        awaitAttempt(id);

        clock.advance(Duration.ofMinutes(2));
        JsonObject failed = awaitStatus(vonage, id, "failed");
        assertThat(failed.getString("reason"))
                .startsWith("Upload failed: Not uploaded within 1 min")
                .contains("s3://" + BUCKET + "/" + PREFIX + "/" + APP + "/" + id + "/archive.mp4")
                .contains("did not answer");
        assertThat(failed.getValue("url")).isNull();
        List<JsonCallbackReceiver.Received> told =
                callbacks.await(3, c -> id.equals(c.body().getString("id")));
        assertThat(told)
                .extracting(JsonCallbackReceiver.Received::status)
                .containsExactly("started", "stopped", "failed");
        assertThat(told.get(2).body().getString("reason")).isEqualTo(failed.getString("reason"));
        assertThat(server.media().exists("archives/" + APP + "/" + id + "/archive.mp4"))
                .as("the file stays on the server's disk")
                .isTrue();
        assertThat(vonage.delete("/archive/" + id).status()).isEqualTo(409);
    }

    /** A composed archive of one publisher, stopped, its recordings written. */
    private String composedArchive(VideoApiClient client, String s) {
        ParticipantInfo alice = join(s, "alice");
        TrackInfo mic = server.rooms().publish(alice.sid(), "microphone", TrackKind.AUDIO);
        server.awaitEvents();
        FakeRecorder recorder = new FakeRecorder(server);
        String id = start(client, new JsonObject().put("sessionId", s)).getString("id");
        clock.advance(Duration.ofMillis(300));
        Recording r = recorder.start(alice, mic);
        server.awaitEvents();
        clock.advance(Duration.ofSeconds(2));
        assertThat(client.post("/archive/" + id + "/stop", null).status()).isEqualTo(200);
        recorder.complete(r, new byte[] {1, 2, 3}, 2000);
        return id;
    }

    private Composition awaitComposition(String archiveId) {
        Await.until(
                "the composition of archive " + archiveId,
                () -> server.store().compositions().ofArchive(archiveId).isPresent());
        return server.store().compositions().ofArchive(archiveId).orElseThrow();
    }

    /** Does what a composer's worker does with a claimed composition: the file, then completed. */
    private byte[] compose(Composition c, String text) throws Exception {
        Composition claimed =
                server.store().compositions().claimNext("worker-1").orElseThrow();
        assertThat(claimed.sid()).isEqualTo(c.sid());
        byte[] file = text.getBytes(StandardCharsets.UTF_8);
        String key = MediaKeys.composition(c.accountSid(), c.sid(), "mp4");
        try (MediaWriter w = server.media().create(key)) {
            w.channel().write(ByteBuffer.wrap(file));
            w.commit();
        }
        server.store()
                .compositions()
                .complete(c.sid(), "worker-1", 2000, file.length, 1, key)
                .orElseThrow();
        server.events()
                .publish(new CompositionEvent(
                        CompositionEvent.AVAILABLE,
                        c.accountSid(),
                        c.roomSid(),
                        c.sid(),
                        null,
                        -1,
                        -1,
                        null,
                        null,
                        clock.instant()));
        return file;
    }

    /** Waits for the first failed attempt at the archive's upload. */
    private Upload awaitAttempt(String archiveId) {
        Await.until(
                "a failed upload attempt of " + archiveId,
                () -> server.store()
                        .uploads()
                        .latest(archiveId)
                        .map(u -> u.attempts() >= 1)
                        .orElse(false));
        return server.store().uploads().latest(archiveId).orElseThrow();
    }

    private byte[] opusTone(int seconds) throws Exception {
        Path out = dir.resolve("tone-" + System.nanoTime() + ".mka");
        Process p = new ProcessBuilder(
                        "ffmpeg",
                        "-nostdin",
                        "-y",
                        "-loglevel",
                        "error",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=440:sample_rate=48000:d=" + seconds,
                        "-c:a",
                        "libopus",
                        "-b:a",
                        "64k",
                        out.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        return Files.readAllBytes(out);
    }

    private static String sha256(byte[] b) throws Exception {
        return Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static List<String> zipEntries(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }
}

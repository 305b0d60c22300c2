package dev.quorum.server.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.CallbackReceiver;
import dev.quorum.storage.testing.Openssl;
import dev.quorum.storage.testing.S3Server;
import dev.quorum.storage.upload.Upload;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chromium rooms recorded for an account whose recording settings send media to its own bucket on
 * a real S3 server (S3Proxy): the files end up under the configured prefix, the Media link is a
 * pre-signed URL FFmpeg reads, the local copy is gone; with encryption, an upload that meets a
 * stopped store and a server restart still arrives whole, and the file decrypts with the
 * documented openssl recipe and with {@code bin/quorum decrypt} to exactly the frames recorded.
 */
@Tag("slow")
class ExternalStorageRecordingTest {

    static final Duration PUBLISH = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    S3Server s3;
    RecordingServer s;

    @BeforeEach
    void startS3() throws Exception {
        s3 = S3Server.start(dir.resolve("s3"));
        s3.createBucket("customer");
    }

    @AfterEach
    void stop() throws Exception {
        if (s != null) {
            s.close();
        }
        s3.close();
    }

    RecordingServer server() throws Exception {
        return new RecordingServer(
                dir.resolve("data"),
                Map.of("media.consent-timeout", "6s", "uploads.min-backoff", "1s", "uploads.max-backoff", "2s"));
    }

    String awsCredential() {
        return s.rest.post(
                        "/v1/Credentials/AWS",
                        201,
                        "FriendlyName",
                        "writer",
                        "Credentials",
                        S3Server.ACCESS_KEY + ":" + S3Server.SECRET)
                .getString("sid");
    }

    /** Records alice's camera and microphone for a few seconds; returns the room SID. */
    String recordAlice(String room) throws Exception {
        String roomSid = s.createRoom("UniqueName", room, "RecordParticipantsOnConnect", "true", "VideoCodecs", "VP8")
                .getString("sid");
        Publisher alice = s.join(room, "alice");
        s.awaitRecordings(roomSid, "two recordings processing", Duration.ofSeconds(20), l -> l.size() == 2);
        Thread.sleep(PUBLISH.toMillis());
        alice.leave();
        return roomSid;
    }

    @Test
    void recordingsLandUnderTheAccountsPrefixAndTheirMediaLinkIsPresigned() throws Exception {
        s = server();
        String cr = awsCredential();
        String url = s3.url("customer", "video/recordings");
        s.rest.post(
                "/v1/RecordingSettings/Default",
                200,
                "FriendlyName",
                "to my bucket",
                "AwsCredentialsSid",
                cr,
                "AwsS3Url",
                url,
                "AwsStorageEnabled",
                "true");
        String roomSid = recordAlice("s3-room");
        List<JsonObject> done = s.awaitRecordings(
                roomSid,
                "both recordings completed",
                Duration.ofSeconds(40),
                l -> l.stream().allMatch(r -> r.getString("status").equals("completed")));
        String account = done.get(0).getString("account_sid");
        for (JsonObject r : done) {
            String sid = r.getString("sid");
            String name = sid + "." + r.getString("container_format");
            String objectKey = "video/recordings/" + account + "/" + roomSid + "/" + name;
            assertThat(r.getString("media_external_location"))
                    .isEqualTo(url + "/" + account + "/" + roomSid + "/" + name);
            assertThat(s3.keys("customer")).contains(objectKey);
            assertThat(localFiles(sid)).as("the local copy of " + sid).isEmpty();

            String link = mediaLink(s, "/v1/Recordings/" + sid + "/Media");
            assertThat(link).startsWith(s3.endpoint() + "/customer/" + objectKey + "?");
            assertThat(run("ffprobe", "-v", "error", "-show_entries", "format=format_name", "-of", "csv=p=0", link))
                    .contains("matroska");
            assertThat(run("ffmpeg", "-nostdin", "-v", "error", "-i", link, "-enc_time_base", "-1", "-f", "null", "-"))
                    .isEmpty();
            CallbackReceiver.Received completed =
                    s.callbacks.awaitFor("recording-completed", "RecordingSid", sid, Duration.ofSeconds(20));
            assertThat(completed.param("MediaExternalLocation")).isEqualTo(r.getString("media_external_location"));
        }
        // Deleting a recording removes its object from the bucket.
        String first = done.get(0).getString("sid");
        delete(s, "/v1/Recordings/" + first);
        assertThat(s3.keys("customer")).noneMatch(k -> k.contains(first));
    }

    @Test
    void anEncryptedUploadRidesOutAStoppedStoreAndARestartAndDecryptsToTheRecordedFrames() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Openssl.generateKeyPair(keys, 2048);
        s = server();
        String cr = awsCredential();
        String pk = s.rest.post(
                        "/v1/Credentials/PublicKeys",
                        201,
                        "PublicKey",
                        Files.readString(keys.resolve("public_key.pem")))
                .getString("sid");
        s.rest.post(
                "/v1/RecordingSettings/Default",
                200,
                "FriendlyName",
                "encrypted",
                "AwsCredentialsSid",
                cr,
                "AwsS3Url",
                s3.url("customer", "enc"),
                "AwsStorageEnabled",
                "true",
                "EncryptionKeySid",
                pk,
                "EncryptionEnabled",
                "true");
        s3.stop();
        String roomSid = recordAlice("enc-room");

        // The files are written, the uploads fail: the recordings wait in processing.
        await(
                "an upload attempt of each recording failed",
                () -> s.rest.recordings(roomSid).stream()
                        .allMatch(r -> s.server
                                .store()
                                .uploads()
                                .latest(r.getString("sid"))
                                .map(u -> u.attempts() >= 1 && Upload.PENDING.equals(u.status()))
                                .orElse(false)));
        List<JsonObject> waiting = s.rest.recordings(roomSid);
        assertThat(waiting).extracting(r -> r.getString("status")).containsOnly("processing");
        assertThat(pendingGauge(s))
                .as("quorum_uploads_pending while the store is down")
                .isEqualTo(2.0);
        assertThat(s.server
                        .store()
                        .uploads()
                        .latest(waiting.get(0).getString("sid"))
                        .orElseThrow()
                        .lastError())
                .contains("did not answer");
        Map<String, Path> plaintext = new HashMap<>();
        for (JsonObject r : waiting) {
            Path file = MediaProbe.fileOf(dir.resolve("data"), r.getString("sid"));
            Path copy = dir.resolve("plain-" + file.getFileName());
            Files.copy(file, copy);
            plaintext.put(r.getString("sid"), copy);
        }

        // The server restarts while the store is down; the store comes back; the uploads finish.
        s.close();
        s = null;
        s = server();
        s3.start();
        List<JsonObject> done = s.awaitRecordings(
                roomSid,
                "both recordings completed",
                Duration.ofSeconds(60),
                l -> l.stream().allMatch(r -> r.getString("status").equals("completed")));
        // The queue records the outcome just after the recording completes: wait for it.
        RecordingServer restarted = s;
        await("quorum_uploads_pending back to 0", () -> pendingGauge(restarted) == 0.0);
        for (JsonObject r : done) {
            String sid = r.getString("sid");
            assertThat(localFiles(sid)).as("no plaintext left on the server").isEmpty();
            String link = mediaLink(s, "/v1/Recordings/" + sid + "/Media");
            Path encrypted = dir.resolve(sid + ".encrypted");
            download(link, encrypted);
            // Random bytes are now and then taken by ffprobe for some loose format without an
            // error, so the check is that nothing of the recording can be read in the clear.
            byte[] stored = Files.readAllBytes(encrypted);
            byte[] clear = Files.readAllBytes(plaintext.get(sid));
            assertThat(Arrays.copyOf(stored, 4))
                    .as("the stored object does not start with the Matroska (EBML) magic")
                    .isNotEqualTo(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3});
            assertThat(indexOf(stored, Arrays.copyOfRange(clear, 0, 32)))
                    .as("the recording's header does not appear in the stored object")
                    .isEqualTo(-1);
            assertThat(run(
                            "ffprobe",
                            "-v",
                            "error",
                            "-show_entries",
                            "format=format_name",
                            "-of",
                            "csv=p=0",
                            encrypted.toString()))
                    .as("the encrypted file is not read as a recording")
                    .doesNotContain("matroska");

            Path viaOpenssl = keys.resolve(sid + "-openssl." + r.getString("container_format"));
            String recipe = Openssl.recipe(Openssl.docs().resolve("recordings.md"), "openssl-decryption-recipe");
            Openssl.sh(
                    keys, Map.of("LINK", link, "OUT", viaOpenssl.getFileName().toString()), recipe);
            assertThat(Files.readAllBytes(viaOpenssl)).isEqualTo(Files.readAllBytes(plaintext.get(sid)));

            Path viaCommand = dir.resolve(sid + "-command." + r.getString("container_format"));
            String out = javaMain(
                    "decrypt",
                    "--private-key",
                    keys.resolve("private_key.pem").toString(),
                    "--out",
                    viaCommand.toString(),
                    link);
            assertThat(out).contains("Decrypted into");
            assertThat(MediaProbe.of(viaCommand).container()).contains("matroska");
            assertThat(frameHashes(viaCommand)).isNotEmpty().isEqualTo(frameHashes(plaintext.get(sid)));
        }

        // Encrypted recordings cannot be composed.
        String cj = s.rest.post(
                        "/v1/Compositions",
                        201,
                        "RoomSid",
                        roomSid,
                        "AudioSources",
                        "*",
                        "StatusCallback",
                        s.callbacks.url(RecordingServer.CALLBACKS))
                .getString("sid");
        CallbackReceiver.Received failed =
                s.callbacks.awaitFor("composition-failed", "CompositionSid", cj, Duration.ofSeconds(60));
        assertThat(failed.param("ErrorMessage"))
                .startsWith("Recordings that are encrypted or stored in the account's"
                        + " own bucket cannot be composed: RT");
        assertThat(s.rest.get("/v1/Compositions/" + cj).getString("status")).isEqualTo("failed");
    }

    /** The {@code quorum_uploads_pending} gauge, as a Prometheus scrape of {@code /metrics} reads it. */
    private static double pendingGauge(RecordingServer s) {
        HttpResponse<String> r;
        try {
            r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(s.base() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body()
                .lines()
                .filter(l -> l.startsWith("quorum_uploads_pending"))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no quorum_uploads_pending in /metrics"));
    }

    private List<Path> localFiles(String sid) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(sid)).toList();
        }
    }

    /** The decoded frames' MD5s (ffmpeg's framemd5), without its header lines. */
    private static List<String> frameHashes(Path file) {
        return run(
                        "ffmpeg",
                        "-nostdin",
                        "-v",
                        "error",
                        "-i",
                        file.toString(),
                        "-enc_time_base",
                        "-1",
                        "-f",
                        "framemd5",
                        "-")
                .lines()
                .filter(l -> !l.startsWith("#"))
                .toList();
    }

    private static String mediaLink(RecordingServer s, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(s.base() + path))
                                .header("Authorization", s.rest.authorization())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String link = new JsonObject(r.body()).getString("redirect_to");
        assertThat(r.headers().firstValue("Location")).hasValue(link);
        return link;
    }

    private static void delete(RecordingServer s, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(s.base() + path))
                                .header("Authorization", s.rest.authorization())
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    private static void download(String link, Path to) throws Exception {
        HttpResponse<Path> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofFile(to));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    /** Runs {@code dev.quorum.server.Main} in a JVM of its own, as bin/quorum does; returns its output. */
    private static String javaMain(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.quorum.server.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package dev.quorum.server.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.opentok.Archive;
import com.opentok.ArchiveProperties;
import com.opentok.MediaMode;
import com.opentok.OpenTok;
import com.opentok.SessionProperties;
import dev.quorum.server.api.ConfiguredServer;
import dev.quorum.storage.testing.S3Server;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server configured with an upload target for a project
 * ({@code video-projects.<name>.archive-storage.*}): its archive goes to the S3 server (S3Proxy,
 * in process) and the OpenTok SDK sees it {@code uploaded}, without a URL.
 */
@Tag("slow")
class ArchiveUploadSdkTest {

    @TempDir
    Path dir;

    S3Server s3;
    ConfiguredServer server;
    JsonReceiver callbacks;
    OpenTok opentok;

    @AfterEach
    void stop() throws Exception {
        if (opentok != null) {
            opentok.close();
        }
        if (server != null) {
            server.close();
        }
        if (callbacks != null) {
            callbacks.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aConfiguredProjectsArchiveIsUploadedToItsBucket() throws Exception {
        s3 = S3Server.start(dir.resolve("s3"));
        s3.createBucket("acme-archives");
        callbacks = new JsonReceiver();
        server = ArchiveServer.start(
                dir.resolve("server"),
                callbacks.url(),
                Map.of(
                        "video-projects.ot.archive-storage.s3-url",
                        s3.url("acme-archives", "video"),
                        "video-projects.ot.archive-storage.access-key-id",
                        S3Server.ACCESS_KEY,
                        "video-projects.ot.archive-storage.secret-access-key",
                        S3Server.SECRET,
                        "video-projects.ot.archive-storage.fallback",
                        "none"));
        opentok = ArchiveServer.opentok(server);
        String session = opentok.createSession(new SessionProperties.Builder()
                        .mediaMode(MediaMode.ROUTED)
                        .build())
                .getSessionId();
        String id;
        try (SignalingClient client = SignalingClient.join(server.baseUrl(), opentok.generateToken(session))) {
            id = opentok.startArchive(
                            session,
                            new ArchiveProperties.Builder()
                                    .name("to the bucket")
                                    .build())
                    .getId();
            assertThat(opentok.stopArchive(id).getStatus()).isEqualTo(Archive.Status.STOPPED);
        }
        ArchiveSdkTest.await("uploaded", () -> {
            try {
                return opentok.getArchive(id).getStatus() == Archive.Status.UPLOADED;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Archive uploaded = opentok.getArchive(id);
        assertThat(uploaded.getUrl()).isNull();
        String key = "video/" + ArchiveServer.API_KEY + "/" + id + "/archive.mp4";
        assertThat(s3.keys("acme-archives")).containsExactly(key);
        assertThat(s3.object("acme-archives", key))
                .as("an archive that recorded nothing is an empty file")
                .isEmpty();
        List<JsonReceiver.Received> events =
                callbacks.await(3, r -> id.equals(r.body().getString("id")), Duration.ofSeconds(30));
        assertThat(events).extracting(JsonReceiver.Received::status).containsExactly("started", "stopped", "uploaded");
        assertThat(events.get(2).body().getValue("url")).isNull();
        opentok.deleteArchive(id);
        assertThat(opentok.getArchive(id).getStatus()).isEqualTo(Archive.Status.DELETED);
        assertThat(s3.keys("acme-archives")).containsExactly(key);
    }
}

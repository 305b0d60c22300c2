package dev.quorum.api.archives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.archive.VideoSession;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class SessionsApiTest extends ArchiveTestBase {

    @Test
    void anApiKeyProjectsSessionIsEncodedForItsSdk() {
        VideoApiClient.Reply r = opentok.createSession("archiveMode=always&p2p.preference=disabled&location=10.1.2.3");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonObject s = r.array().getJsonObject(0);
        assertThat(s.fieldNames())
                .containsExactlyInAnyOrder("session_id", "project_id", "partner_id", "create_dt", "media_server_url");
        assertThat(s.getString("partner_id")).isEqualTo(API_KEY);
        String id = s.getString("session_id");
        assertThat(id).startsWith("1_").hasSizeLessThanOrEqualTo(128);
        String decoded = new String(
                Base64.getDecoder().decode(id.substring(2).replace('-', '+').replace('_', '/')),
                StandardCharsets.UTF_8);
        assertThat(decoded.split("~")).contains(API_KEY, "10.1.2.3");
        assertThat(s.getString("create_dt"))
                .matches("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2} UTC \\d{4}");
        VideoSession stored = server.store().sessions().find(id).orElseThrow();
        assertThat(stored.archiveMode()).isEqualTo("always");
        assertThat(stored.mediaMode()).isEqualTo("routed");
    }

    @Test
    void anApplicationsSessionNamesTheApplication() {
        JsonObject s = vonage.createSession("").array().getJsonObject(0);
        assertThat(s.fieldNames())
                .containsExactlyInAnyOrder("session_id", "application_id", "create_dt", "media_server_url");
        assertThat(s.getString("application_id")).isEqualTo(APP);
        VideoSession stored =
                server.store().sessions().find(s.getString("session_id")).orElseThrow();
        assertThat(stored.mediaMode()).as("routed by default").isEqualTo("routed");
        assertThat(stored.archiveMode()).isEqualTo("manual");
    }

    @Test
    void badParametersAre400NamingThem() {
        assertThat(opentok.createSession("archiveMode=sometimes").toString())
                .startsWith("400")
                .contains("archiveMode");
        assertThat(opentok.createSession("p2p.preference=maybe").toString())
                .startsWith("400")
                .contains("p2p.preference");
        assertThat(opentok.createSession("location=nowhere").toString())
                .startsWith("400")
                .contains("location");
        assertThat(opentok.createSession("archiveMode=always&p2p.preference=enabled")
                        .toString())
                .startsWith("400")
                .contains("routed");
        assertThat(opentok.createSession("e2ee=true&archiveMode=always").toString())
                .startsWith("400")
                .contains("e2ee");
        assertThat(opentok.createSession("archiveResolution=800x600").toString())
                .startsWith("400")
                .contains("archiveResolution");
        assertThat(opentok.createSession("archiveName=" + "n".repeat(81)).toString())
                .startsWith("400")
                .contains("archiveName");
    }
}

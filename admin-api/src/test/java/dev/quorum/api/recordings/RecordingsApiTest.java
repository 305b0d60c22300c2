package dev.quorum.api.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.ApiTestBase;
import dev.quorum.api.testing.FakeRecorder;
import dev.quorum.api.testing.TestClient;
import dev.quorum.api.testing.TestClient.Reply;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.storage.recording.Recording;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class RecordingsApiTest extends ApiTestBase {

    private static final byte[] AUDIO = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    private String rm;
    private ParticipantInfo alice;
    private ParticipantInfo bob;
    private Recording aliceMic;
    private Recording aliceCam;
    private Recording bobMic;

    @BeforeEach
    void recordARoom() {
        rm = api.post("/v1/Rooms", "UniqueName", "rec", "StatusCallback", "https://cb.example/r")
                .json()
                .getString("sid");
        alice = server.rooms().join(rm, "alice");
        bob = server.rooms().join(rm, "bob");
        TrackInfo mic = server.rooms().publish(alice.sid(), "mic", TrackKind.AUDIO);
        TrackInfo cam = server.rooms().publish(alice.sid(), "cam", TrackKind.VIDEO);
        TrackInfo bobsMic = server.rooms().publish(bob.sid(), null, TrackKind.AUDIO);
        FakeRecorder recorder = new FakeRecorder(server);
        aliceMic = recorder.record(alice, mic, AUDIO, 12_400);
        aliceCam = recorder.record(alice, cam, new byte[1000], 400);
        bobMic = recorder.start(bob, bobsMic);
        server.awaitEvents();
    }

    private static JsonArray recordings(Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonArray("recordings");
    }

    private static JsonArray sids(JsonArray items) {
        JsonArray out = new JsonArray();
        items.forEach(o -> out.add(((JsonObject) o).getString("sid")));
        return out;
    }

    @Test
    void recordingShowsEveryDocumentedField() {
        JsonObject r = api.get("/v1/Recordings/" + aliceMic.sid()).json();
        assertThat(r.getString("sid")).isEqualTo(aliceMic.sid());
        assertThat(r.getString("account_sid")).isEqualTo(ApiServer.ACCOUNT);
        assertThat(r.getString("status")).isEqualTo("completed");
        assertThat(r.getString("source_sid")).isEqualTo(aliceMic.sourceSid());
        assertThat(r.getLong("size")).isEqualTo(AUDIO.length);
        assertThat(r.getString("type")).isEqualTo("audio");
        assertThat(r.getInteger("duration")).isEqualTo(12);
        assertThat(r.getString("container_format")).isEqualTo("mka");
        assertThat(r.getString("codec")).isEqualTo("OPUS");
        assertThat(r.getJsonObject("grouping_sids"))
                .isEqualTo(new JsonObject().put("room_sid", rm).put("participant_sid", alice.sid()));
        assertThat(r.getString("track_name")).isEqualTo("mic");
        assertThat(r.getLong("offset")).isEqualTo(1500);
        assertThat(r.containsKey("media_external_location")).isTrue();
        assertThat(r.getString("status_callback")).isEqualTo("https://cb.example/r");
        assertThat(r.getString("status_callback_method")).isEqualTo("POST");
        assertThat(r.getString("url")).isEqualTo(server.baseUrl() + "/v1/Recordings/" + aliceMic.sid());
        assertThat(r.getJsonObject("links").getString("media"))
                .isEqualTo(server.baseUrl() + "/v1/Recordings/" + aliceMic.sid() + "/Media");
        assertThat(api.get("/v1/Recordings/" + aliceCam.sid()).json().getInteger("duration"))
                .as("sub-second rounds up to 1")
                .isEqualTo(1);
        assertThat(api.get("/v1/Recordings/" + bobMic.sid()).json().getString("track_name"))
                .isEqualTo(bobMic.sourceSid());

        JsonObject scoped =
                api.get("/v1/Rooms/" + rm + "/Recordings/" + aliceMic.sid()).json();
        assertThat(scoped.getString("room_sid")).isEqualTo(rm);
        assertThat(scoped.containsKey("status_callback")).isFalse();
        assertThat(scoped.getString("url"))
                .isEqualTo(server.baseUrl() + "/v1/Rooms/" + rm + "/Recordings/" + aliceMic.sid());
    }

    @Test
    void recordingShowsTheRecordersPacketCountsOnceKnown() {
        server.store().recordings().setPacketCounts(aliceMic.sid(), 3, 5);
        JsonObject r = api.get("/v1/Recordings/" + aliceMic.sid()).json();
        assertThat(r.getLong("packets_lost")).isEqualTo(3);
        assertThat(r.getLong("packets_dropped")).isEqualTo(5);
        JsonObject scoped =
                api.get("/v1/Rooms/" + rm + "/Recordings/" + aliceMic.sid()).json();
        assertThat(scoped.getLong("packets_lost")).isEqualTo(3);
        JsonObject writing = api.get("/v1/Recordings/" + bobMic.sid()).json();
        assertThat(writing.containsKey("packets_lost")).isTrue();
        assertThat(writing.getValue("packets_lost")).isNull();
        assertThat(writing.getValue("packets_dropped")).isNull();
    }

    @Test
    void listsFilterAndPage() {
        assertThat(recordings(api.get("/v1/Recordings"))).hasSize(3);
        assertThat(sids(recordings(api.get("/v1/Recordings?Status=processing"))))
                .containsExactly(bobMic.sid());
        assertThat(sids(recordings(api.get("/v1/Recordings?SourceSid=" + aliceCam.sourceSid()))))
                .containsExactly(aliceCam.sid());
        assertThat(sids(recordings(api.get("/v1/Recordings?MediaType=video")))).containsExactly(aliceCam.sid());
        assertThat(recordings(api.get("/v1/Recordings?GroupingSid=" + rm + "&GroupingSid=" + alice.sid())))
                .hasSize(2);
        assertThat(sids(recordings(api.get("/v1/Recordings?GroupingSid=" + bob.sid()))))
                .containsExactly(bobMic.sid());
        assertThat(recordings(api.get("/v1/Recordings?DateCreatedBefore=2000-01-01")))
                .isEmpty();
        assertThat(recordings(api.get("/v1/Rooms/" + rm + "/Recordings?Status=completed")))
                .hasSize(2);
        assertThat(recordings(api.get("/v1/Rooms/" + rm + "/Recordings?SourceSid=" + aliceMic.sourceSid())))
                .hasSize(1);

        JsonObject p1 = api.get("/v1/Recordings?MediaType=audio&PageSize=1").json();
        String next = p1.getJsonObject("meta").getString("next_page_url");
        assertThat(next).contains("MediaType=audio").contains("PageToken=");
        JsonObject p2 = api.get(next).json();
        assertThat(p2.getJsonObject("meta").getValue("next_page_url")).isNull();
        assertThat(sids(p1.getJsonArray("recordings")).addAll(sids(p2.getJsonArray("recordings"))))
                .containsExactlyInAnyOrder(aliceMic.sid(), bobMic.sid());

        assertError(api.get("/v1/Recordings?PageSize=101"), 400, 20001);
        assertError(api.get("/v1/Recordings?MediaType=smell"), 400, 20001);
        assertError(api.get("/v1/Recordings?GroupingSid=nope"), 400, 20001);
        assertError(api.get("/v1/Recordings?Status=lost"), 400, 20001);
        assertThat(recordings(
                        server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN).get("/v1/Recordings")))
                .isEmpty();
    }

    @Test
    void mediaRedirectsToASignedLinkServedWithRanges() {
        Reply redirect = api.get("/v1/Recordings/" + aliceMic.sid() + "/Media");
        assertThat(redirect.status()).as(redirect.toString()).isEqualTo(302);
        String link = redirect.json().getString("redirect_to");
        assertThat(redirect.header("Location")).isEqualTo(link);
        assertThat(link).startsWith(server.baseUrl() + "/media/");

        TestClient anonymous = server.client(null, null);
        Reply whole = anonymous.get(link);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(new String(AUDIO, StandardCharsets.US_ASCII));
        assertThat(whole.header("Content-Type")).isEqualTo("audio/x-matroska");
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(whole.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"" + aliceMic.sid() + ".mka\"");

        Reply part = anonymous.get(link, "Range", "bytes=10-13");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo("abcd");
        assertThat(part.header("Content-Range")).isEqualTo("bytes 10-13/20");
        assertThat(part.header("Content-Length")).isEqualTo("4");
        assertThat(anonymous.get(link, "Range", "bytes=-3").body()).isEqualTo("hij");
        assertThat(anonymous.get(link, "Range", "bytes=15-").body()).isEqualTo("fghij");
        Reply beyond = anonymous.get(link, "Range", "bytes=20-30");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */20");

        String video = api.get("/v1/Rooms/" + rm + "/Recordings/" + aliceCam.sid() + "/Media?Ttl=60&ContentDisposition="
                        + TestClient.enc("inline"))
                .json()
                .getString("redirect_to");
        Reply v = anonymous.get(video);
        assertThat(v.header("Content-Type")).isEqualTo("video/x-matroska");
        assertThat(v.header("Content-Disposition")).isEqualTo("inline");

        assertThat(anonymous.get(link.replace(aliceMic.sid(), aliceCam.sid())).status())
                .isEqualTo(403);
        assertThat(anonymous
                        .get(link.replaceAll("Expires=(\\d+)", "Expires=9$1"))
                        .status())
                .isEqualTo(403);
        assertThat(anonymous.get(link.substring(0, link.length() - 2) + "xx").status())
                .isEqualTo(403);

        assertError(api.get("/v1/Recordings/" + bobMic.sid() + "/Media"), 404, 20404);
        assertError(api.get("/v1/Recordings/" + aliceMic.sid() + "/Media?Ttl=0"), 400, 20001);
        assertError(api.get("/v1/Recordings/" + aliceMic.sid() + "/Media?Ttl=3601"), 400, 20001);
        assertError(api.get("/v1/Recordings/" + aliceMic.sid() + "/Media?ContentDisposition=evil"), 400, 20001);
        assertError(
                server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN)
                        .get("/v1/Recordings/" + aliceMic.sid() + "/Media"),
                404,
                20404);
    }

    @Test
    void anEndedRoomsArchiveIsAZipOfItsRecordingsWithAManifest() throws Exception {
        String archive = "/v1/Rooms/" + rm + "/Recordings/Archive";
        assertError(api.get(archive), 404, 20404);
        assertThat(api.post("/v1/Rooms/" + rm, "Status", "completed").status()).isEqualTo(202);
        server.awaitEvents();
        assertError(api.get(archive), 404, 20404); // Bob's microphone is still being written
        Recording bobDone = new FakeRecorder(server).complete(bobMic, new byte[333], 2000);
        server.awaitEvents();

        Reply redirect = api.get(archive + "?Ttl=60");
        assertThat(redirect.status()).as(redirect.toString()).isEqualTo(302);
        String link = redirect.json().getString("redirect_to");
        assertThat(link).startsWith(server.baseUrl() + "/media/archives/");
        HttpResponse<byte[]> zip = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).contains("application/zip");
        assertThat(zip.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"" + rm + ".zip\"");

        Map<String, Integer> sizes = new java.util.HashMap<>();
        JsonObject manifest = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                sizes.put(e.getName(), content.length);
                if (e.getName().equals("manifest.json")) {
                    manifest = new JsonObject(new String(content, StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(sizes)
                .containsEntry(aliceMic.sourceSid() + ".mka", AUDIO.length)
                .containsEntry(aliceCam.sourceSid() + ".mkv", 1000)
                .containsEntry(bobDone.sourceSid() + ".mka", 333)
                .containsKey("manifest.json")
                .hasSize(4);
        assertThat(manifest).isNotNull();
        assertThat(manifest.getString("sessionId")).isEqualTo(rm);
        assertThat(manifest.getString("name")).isEqualTo("rec");
        JsonArray files = manifest.getJsonArray("files");
        assertThat(files).hasSize(3);
        for (Object o : files) {
            JsonObject file = (JsonObject) o;
            assertThat(file.getLong("size"))
                    .isEqualTo(sizes.get(file.getString("filename")).longValue());
            assertThat(file.getLong("stopTimeOffset")).isGreaterThanOrEqualTo(file.getLong("startTimeOffset"));
        }
        assertThat(files.stream().map(o -> ((JsonObject) o).getString("connectionData")))
                .contains("alice", "bob");

        // Another account never sees it; deleting a recording removes it from the next archive.
        assertError(server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN).get(archive), 404, 20404);
        assertThat(api.delete("/v1/Recordings/" + aliceCam.sid()).status()).isEqualTo(204);
        assertThat(HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .as("the old archive is gone")
                .isEqualTo(404);
        String again = api.get(archive).json().getString("redirect_to");
        byte[] rebuilt = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(again)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(rebuilt))) {
            java.util.List<String> names = new java.util.ArrayList<>();
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
            assertThat(names).doesNotContain(aliceCam.sourceSid() + ".mkv").contains(aliceMic.sourceSid() + ".mka");
        }
    }

    @Test
    void deleteRemovesTheMediaAndKeepsTheMetadata() {
        String link =
                api.get("/v1/Recordings/" + aliceMic.sid() + "/Media").json().getString("redirect_to");
        assertError(
                server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN).delete("/v1/Recordings/" + aliceMic.sid()),
                404,
                20404);
        assertError(api.delete("/v1/Recordings/" + bobMic.sid()), 409, 20409);

        Reply gone = api.delete("/v1/Recordings/" + aliceMic.sid());
        assertThat(gone.status()).as(gone.toString()).isEqualTo(204);
        assertThat(gone.body()).isEmpty();
        assertThat(server.media().exists(aliceMic.mediaKey())).isFalse();
        assertThat(server.client(null, null).get(link).status()).isEqualTo(404);

        JsonObject r = api.get("/v1/Recordings/" + aliceMic.sid()).json();
        assertThat(r.getString("status")).isEqualTo("deleted");
        assertThat(r.getString("date_deleted")).isNotNull();
        assertThat(sids(recordings(api.get("/v1/Recordings")))).doesNotContain(aliceMic.sid());
        assertThat(sids(recordings(api.get("/v1/Recordings?Status=deleted")))).containsExactly(aliceMic.sid());
        assertError(api.get("/v1/Recordings/" + aliceMic.sid() + "/Media"), 404, 20404);
        assertError(api.delete("/v1/Recordings/" + aliceMic.sid()), 404, 20404);

        assertThat(api.delete("/v1/Rooms/" + rm + "/Recordings/" + aliceCam.sid())
                        .status())
                .isEqualTo(204);
        assertError(api.delete("/v1/Rooms/" + rm + "/Recordings/RT" + "0".repeat(32)), 404, 20404);
        assertError(api.method("POST", "/v1/Recordings/" + aliceCam.sid()), 405, 20004);
    }
}

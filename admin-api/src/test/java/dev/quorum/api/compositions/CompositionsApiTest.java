package dev.quorum.api.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.ApiTestBase;
import dev.quorum.api.testing.FakeRecorder;
import dev.quorum.api.testing.TestClient.Reply;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.media.MediaKeys;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.recording.Recording;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class CompositionsApiTest extends ApiTestBase {

    private static final String GRID = "{\"grid\":{\"max_rows\":2,\"video_sources\":[\"*\"]}}";

    private String rm;
    private ParticipantInfo alice;
    private Recording mic;
    private Recording cam;

    @BeforeEach
    void recordARoom() {
        rm = api.post("/v1/Rooms", "UniqueName", "composed").json().getString("sid");
        alice = server.rooms().join(rm, "alice");
        TrackInfo m = server.rooms().publish(alice.sid(), "mic", TrackKind.AUDIO);
        TrackInfo c = server.rooms().publish(alice.sid(), "cam", TrackKind.VIDEO);
        FakeRecorder recorder = new FakeRecorder(server);
        mic = recorder.record(alice, m, new byte[10], 5000);
        cam = recorder.record(alice, c, new byte[10], 5000);
        server.awaitEvents();
    }

    private Reply create(String... params) {
        return api.post("/v1/Compositions", params);
    }

    @Test
    void createQueuesACompositionWithEveryField() {
        Reply r = create(
                "RoomSid",
                rm,
                "VideoLayout",
                GRID,
                "AudioSources",
                "*",
                "AudioSourcesExcluded",
                "screen*",
                "Resolution",
                "1280x720",
                "Format",
                "mp4",
                "Trim",
                "false",
                "StatusCallback",
                "https://cb.example/c",
                "StatusCallbackMethod",
                "GET");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonObject c = r.json();
        assertThat(c.getString("sid")).matches("CJ[0-9a-f]{32}");
        assertThat(c.getString("status")).isEqualTo("enqueued");
        assertThat(c.getString("room_sid")).isEqualTo(rm);
        assertThat(c.getJsonArray("audio_sources")).containsExactly("*");
        assertThat(c.getJsonArray("audio_sources_excluded")).containsExactly("screen*");
        assertThat(c.getJsonObject("video_layout")).isEqualTo(new JsonObject(GRID));
        assertThat(c.getString("resolution")).isEqualTo("1280x720");
        assertThat(c.getString("format")).isEqualTo("mp4");
        assertThat(c.getBoolean("trim")).isFalse();
        assertThat(c.getInteger("bitrate")).isZero();
        assertThat(c.getInteger("size")).isZero();
        assertThat(c.getInteger("duration")).isZero();
        assertThat(c.getValue("date_completed")).isNull();
        assertThat(c.getValue("date_deleted")).isNull();
        assertThat(c.containsKey("media_external_location")).isTrue();
        assertThat(c.getString("status_callback")).isEqualTo("https://cb.example/c");
        assertThat(c.getString("status_callback_method")).isEqualTo("GET");
        assertThat(c.getString("url")).isEqualTo(server.baseUrl() + "/v1/Compositions/" + c.getString("sid"));
        assertThat(c.getJsonObject("links").getString("media"))
                .endsWith("/v1/Compositions/" + c.getString("sid") + "/Media");

        JsonObject defaults = create("RoomSid", rm, "AudioSources", mic.sid()).json();
        assertThat(defaults.getString("format")).isEqualTo("webm");
        assertThat(defaults.getString("resolution")).isEqualTo("640x480");
        assertThat(defaults.getBoolean("trim")).isTrue();
        assertThat(defaults.getJsonObject("video_layout")).isEqualTo(new JsonObject());
        assertThat(defaults.getString("status_callback_method")).isEqualTo("POST");

        assertThat(create(
                                "RoomSid",
                                rm,
                                "VideoLayout",
                                "{\"pip\":{\"video_sources\":[\"" + cam.sid() + "\",\"" + cam.sourceSid() + "\",\""
                                        + alice.sid() + "\"]}}")
                        .status())
                .isEqualTo(201);
        assertThat(create("RoomSid", rm, "VideoLayout", "{\"g\":{\"video_sources\":[\"nobody*\"]}}")
                        .status())
                .as("a wildcard may match nothing")
                .isEqualTo(201);
    }

    @Test
    void invalidRequestsAreRefusedUpFrontNamingTheParameter() {
        assertThat(assertError(create("VideoLayout", GRID), 400, 20001).getString("message"))
                .contains("RoomSid");
        assertThat(assertError(create("RoomSid", "nope", "VideoLayout", GRID), 400, 20001)
                        .getString("message"))
                .contains("RoomSid");
        assertError(create("RoomSid", "RM" + "0".repeat(32), "VideoLayout", GRID), 400, 53106);
        assertError(
                server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN)
                        .post("/v1/Compositions", "RoomSid", rm, "VideoLayout", GRID),
                400,
                53106);
        assertThat(assertError(create("RoomSid", rm), 400, 20001).getString("message"))
                .contains("AudioSources");
        assertThat(assertError(create("RoomSid", rm, "VideoLayout", "{not json"), 400, 20001)
                        .getString("message"))
                .contains("VideoLayout");
        assertThat(assertError(create("RoomSid", rm, "VideoLayout", "[1,2]"), 400, 20001)
                        .getString("message"))
                .contains("VideoLayout");
        assertThat(assertError(create("RoomSid", rm, "VideoLayout", "{\"g\":{}}"), 400, 20001)
                        .getString("message"))
                .contains("video_sources");
        assertThat(assertError(
                                create(
                                        "RoomSid",
                                        rm,
                                        "Resolution",
                                        "1280x720",
                                        "VideoLayout",
                                        "{\"g\":{\"x_pos\":1200,\"width\":200,\"video_sources\":[\"*\"]}}"),
                                400,
                                20001)
                        .getString("message"))
                .contains("g");
        assertThat(assertError(create("RoomSid", rm, "AudioSources", "*", "Resolution", "4000x4000"), 400, 20001)
                        .getString("message"))
                .contains("Resolution");
        assertThat(assertError(create("RoomSid", rm, "AudioSources", "*", "Resolution", "big"), 400, 20001)
                        .getString("message"))
                .contains("Resolution");
        assertThat(assertError(create("RoomSid", rm, "AudioSources", "*", "Format", "avi"), 400, 20001)
                        .getString("message"))
                .contains("Format");
        assertError(create("RoomSid", rm, "AudioSources", "*", "Trim", "sometimes"), 400, 20001);
        assertError(create("RoomSid", rm, "AudioSources", "*", "StatusCallback", "ftp://x"), 400, 20001);
        assertThat(assertError(create("RoomSid", rm, "AudioSources", "RT" + "0".repeat(32)), 400, 20001)
                        .getString("message"))
                .contains("is not a recording of room");
        assertThat(assertError(
                                create(
                                        "RoomSid",
                                        rm,
                                        "VideoLayout",
                                        "{\"g\":{\"video_sources\":[\"MT" + "0".repeat(32) + "\"]}}"),
                                400,
                                20001)
                        .getString("message"))
                .contains("is not a track of room");
        assertThat(assertError(
                                create(
                                        "RoomSid",
                                        rm,
                                        "VideoLayout",
                                        "{\"g\":{\"video_sources\":[\"" + mic.sid() + "\"]}}"),
                                400,
                                20001)
                        .getString("message"))
                .contains("audio recording");

        String empty = api.post("/v1/Rooms", "UniqueName", "silent").json().getString("sid");
        api.post("/v1/Rooms/" + empty, "Status", "completed");
        assertThat(assertError(create("RoomSid", empty, "AudioSources", "*"), 400, 20001)
                        .getString("message"))
                .contains("no recordings");
        assertThat(server.store().compositions().enqueuedCount()).isZero();
    }

    @Test
    void aRoomInProgressWithoutRecordingsYetMayBeComposedAtAnyTimeAfterItWasCreated() {
        String early = api.post("/v1/Rooms", "UniqueName", "early").json().getString("sid");
        Reply r = create("RoomSid", early, "VideoLayout", GRID, "AudioSources", "*");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().getString("status")).isEqualTo("enqueued");
        assertThat(server.store().compositions().enqueuedCount()).isEqualTo(1);
        assertThat(assertError(create("RoomSid", early, "AudioSources", "RT" + "0".repeat(32)), 400, 20001)
                        .getString("message"))
                .as("a SID must still belong to the room")
                .contains("is not a recording of room");
    }

    @Test
    void listFetchMediaAndDeleteFollowTheWorkersProgress() throws Exception {
        String a = create("RoomSid", rm, "AudioSources", "*").json().getString("sid");
        String b = create("RoomSid", rm, "VideoLayout", GRID).json().getString("sid");
        assertThat(api.get("/v1/Compositions").json().getJsonArray("compositions"))
                .hasSize(2);
        assertThat(api.get("/v1/Compositions?RoomSid=" + rm + "&Status=enqueued&PageSize=1")
                        .json()
                        .getJsonObject("meta")
                        .getString("next_page_url"))
                .contains("RoomSid=" + rm)
                .contains("Status=enqueued");
        assertThat(api.get("/v1/Compositions?Status=completed").json().getJsonArray("compositions"))
                .isEmpty();
        assertError(api.get("/v1/Compositions/" + a + "/Media"), 404, 20404);

        // The room ends, a worker takes the oldest job and completes it.
        api.post("/v1/Rooms/" + rm, "Status", "completed");
        Composition job = server.store().compositions().claimNext("worker").orElseThrow();
        assertThat(job.sid()).isEqualTo(a);
        assertThat(api.get("/v1/Compositions/" + a).json().getString("status")).isEqualTo("processing");
        assertThat(api.get("/v1/Compositions/" + b).json().getInteger("progress"))
                .as("enqueued")
                .isZero();
        server.store().compositions().progress(a, "worker", 37);
        assertThat(api.get("/v1/Compositions/" + a).json().getInteger("progress"))
                .as("the worker's last report")
                .isEqualTo(37);
        assertThat(api.get("/v1/Compositions").json().getJsonArray("compositions").stream()
                        .map(o -> ((JsonObject) o).getInteger("progress"))
                        .toList())
                .as("in the list too")
                .containsExactlyInAnyOrder(37, 0);
        assertError(api.delete("/v1/Compositions/" + a), 409, 20409);
        String key = MediaKeys.composition(ApiServer.ACCOUNT, a, "webm");
        try (MediaWriter w = server.media().create(key)) {
            w.channel().write(ByteBuffer.wrap(new byte[64]));
            w.commit();
        }
        server.store().compositions().complete(a, "worker", 61_400, 64, 841, key);

        JsonObject done = api.get("/v1/Compositions/" + a).json();
        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getInteger("duration")).isEqualTo(61);
        assertThat(done.getInteger("size")).isEqualTo(64);
        assertThat(done.getInteger("bitrate")).isEqualTo(841);
        assertThat(done.getInteger("progress")).isEqualTo(100);
        assertThat(done.getString("date_completed")).isNotNull();
        String link = api.get("/v1/Compositions/" + a + "/Media").json().getString("redirect_to");
        Reply file = server.client(null, null).get(link);
        assertThat(file.header("Content-Type")).isEqualTo("video/webm");
        assertThat(file.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + a + ".webm\"");

        server.store().compositions().claimNext("worker").orElseThrow();
        server.store().compositions().fail(b, "decoder gave up");
        assertError(api.delete("/v1/Compositions/" + b), 409, 20409);

        assertError(server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN).delete("/v1/Compositions/" + a), 404, 20404);
        assertThat(api.delete("/v1/Compositions/" + a).status()).isEqualTo(204);
        assertThat(server.media().exists(key)).isFalse();
        assertThat(api.get("/v1/Compositions/" + a).json().getString("status")).isEqualTo("deleted");
        assertThat(api.get("/v1/Compositions/" + a).json().getValue("progress"))
                .as("no progress for a deleted composition")
                .isNull();
        assertThat(api.get("/v1/Compositions").json().getJsonArray("compositions"))
                .hasSize(1);
        assertThat(api.get("/v1/Compositions?Status=deleted").json().getJsonArray("compositions"))
                .hasSize(1);
        assertError(api.get("/v1/Compositions/" + a + "/Media"), 404, 20404);
        assertError(api.get("/v1/Compositions/CJ" + "0".repeat(32)), 404, 20404);
        assertError(api.method("POST", "/v1/Compositions/" + b), 405, 20004);
    }

    @Test
    void hooksAreCreatedReplacedFilteredAndDeleted() {
        Reply created = api.post(
                "/v1/CompositionHooks",
                "FriendlyName",
                "Grid hook",
                "VideoLayout",
                "{\"grid\":{\"video_sources\":[\"*\"]}}",
                "AudioSources",
                "*",
                "Resolution",
                "640x480",
                "Format",
                "webm",
                "StatusCallback",
                "https://cb.example/h",
                "Trim",
                "true");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject h = created.json();
        String sid = h.getString("sid");
        assertThat(sid).matches("HK[0-9a-f]{32}");
        assertThat(h.getBoolean("enabled")).isTrue();
        assertThat(h.getValue("date_updated")).isNull();
        JsonObject region = h.getJsonObject("video_layout").getJsonObject("grid");
        assertThat(region.getString("reuse")).isEqualTo("show_oldest");
        assertThat(region.getJsonArray("cells_excluded")).isEmpty();
        assertThat(region.containsKey("max_rows")).isTrue();
        assertThat(region.getValue("width")).isNull();
        assertThat(h.getString("url")).isEqualTo(server.baseUrl() + "/v1/CompositionHooks/" + sid);
        assertThat(h.containsKey("links")).isFalse();

        assertError(api.post("/v1/CompositionHooks", "FriendlyName", "Grid hook", "AudioSources", "*"), 409, 20409);
        assertError(api.post("/v1/CompositionHooks", "AudioSources", "*"), 400, 20001);
        assertError(api.post("/v1/CompositionHooks", "FriendlyName", "x".repeat(101), "AudioSources", "*"), 400, 20001);
        assertError(api.post("/v1/CompositionHooks", "FriendlyName", "no sources"), 400, 20001);
        assertError(
                api.post("/v1/CompositionHooks", "FriendlyName", "bad layout", "VideoLayout", "{\"g\":5}"), 400, 20001);
        api.post("/v1/CompositionHooks", "FriendlyName", "audio only", "AudioSources", "student*", "Enabled", "false");

        Reply replaced = api.post(
                "/v1/CompositionHooks/" + sid,
                "FriendlyName",
                "renamed",
                "AudioSources",
                "a",
                "AudioSources",
                "b",
                "Enabled",
                "false");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        JsonObject r = replaced.json();
        assertThat(r.getString("friendly_name")).isEqualTo("renamed");
        assertThat(r.getJsonArray("audio_sources"))
                .isEqualTo(new JsonArray().add("a").add("b"));
        assertThat(r.getJsonObject("video_layout"))
                .as("full replacement resets the layout")
                .isEqualTo(new JsonObject());
        assertThat(r.getString("format")).isEqualTo("webm");
        assertThat(r.getValue("status_callback")).isNull();
        assertThat(r.getBoolean("enabled")).isFalse();
        assertThat(r.getString("date_updated")).isNotNull();
        assertError(api.post("/v1/CompositionHooks/" + sid, "AudioSources", "*"), 400, 20001);
        assertError(
                api.post("/v1/CompositionHooks/" + sid, "FriendlyName", "audio only", "AudioSources", "*"), 409, 20409);

        assertThat(api.get("/v1/CompositionHooks").json().getJsonArray("composition_hooks"))
                .hasSize(2);
        assertThat(api.get("/v1/CompositionHooks?FriendlyName=REN*").json().getJsonArray("composition_hooks"))
                .hasSize(1);
        assertThat(api.get("/v1/CompositionHooks?FriendlyName=*only").json().getJsonArray("composition_hooks"))
                .hasSize(1);
        assertThat(api.get("/v1/CompositionHooks?Enabled=true").json().getJsonArray("composition_hooks"))
                .isEmpty();
        assertThat(api.get("/v1/CompositionHooks?DateCreatedAfter=2999-01-01")
                        .json()
                        .getJsonArray("composition_hooks"))
                .isEmpty();
        assertThat(api.get("/v1/CompositionHooks?PageSize=1")
                        .json()
                        .getJsonObject("meta")
                        .getString("next_page_url"))
                .isNotNull();

        assertError(
                server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN).get("/v1/CompositionHooks/" + sid), 404, 20404);
        assertError(
                server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN).delete("/v1/CompositionHooks/" + sid),
                404,
                20404);
        assertThat(api.delete("/v1/CompositionHooks/" + sid).status()).isEqualTo(204);
        assertError(api.get("/v1/CompositionHooks/" + sid), 404, 20404);
        assertError(api.delete("/v1/CompositionHooks/" + sid), 404, 20404);
    }

    @Test
    void accountSettingsAreSingletonsReplacedByPost() {
        JsonObject initial = api.get("/v1/RecordingSettings/Default").json();
        assertThat(initial.getString("account_sid")).isEqualTo(ApiServer.ACCOUNT);
        assertThat(initial.getBoolean("aws_storage_enabled")).isFalse();
        assertThat(initial.fieldNames())
                .containsExactlyInAnyOrder(
                        "account_sid",
                        "friendly_name",
                        "aws_credentials_sid",
                        "aws_s3_url",
                        "aws_storage_enabled",
                        "encryption_key_sid",
                        "encryption_enabled",
                        "url");
        String cr = api.post("/v1/Credentials/AWS", "Credentials", "AKIAEXAMPLE:secret")
                .json()
                .getString("sid");
        assertError(
                api.post(
                        "/v1/CompositionSettings/Default",
                        "FriendlyName",
                        "cs",
                        "AwsCredentialsSid",
                        "CR" + "1".repeat(32)),
                400,
                20001);
        Reply set = api.post(
                "/v1/CompositionSettings/Default",
                "FriendlyName",
                "cs",
                "AwsStorageEnabled",
                "false",
                "AwsCredentialsSid",
                cr,
                "AwsS3Url",
                "https://bucket.s3.amazonaws.com/compositions",
                "EncryptionEnabled",
                "false");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        JsonObject cs = api.get("/v1/CompositionSettings/Default").json();
        assertThat(cs.getString("friendly_name")).isEqualTo("cs");
        assertThat(cs.getString("aws_credentials_sid")).isEqualTo(cr);
        assertThat(cs.getBoolean("aws_storage_enabled")).isFalse();
        assertThat(cs.getString("url")).isEqualTo(server.baseUrl() + "/v1/CompositionSettings/Default");
        assertThat(api.get("/v1/RecordingSettings/Default").json().getValue("friendly_name"))
                .isNull();

        api.post("/v1/CompositionSettings/Default", "FriendlyName", "cs2");
        assertThat(api.get("/v1/CompositionSettings/Default").json().getValue("aws_s3_url"))
                .isNull();
        assertError(api.post("/v1/RecordingSettings/Default", "AwsStorageEnabled", "false"), 400, 20001);
        assertError(
                api.post("/v1/RecordingSettings/Default", "FriendlyName", "x", "AwsCredentialsSid", "AC1"), 400, 20001);
        assertError(
                api.post("/v1/RecordingSettings/Default", "FriendlyName", "x", "AwsStorageEnabled", "true"),
                400,
                20001);
        assertThat(server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN)
                        .get("/v1/CompositionSettings/Default")
                        .json()
                        .getValue("friendly_name"))
                .isNull();
        assertError(api.delete("/v1/RecordingSettings/Default"), 405, 20004);
    }
}

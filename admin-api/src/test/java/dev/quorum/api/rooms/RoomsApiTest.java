package dev.quorum.api.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.ApiTestBase;
import dev.quorum.api.testing.TestClient.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class RoomsApiTest extends ApiTestBase {

    private JsonObject create(String... params) {
        Reply r = api.post("/v1/Rooms", params);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    @Test
    void createWithEveryParameterShowsEveryField() {
        JsonObject room = create(
                "UniqueName",
                "daily",
                "Type",
                "group",
                "StatusCallback",
                "https://cb.example/room?x=1",
                "StatusCallbackMethod",
                "GET",
                "MaxParticipants",
                "10",
                "RecordParticipantsOnConnect",
                "true",
                "VideoCodecs",
                "VP8",
                "VideoCodecs",
                "H264",
                "MediaRegion",
                "de1",
                "AudioOnly",
                "false",
                "MaxParticipantDuration",
                "3600",
                "EmptyRoomTimeout",
                "5",
                "UnusedRoomTimeout",
                "7",
                "LargeRoom",
                "false",
                "EnableTurn",
                "true",
                "RecordingRules",
                "{\"rules\":[{\"all\":true,\"type\":\"include\"}]}");
        String sid = room.getString("sid");
        assertThat(sid).matches("RM[0-9a-f]{32}");
        assertThat(room.getString("status")).isEqualTo("in-progress");
        assertThat(room.getString("account_sid")).isEqualTo(ApiServer.ACCOUNT);
        assertThat(room.getString("unique_name")).isEqualTo("daily");
        assertThat(room.getString("status_callback")).isEqualTo("https://cb.example/room?x=1");
        assertThat(room.getString("status_callback_method")).isEqualTo("GET");
        assertThat(room.getInteger("max_participants")).isEqualTo(10);
        assertThat(room.getInteger("max_participant_duration")).isEqualTo(3600);
        assertThat(room.getBoolean("record_participants_on_connect")).isTrue();
        assertThat(room.getJsonArray("video_codecs")).containsExactly("VP8", "H264");
        assertThat(room.getString("media_region")).isEqualTo("de1");
        assertThat(room.getInteger("empty_room_timeout")).isEqualTo(5);
        assertThat(room.getInteger("unused_room_timeout")).isEqualTo(7);
        assertThat(room.getString("date_created")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(room.containsKey("end_time")).isTrue();
        assertThat(room.getValue("end_time")).isNull();
        assertThat(room.getValue("duration")).isNull();
        assertThat(room.fieldNames())
                .contains(
                        "enable_turn",
                        "type",
                        "audio_only",
                        "large_room",
                        "max_concurrent_published_tracks",
                        "date_updated");
        assertThat(room.getString("url")).isEqualTo(server.baseUrl() + "/v1/Rooms/" + sid);
        assertThat(room.getJsonObject("links").getString("recording_rules"))
                .isEqualTo(server.baseUrl() + "/v1/Rooms/" + sid + "/RecordingRules");

        JsonObject rules = api.get("/v1/Rooms/" + sid + "/RecordingRules").json();
        assertThat(rules.getJsonArray("rules"))
                .isEqualTo(new JsonArray()
                        .add(new JsonObject().put("type", "include").put("all", true)));
    }

    @Test
    void fetchBySidOrInProgressNameAndCompleteIt() {
        String sid = create("UniqueName", "Daily Standup").getString("sid");
        assertThat(api.get("/v1/Rooms/" + sid).json().getString("unique_name")).isEqualTo("Daily Standup");
        assertThat(api.get("/v1/Rooms/Daily%20Standup").json().getString("sid")).isEqualTo(sid);
        assertThat(api.get("/v1/Rooms/" + sid.toUpperCase().replace("RM", "RM")).status())
                .isEqualTo(200);

        Reply done = api.post("/v1/Rooms/" + sid, "Status", "completed");
        assertThat(done.status()).as(done.toString()).isEqualTo(202);
        assertThat(done.json().getString("status")).isEqualTo("completed");
        assertThat(done.json().getString("end_time")).isNotNull();
        assertThat(done.json().getInteger("duration")).isNotNull();

        assertThat(api.get("/v1/Rooms/" + sid).json().getString("status")).isEqualTo("completed");
        assertError(api.get("/v1/Rooms/Daily%20Standup"), 404, 20404);
        assertThat(api.post("/v1/Rooms/" + sid, "Status", "completed").status()).isEqualTo(202);
        assertError(api.post("/v1/Rooms/" + sid, "Status", "in-progress"), 400, 53112);
    }

    @Test
    void listDefaultsToInProgressAndFiltersAndPages() {
        String a = create("UniqueName", "a").getString("sid");
        String b = create("UniqueName", "b").getString("sid");
        String c = create("UniqueName", "c").getString("sid");
        api.post("/v1/Rooms/" + a, "Status", "completed");

        JsonObject live = api.get("/v1/Rooms").json();
        assertThat(live.getJsonArray("rooms"))
                .extracting(o -> ((JsonObject) o).getString("sid"))
                .containsExactlyInAnyOrder(b, c);
        assertThat(api.get("/v1/Rooms?Status=completed").json().getJsonArray("rooms"))
                .extracting(o -> ((JsonObject) o).getString("sid"))
                .containsExactly(a);
        assertThat(api.get("/v1/Rooms?Status=completed&UniqueName=b").json().getJsonArray("rooms"))
                .isEmpty();
        assertThat(api.get("/v1/Rooms?UniqueName=b").json().getJsonArray("rooms"))
                .hasSize(1);
        assertThat(api.get("/v1/Rooms?DateCreatedAfter=2000-01-01&DateCreatedBefore=2999-01-01T00:00:00")
                        .json()
                        .getJsonArray("rooms"))
                .hasSize(2);
        assertThat(api.get("/v1/Rooms?DateCreatedAfter=2999-01-01T00:00:00Z")
                        .json()
                        .getJsonArray("rooms"))
                .isEmpty();

        JsonObject page1 = api.get("/v1/Rooms?Status=in-progress&PageSize=1").json();
        JsonObject meta = page1.getJsonObject("meta");
        assertThat(meta.fieldNames())
                .containsExactlyInAnyOrder(
                        "page", "page_size", "first_page_url", "previous_page_url", "url", "next_page_url", "key");
        assertThat(meta.getString("key")).isEqualTo("rooms");
        assertThat(meta.getInteger("page_size")).isEqualTo(1);
        assertThat(meta.getString("first_page_url"))
                .isEqualTo(server.baseUrl() + "/v1/Rooms?Status=in-progress&PageSize=1&Page=0");
        String next = meta.getString("next_page_url");
        assertThat(next).startsWith(server.baseUrl() + "/v1/Rooms?Status=in-progress&PageSize=1&Page=1&PageToken=");
        JsonObject page2 = api.get(next).json();
        assertThat(page2.getJsonObject("meta").getInteger("page")).isEqualTo(1);
        assertThat(page2.getJsonObject("meta").getValue("next_page_url")).isNull();
        String first = page1.getJsonArray("rooms").getJsonObject(0).getString("sid");
        String second = page2.getJsonArray("rooms").getJsonObject(0).getString("sid");
        assertThat(first).isNotEqualTo(second);
        assertThat(java.util.List.of(first, second)).containsExactlyInAnyOrder(b, c);
    }

    @Test
    void invalidParametersAreRejectedWithTheRoomErrorCodes() {
        assertError(api.post("/v1/Rooms", "Type", "huge"), 400, 53108);
        assertError(api.post("/v1/Rooms", "UniqueName", "x".repeat(129)), 400, 53101);
        assertError(api.post("/v1/Rooms", "UniqueName", "a/b"), 400, 53102);
        assertError(api.post("/v1/Rooms", "MaxParticipants", "51"), 400, 53107);
        assertError(api.post("/v1/Rooms", "MaxParticipants", "many"), 400, 53107);
        assertError(api.post("/v1/Rooms", "EmptyRoomTimeout", "0"), 400, 53109);
        assertError(api.post("/v1/Rooms", "StatusCallbackMethod", "PUT"), 400, 53110);
        assertError(api.post("/v1/Rooms", "StatusCallback", "not a url"), 400, 53111);
        assertError(api.post("/v1/Rooms", "MediaRegion", "mars1"), 400, 53115);
        assertError(api.post("/v1/Rooms", "RecordingRules", "[]"), 400, 53120);
        assertError(api.post("/v1/Rooms", "AudioOnly", "maybe"), 400, 20001);
        assertError(api.post("/v1/Rooms", "VideoCodecs", "AV2"), 400, 20001);
        create("UniqueName", "taken");
        assertError(api.post("/v1/Rooms", "UniqueName", "taken"), 400, 53113);
        assertError(api.get("/v1/Rooms?Status=sleeping"), 400, 20001);
        assertError(api.get("/v1/Rooms?PageSize=1001"), 400, 20001);
        assertError(api.get("/v1/Rooms?PageToken=garbage"), 400, 20001);
        assertError(api.get("/v1/Rooms?DateCreatedAfter=yesterday"), 400, 20001);
        assertError(api.post("/v1/Rooms", "UniqueName", "x".repeat(2 << 20)), 413, 20001);
        assertThat(api.post("/v1/Rooms", "UniqueName", "still-works").status()).isEqualTo(201);
    }

    @Test
    void authAndTenancy() {
        String sid = create("UniqueName", "mine").getString("sid");
        assertError(server.client(null, null).get("/v1/Rooms"), 401, 20003);
        assertThat(server.client(null, null).get("/v1/Rooms").header("WWW-Authenticate"))
                .startsWith("Basic");
        assertError(server.client(ApiServer.ACCOUNT, "wrong").get("/v1/Rooms"), 401, 20003);
        assertError(server.client(ApiServer.KEY, "wrong").get("/v1/Rooms"), 401, 20003);
        assertError(server.client("AC" + "f".repeat(32), "x").get("/v1/Rooms"), 401, 20003);
        assertThat(server.client(ApiServer.KEY, ApiServer.KEY_SECRET)
                        .get("/v1/Rooms/" + sid)
                        .status())
                .isEqualTo(200);

        var other = server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN);
        assertError(other.get("/v1/Rooms/" + sid), 404, 20404);
        assertError(other.get("/v1/Rooms/mine"), 404, 20404);
        assertError(other.post("/v1/Rooms/" + sid, "Status", "completed"), 404, 20404);
        assertThat(other.get("/v1/Rooms").json().getJsonArray("rooms")).isEmpty();
        assertThat(api.get("/v1/Rooms/" + sid).json().getString("status")).isEqualTo("in-progress");
    }

    @Test
    void unknownSidsPathsAndVerbs() {
        assertError(api.get("/v1/Rooms/RM" + "0".repeat(32)), 404, 20404);
        assertError(api.get("/v1/NoSuchThing"), 404, 20404);
        String sid = create().getString("sid");
        assertThat(api.get("/v1/Rooms/" + sid).json().getString("unique_name")).isEqualTo(sid);
        Reply r = api.delete("/v1/Rooms/" + sid);
        assertError(r, 405, 20004);
        assertThat(r.header("Allow")).isEqualTo("GET, POST");
        assertError(api.method("PUT", "/v1/Rooms"), 405, 20004);
    }
}

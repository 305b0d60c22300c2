package dev.quorum.api.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.ApiTestBase;
import dev.quorum.api.testing.TestClient.Reply;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class ParticipantsApiTest extends ApiTestBase {

    private String room(String name) {
        return api.post("/v1/Rooms", "UniqueName", name).json().getString("sid");
    }

    private static JsonArray items(Reply r, String key) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonArray(key);
    }

    @Test
    void connectedParticipantsAreLiveAndDisconnectedOnesHistory() {
        String rm = room("class");
        ParticipantInfo alice = server.rooms().join(rm, "alice");
        ParticipantInfo bob = server.rooms().join(rm, "bob");
        String base = "/v1/Rooms/" + rm + "/Participants";

        assertThat(items(api.get(base), "participants")).hasSize(2);
        JsonObject a = api.get(base + "/" + alice.sid()).json();
        assertThat(a.getString("identity")).isEqualTo("alice");
        assertThat(a.getString("status")).isEqualTo("connected");
        assertThat(a.getValue("end_time")).isNull();
        assertThat(a.getValue("duration")).isNull();
        assertThat(a.getString("url")).isEqualTo(server.baseUrl() + base + "/" + alice.sid());
        assertThat(a.getJsonObject("links").fieldNames())
                .containsExactlyInAnyOrder("published_tracks", "subscribed_tracks", "subscribe_rules", "anonymize");
        assertThat(api.get(base + "/bob").json().getString("sid")).isEqualTo(bob.sid());
        assertThat(items(api.get(base + "?Identity=alice"), "participants")).hasSize(1);

        Reply kicked = api.post(base + "/" + alice.sid(), "Status", "disconnected");
        assertThat(kicked.status()).as(kicked.toString()).isEqualTo(202);
        assertThat(kicked.json().getString("status")).isEqualTo("disconnected");
        server.awaitEvents();

        assertThat(items(api.get(base), "participants"))
                .extracting(o -> ((JsonObject) o).getString("identity"))
                .containsExactly("bob");
        assertThat(items(api.get(base + "?Status=disconnected"), "participants"))
                .extracting(o -> ((JsonObject) o).getString("identity"))
                .containsExactly("alice");
        JsonObject gone = api.get(base + "/" + alice.sid()).json();
        assertThat(gone.getString("status")).isEqualTo("disconnected");
        assertThat(gone.getString("end_time")).isNotNull();
        assertThat(gone.getInteger("duration")).isNotNull();
        assertError(api.get(base + "/alice"), 404, 20404);

        api.post("/v1/Rooms/" + rm, "Status", "completed");
        server.awaitEvents();
        assertThat(items(api.get(base), "participants")).hasSize(2);
        assertThat(items(api.get(base + "?Status=connected"), "participants")).isEmpty();
    }

    @Test
    void participantErrorsAndTenancy() {
        String rm = room("errors");
        ParticipantInfo alice = server.rooms().join(rm, "alice");
        String base = "/v1/Rooms/" + rm + "/Participants";
        assertError(api.get(base + "/PA" + "0".repeat(32)), 404, 20404);
        assertError(api.get(base + "?Status=asleep"), 400, 20001);
        assertError(api.post(base + "/" + alice.sid(), "Status", "gone"), 400, 20001);
        assertError(api.get("/v1/Rooms/RM" + "0".repeat(32) + "/Participants"), 404, 20404);
        assertError(server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN).get(base + "/" + alice.sid()), 404, 20404);
        assertError(
                server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN)
                        .post(base + "/" + alice.sid(), "Status", "disconnected"),
                404,
                20404);
        assertThat(server.rooms().participants(ApiServer.ACCOUNT, rm)).hasSize(1);
    }

    @Test
    void publishedAndSubscribedTracks() {
        String rm = room("tracks");
        ParticipantInfo alice = server.rooms().join(rm, "alice");
        ParticipantInfo bob = server.rooms().join(rm, "bob");
        TrackInfo mic = server.rooms().publish(alice.sid(), "mic", TrackKind.AUDIO);
        TrackInfo cam = server.rooms().publish(alice.sid(), "cam", TrackKind.VIDEO);
        String pub = "/v1/Rooms/" + rm + "/Participants/" + alice.sid() + "/PublishedTracks";

        assertThat(items(api.get(pub), "published_tracks"))
                .extracting(o -> ((JsonObject) o).getString("name"))
                .containsExactlyInAnyOrder("mic", "cam");
        JsonObject byName = api.get(pub + "/cam").json();
        assertThat(byName.getString("sid")).isEqualTo(cam.sid());
        assertThat(byName.getString("kind")).isEqualTo("video");
        assertThat(byName.getBoolean("enabled")).isTrue();
        assertThat(byName.getString("url")).isEqualTo(server.baseUrl() + pub + "/" + cam.sid());
        assertThat(api.get(pub + "/" + mic.sid()).json().getString("name")).isEqualTo("mic");
        assertThat(items(api.get(pub + "?PageSize=1"), "published_tracks")).hasSize(1);

        String sub = "/v1/Rooms/" + rm + "/Participants/" + bob.sid() + "/SubscribedTracks";
        JsonArray received = items(api.get(sub), "subscribed_tracks");
        assertThat(received).hasSize(2);
        JsonObject one = api.get(sub + "/" + mic.sid()).json();
        assertThat(one.getString("participant_sid")).isEqualTo(bob.sid());
        assertThat(one.getString("publisher_sid")).isEqualTo(alice.sid());
        assertError(api.get(sub + "/mic"), 400, 20001);
        assertError(api.get(sub + "/MT" + "0".repeat(32)), 404, 20404);
        assertThat(items(
                        api.get("/v1/Rooms/" + rm + "/Participants/" + alice.sid() + "/SubscribedTracks"),
                        "subscribed_tracks"))
                .isEmpty();

        server.rooms().leave(alice.sid());
        server.awaitEvents();
        assertThat(items(api.get(pub), "published_tracks")).isEmpty();
        assertThat(api.get(pub + "/" + mic.sid()).json().getString("name"))
                .as("past track by SID")
                .isEqualTo("mic");
        assertThat(api.get(pub + "/" + mic.sid()).json().containsKey("bitrate")).isTrue();
        assertThat(api.get(pub + "/" + mic.sid()).json().getValue("bitrate"))
                .as("no live rate for a past track")
                .isNull();
        assertError(api.get(pub + "/mic"), 404, 20404);
    }

    @Test
    void publishedTracksShowTheirLiveBitRateInKilobitsPerSecond() {
        String rm = room("rates");
        ParticipantInfo alice = server.rooms().join(rm, "alice");
        TrackInfo mic = server.rooms().publish(alice.sid(), "mic", TrackKind.AUDIO);
        TrackInfo cam = server.rooms().publish(alice.sid(), "cam", TrackKind.VIDEO);
        server.rooms().setBitrate(mic.sid(), 41_400);
        server.rooms().setBitrate(cam.sid(), 1_234_567);
        String pub = "/v1/Rooms/" + rm + "/Participants/" + alice.sid() + "/PublishedTracks";

        JsonArray listed = items(api.get(pub), "published_tracks");
        assertThat(listed)
                .extracting(o -> ((JsonObject) o).getString("name") + "=" + ((JsonObject) o).getLong("bitrate"))
                .containsExactlyInAnyOrder("mic=41", "cam=1235");
        assertThat(api.get(pub + "/cam").json().getLong("bitrate")).isEqualTo(1235L);
        assertThat(api.get(pub + "/" + mic.sid()).json().getLong("bitrate")).isEqualTo(41L);
    }

    @Test
    void recordingRulesInBothEncodingsAndPauseResume() throws Exception {
        String rm = room("rules");
        String rules = "/v1/Rooms/" + rm + "/RecordingRules";
        JsonObject initial = api.get(rules).json();
        assertThat(initial.getString("room_sid")).isEqualTo(rm);
        assertThat(initial.getJsonArray("rules")).isEmpty();
        assertThat(initial.fieldNames()).contains("date_created", "date_updated");

        Reply wrapped = api.post(rules, "Rules", "{\"rules\":[{\"kind\":\"audio\",\"type\":\"include\"}]}");
        assertThat(wrapped.status()).as(wrapped.toString()).isEqualTo(200);
        assertThat(wrapped.json().getJsonArray("rules"))
                .isEqualTo(new JsonArray()
                        .add(new JsonObject().put("type", "include").put("kind", "audio")));
        Reply array = api.post(
                rules,
                "Rules",
                "[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"publisher\":\"bob\",\"track\":\"screen\"}]");
        assertThat(array.status()).isEqualTo(200);
        assertThat(api.get(rules).json().getJsonArray("rules")).hasSize(2);
        assertThat(server.rooms().recordingRules(ApiServer.ACCOUNT, rm)).hasSize(2);

        for (String bad : new String[] {
            "[]",
            "not json",
            "{\"rules\":{}}",
            "[{\"all\":true}]",
            "[{\"type\":\"include\",\"all\":false}]",
            "[{\"type\":\"include\",\"all\":true,\"kind\":\"audio\"}]",
            "[{\"type\":\"include\",\"kind\":\"data\"}]",
            "[{\"type\":\"include\",\"priority\":\"high\"}]",
            "[{\"type\":\"include\",\"kind\":\"audio\",\"kind\":\"video\"}]",
            "[" + "{\"type\":\"include\",\"all\":true},".repeat(20) + "{\"type\":\"include\",\"all\":true}]"
        }) {
            JsonObject e = assertError(api.post(rules, "Rules", bad), 400, 53120);
            assertThat(e.getString("message")).startsWith("Invalid Recording Rule(s)");
        }
        assertError(api.post(rules), 400, 53120);
        assertThat(server.rooms().recordingRules(ApiServer.ACCOUNT, rm))
                .as("unchanged after bad posts")
                .hasSize(2);
        assertError(api.delete(rules), 405, 20004);

        String recording = "/v1/Rooms/" + rm + "/Recording";
        assertThat(api.get(recording).json().getString("status")).isEqualTo("in-progress");
        Reply paused = api.post(recording, "Status", "paused");
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.json().getString("status")).isEqualTo("paused");
        assertThat(server.rooms().isPaused(rm)).isTrue();
        assertThat(api.post(recording, "Status", "in-progress").json().getString("status"))
                .isEqualTo("in-progress");
        assertThat(server.rooms().isPaused(rm)).isFalse();
        assertError(api.post(recording, "Status", "stopped"), 400, 20001);

        api.post("/v1/Rooms/" + rm, "Status", "completed");
        assertThat(api.get(rules).json().getJsonArray("rules")).hasSize(2);
        assertError(api.post(rules, "Rules", "[{\"type\":\"include\",\"all\":true}]"), 400, 53118);
        assertError(server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN).get(rules), 404, 20404);
    }

    @Test
    void unimplementedResourcesSaySo() {
        String rm = room("nope");
        ParticipantInfo alice = server.rooms().join(rm, "alice");
        assertError(api.get("/v1/Rooms/" + rm + "/Participants/" + alice.sid() + "/SubscribeRules"), 501, 20501);
        assertError(api.post("/v1/Rooms/" + rm + "/Participants/" + alice.sid() + "/Anonymize"), 501, 20501);
        assertThat(api.get("/v1/Rooms/" + rm + "/Transcriptions").json().getJsonArray("transcriptions"))
                .isEmpty();
    }
}

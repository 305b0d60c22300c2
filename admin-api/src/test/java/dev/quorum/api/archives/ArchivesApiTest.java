package dev.quorum.api.archives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.TrackKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Start, get, list, stop and delete, with every refusal of the documented table. */
@Tag("slow")
class ArchivesApiTest extends ArchiveTestBase {

    @Test
    void aStartWithNothingButTheSessionTakesEveryDefault() {
        String s = session(opentok);
        join(s, "alice");
        JsonObject a = start(opentok, new JsonObject().put("sessionId", s));
        assertThat(a.getString("id")).matches("[0-9a-f-]{36}");
        assertThat(a.getString("status")).isEqualTo("started");
        assertThat(a.getString("sessionId")).isEqualTo(s);
        assertThat(a.getLong("partnerId")).isEqualTo(123456L);
        assertThat(a.getLong("projectId")).isEqualTo(123456L);
        assertThat(a.containsKey("applicationId")).isFalse();
        assertThat(a.getString("outputMode")).isEqualTo("composed");
        assertThat(a.getString("streamMode")).isEqualTo("auto");
        assertThat(a.getString("resolution")).isEqualTo("640x480");
        assertThat(a.getJsonObject("layout")).isEqualTo(new JsonObject().put("type", "bestFit"));
        assertThat(a.getBoolean("hasAudio")).isTrue();
        assertThat(a.getBoolean("hasVideo")).isTrue();
        assertThat(a.getInteger("duration")).isZero();
        assertThat(a.getInteger("size")).isZero();
        assertThat(a.getString("name")).isEmpty();
        assertThat(a.getString("reason")).isEmpty();
        assertThat(a.getValue("url")).isNull();
        JsonObject fetched = get(opentok, a.getString("id"));
        assertThat(fetched.getString("status")).isEqualTo("started");
    }

    @Test
    void anApplicationsArchiveNamesTheApplicationAndKeepsEveryField() {
        String s = session(vonage);
        join(s, "alice");
        JsonObject a = start(
                vonage,
                new JsonObject()
                        .put("sessionId", s)
                        .put("name", "weekly")
                        .put("hasAudio", false)
                        .put("outputMode", "composed")
                        .put("resolution", "1280x720")
                        .put("streamMode", "manual")
                        .put("layout", new JsonObject().put("type", "bestFit").put("screenshareType", "pip"))
                        .put("multiArchiveTag", "t1")
                        .put("maxBitrate", 2_000_000));
        assertThat(a.getString("applicationId")).isEqualTo(APP);
        assertThat(a.containsKey("partnerId")).isFalse();
        assertThat(a.getString("name")).isEqualTo("weekly");
        assertThat(a.getBoolean("hasAudio")).isFalse();
        assertThat(a.getString("resolution")).isEqualTo("1280x720");
        assertThat(a.getString("streamMode")).isEqualTo("manual");
        assertThat(a.getJsonObject("layout"))
                .isEqualTo(new JsonObject().put("type", "bestFit").put("screenshareType", "pip"));
        assertThat(a.getString("multiArchiveTag")).isEqualTo("t1");
        assertThat(a.getInteger("maxBitrate")).isEqualTo(2_000_000);
        JsonObject qp = start(
                vonage,
                new JsonObject()
                        .put("sessionId", s)
                        .put("multiArchiveTag", "t2")
                        .put("outputMode", "individual"));
        assertThat(qp.containsKey("resolution"))
                .as("individual archives have no resolution")
                .isFalse();
        assertThat(qp.containsKey("layout")).isFalse();
    }

    @Test
    void theRefusalsOfStart() {
        String s = session(opentok);
        assertThat(opentok.post("/archive", new JsonObject().put("sessionId", "1_nosuch"))
                        .toString())
                .startsWith("404")
                .contains("not found");
        assertThat(vonage.post("/archive", new JsonObject().put("sessionId", s)).toString())
                .as("another project's session")
                .startsWith("404");
        assertThat(opentok.post("/archive", new JsonObject().put("sessionId", s))
                        .toString())
                .as("nobody connected")
                .startsWith("404")
                .contains("no connected clients");
        String relayed = session(opentok, "p2p.preference=enabled");
        join(relayed, "bob");
        assertThat(opentok.post("/archive", new JsonObject().put("sessionId", relayed))
                        .toString())
                .startsWith("409")
                .contains("relayed");
        join(s, "alice");
        String first = start(opentok, new JsonObject().put("sessionId", s)).getString("id");
        assertThat(opentok.post("/archive", new JsonObject().put("sessionId", s))
                        .toString())
                .startsWith("409")
                .contains("already being archived")
                .contains(first);
        start(opentok, new JsonObject().put("sessionId", s).put("multiArchiveTag", "second"));
        assertThat(opentok.post("/archive", new JsonObject().put("sessionId", s).put("multiArchiveTag", "second"))
                        .toString())
                .startsWith("409")
                .contains("multiArchiveTag 'second'");
    }

    @Test
    void everyStartFieldOutOfRangeIs400NamingItAndCreatesNothing() {
        String s = session(opentok);
        join(s, "alice");
        List<Object[]> cases = List.of(
                new Object[] {new JsonObject(), "sessionId"},
                new Object[] {body(s).put("sessionId", 42), "sessionId"},
                new Object[] {body(s).put("hasAudio", "yes"), "hasAudio"},
                new Object[] {body(s).put("hasAudio", false).put("hasVideo", false), "hasAudio and hasVideo"},
                new Object[] {body(s).put("name", "n".repeat(81)), "name"},
                new Object[] {body(s).put("outputMode", "mixed"), "outputMode"},
                new Object[] {body(s).put("streamMode", "auto-ish"), "streamMode"},
                new Object[] {body(s).put("resolution", "800x600"), "resolution"},
                new Object[] {body(s).put("outputMode", "individual").put("resolution", "640x480"), "resolution"},
                new Object[] {
                    body(s).put("outputMode", "individual").put("layout", new JsonObject().put("type", "pip")), "layout"
                },
                new Object[] {body(s).put("layout", "pip"), "layout"},
                new Object[] {body(s).put("layout", new JsonObject()), "layout.type"},
                new Object[] {body(s).put("layout", new JsonObject().put("type", "grid")), "layout.type"},
                new Object[] {body(s).put("layout", new JsonObject().put("type", "custom")), "layout.stylesheet"},
                new Object[] {
                    body(s).put(
                                    "layout",
                                    new JsonObject()
                                            .put("type", "custom")
                                            .put("stylesheet", "archive stream { width: 50%; }")),
                    "layout.stylesheet rule 'archive stream'"
                },
                new Object[] {
                    body(s).put(
                                    "layout",
                                    new JsonObject()
                                            .put("type", "custom")
                                            .put("stylesheet", "stream.a { width: 50; }")),
                    "layout.stylesheet rule 'stream.a', property 'width'"
                },
                new Object[] {
                    body(s).put("layout", new JsonObject().put("type", "pip").put("stylesheet", "a{}")),
                    "layout.stylesheet"
                },
                new Object[] {
                    body(s).put("layout", new JsonObject().put("type", "pip").put("screenshareType", "bestFit")),
                    "layout.screenshareType"
                },
                new Object[] {
                    body(s).put(
                                    "layout",
                                    new JsonObject().put("type", "bestFit").put("screenshareType", "custom")),
                    "layout.screenshareType"
                },
                new Object[] {body(s).put("maxBitrate", 99_999), "maxBitrate"},
                new Object[] {body(s).put("maxBitrate", 6_000_001), "maxBitrate"},
                new Object[] {body(s).put("maxBitrate", 1.5e6 + 0.5), "maxBitrate"},
                new Object[] {body(s).put("quantizationParameter", 14), "quantizationParameter"},
                new Object[] {body(s).put("quantizationParameter", 41), "quantizationParameter"},
                new Object[] {
                    body(s).put("maxBitrate", 1_000_000).put("quantizationParameter", 20),
                    "maxBitrate and quantizationParameter"
                },
                new Object[] {body(s).put("outputMode", "individual").put("maxBitrate", 1_000_000), "maxBitrate"},
                new Object[] {body(s).put("multiArchiveTag", "t".repeat(81)), "multiArchiveTag"},
                new Object[] {body(s).put("hasTranscription", true), "hasTranscription"});
        for (Object[] c : cases) {
            VideoApiClient.Reply r = opentok.post("/archive", (JsonObject) c[0]);
            assertThat(r.status()).as(c[0] + " → " + r).isEqualTo(400);
            assertThat(r.json().getInteger("code")).isEqualTo(400);
            assertThat(r.json().getString("message")).as(c[0].toString()).contains((String) c[1]);
        }
        assertThat(opentok.call("POST", "/archive", "{not json").status()).isEqualTo(400);
        assertThat(opentok.call("POST", "/archive", "[1]").status()).isEqualTo(400);
        assertThat(opentok.get("/archive").json().getInteger("count"))
                .as("nothing half-created")
                .isZero();
        assertThat(server.store().archives().recordingOfSession(s)).isEmpty();
    }

    private static JsonObject body(String s) {
        return new JsonObject().put("sessionId", s);
    }

    @Test
    void listsNewestFirstWithPagingAndTheSessionFilter() {
        String s1 = session(opentok);
        String s2 = session(opentok);
        join(s1, "a");
        join(s2, "b");
        String a1 = start(opentok, body(s1)).getString("id");
        clock.advance(java.time.Duration.ofSeconds(1));
        String a2 = start(opentok, body(s2)).getString("id");
        clock.advance(java.time.Duration.ofSeconds(1));
        String a3 = start(opentok, body(s1).put("multiArchiveTag", "x")).getString("id");
        JsonObject all = opentok.get("/archive").json();
        assertThat(all.getInteger("count")).isEqualTo(3);
        assertThat(ids(all)).containsExactly(a3, a2, a1);
        JsonObject page = opentok.get("/archive?offset=1&count=1").json();
        assertThat(page.getInteger("count")).as("the total, not the page").isEqualTo(3);
        assertThat(ids(page)).containsExactly(a2);
        assertThat(ids(opentok.get("/archive?sessionId=" + s1).json())).containsExactly(a3, a1);
        assertThat(opentok.get("/archive?count=1001").toString())
                .startsWith("400")
                .contains("count");
        assertThat(opentok.get("/archive?offset=-1").toString())
                .startsWith("400")
                .contains("offset");
        assertThat(vonage.get("/archive").json().getInteger("count"))
                .as("another project's list")
                .isZero();
    }

    private static List<String> ids(JsonObject list) {
        JsonArray items = list.getJsonArray("items");
        return items.stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }

    @Test
    void stopAndDeleteFollowTheStatus() {
        String s = session(opentok);
        join(s, "alice");
        String id = start(opentok, body(s)).getString("id");
        assertThat(opentok.delete("/archive/" + id).toString())
                .as("deleting a recording archive")
                .startsWith("409");
        VideoApiClient.Reply stopped = opentok.post("/archive/" + id + "/stop", null);
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
        assertThat(stopped.json().getString("status")).isEqualTo("stopped");
        assertThat(stopped.json().getString("reason")).isEqualTo("user initiated");
        assertThat(opentok.post("/archive/" + id + "/stop", null).toString())
                .startsWith("409")
                .contains("not being recorded");
        assertThat(opentok.post("/archive/" + UUID_ZERO + "/stop", null).toString())
                .startsWith("404");
        assertThat(opentok.get("/archive/" + UUID_ZERO).toString()).startsWith("404");
        assertThat(opentok.get("/archive/not-a-uuid").toString()).startsWith("400");
        assertThat(vonage.get("/archive/" + id).toString())
                .as("another project's archive")
                .startsWith("404");
        JsonObject available = awaitStatus(opentok, id, "available");
        assertThat(available.getString("url"))
                .as("a signed link")
                .contains("/media/archives/" + API_KEY + "/" + id + "/archive.mp4")
                .contains("Signature=");
        assertThat(opentok.delete("/archive/" + id).status()).isEqualTo(204);
        assertThat(get(opentok, id).getString("status")).isEqualTo("deleted");
        assertThat(opentok.get("/archive").json().getInteger("count"))
                .as("deleted archives are not listed")
                .isZero();
        assertThat(opentok.delete("/archive/" + id).toString()).startsWith("409");
    }

    static final String UUID_ZERO = "00000000-0000-4000-8000-000000000000";

    @Test
    void theRoomRecordsExactlyTheTracksItsArchivesWant() {
        String s = session(opentok);
        ParticipantInfo alice = join(s, "alice");
        var mic = server.rooms().publish(alice.sid(), "microphone", TrackKind.AUDIO);
        var cam = server.rooms().publish(alice.sid(), "camera", TrackKind.VIDEO);
        server.awaitEvents();
        String room = room(s).sid();
        assertThat(rules(room)).as("nothing recorded before an archive").isEmpty();
        String id = start(opentok, body(s).put("hasVideo", false)).getString("id");
        assertThat(rules(room)).containsExactly(mic.sid());
        JsonObject a = get(opentok, id);
        assertThat(a.getJsonArray("streams")).hasSize(1);
        assertThat(a.getJsonArray("streams").getJsonObject(0).getBoolean("hasVideo"))
                .isFalse();
        opentok.post("/archive/" + id + "/stop", null);
        org.assertj.core.api.Assertions.assertThat(rules(room))
                .as("nothing once it stopped")
                .isEmpty();
        assertThat(cam).isNotNull();
    }

    private List<String> rules(String room) {
        try {
            return server.rooms().recordingRules(dev.quorum.api.testing.ApiServer.ACCOUNT, room).stream()
                    .map(RecordingRule::track)
                    .toList();
        } catch (dev.quorum.sfu.api.RoomException e) {
            throw new IllegalStateException(e);
        }
    }
}

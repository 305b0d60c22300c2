package dev.quorum.api.archives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiServer;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.storage.archive.ArchiveLayoutChange;
import dev.quorum.storage.archive.VideoConnection;
import dev.quorum.storage.composition.StreamClassChange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Streams: manual selection, layout changes, layout classes and the stream limits. */
@Tag("slow")
class ArchiveStreamsTest extends ArchiveTestBase {

    private List<String> rules(String session) throws Exception {
        return server.rooms().recordingRules(ApiServer.ACCOUNT, room(session).sid()).stream()
                .map(RecordingRule::track)
                .toList();
    }

    private JsonArray liveStreams(String session) {
        return opentok.get("/session/" + session + "/stream").json().getJsonArray("items");
    }

    private String publishCamera(String session, String identity) {
        ParticipantInfo p = join(session, identity);
        server.rooms().publish(p.sid(), "microphone", TrackKind.AUDIO);
        server.rooms().publish(p.sid(), "camera", TrackKind.VIDEO);
        server.awaitEvents();
        return p.sid();
    }

    @Test
    void aManualArchiveRecordsOnlyTheStreamsAddedWhileTheyAreIn() throws Exception {
        String s = session(opentok);
        publishCamera(s, "alice");
        String bobSid = publishCamera(s, "bob");
        JsonArray streams = liveStreams(s);
        assertThat(streams).hasSize(2);
        String alice = streams.getJsonObject(0).getString("id");
        String bob = streams.getJsonObject(1).getString("id");
        String id = start(opentok, new JsonObject().put("sessionId", s).put("streamMode", "manual"))
                .getString("id");
        assertThat(rules(s)).as("nothing before a stream is added").isEmpty();
        assertThat(opentok.call(
                                "PATCH",
                                "/archive/" + id + "/streams",
                                new JsonObject()
                                        .put("addStream", alice)
                                        .put("hasAudio", true)
                                        .put("hasVideo", false)
                                        .encode())
                        .status())
                .isEqualTo(204);
        JsonArray in = get(opentok, id).getJsonArray("streams");
        assertThat(in).hasSize(1);
        assertThat(in.getJsonObject(0))
                .isEqualTo(new JsonObject()
                        .put("streamId", alice)
                        .put("hasAudio", true)
                        .put("hasVideo", false));
        assertThat(rules(s)).hasSize(1);
        opentok.call(
                "PATCH",
                "/archive/" + id + "/streams",
                new JsonObject().put("addStream", bob).encode());
        assertThat(rules(s)).hasSize(3);
        assertThat(opentok.call(
                                "PATCH",
                                "/archive/" + id + "/streams",
                                new JsonObject().put("removeStream", alice).encode())
                        .status())
                .isEqualTo(204);
        assertThat(get(opentok, id).getJsonArray("streams"))
                .extracting(o -> ((JsonObject) o).getString("streamId"))
                .containsExactly(bob);
        server.rooms().leave(bobSid);
        server.awaitEvents();
        // With its last stream gone the archive pauses: that callback follows the removals.
        List<JsonCallbackReceiver.Received> got =
                callbacks.await(6, r -> id.equals(r.body().getString("id")));
        assertThat(got)
                .extracting(JsonCallbackReceiver.Received::status)
                .containsExactly("started", "streamAdded", "streamAdded", "streamRemoved", "streamRemoved", "paused");
        JsonObject added = got.get(1).body();
        assertThat(added.getJsonObject("stream").getString("id")).isEqualTo(alice);
        assertThat(added.getJsonObject("stream").getJsonObject("connection").getString("id"))
                .matches("[0-9a-f-]{36}");
        assertThat(added.getLong("timestamp")).isPositive();
        assertThat(got.get(4).body().getString("reason")).isEqualTo("clientDisconnected");
    }

    @Test
    void theRefusalsOfStreamChanges() {
        String s = session(opentok);
        publishCamera(s, "alice");
        String stream = liveStreams(s).getJsonObject(0).getString("id");
        String auto = start(opentok, new JsonObject().put("sessionId", s)).getString("id");
        assertThat(opentok.call(
                                "PATCH",
                                "/archive/" + auto + "/streams",
                                new JsonObject().put("addStream", stream).encode())
                        .toString())
                .startsWith("400")
                .contains("streamMode");
        String manual = start(
                        opentok,
                        new JsonObject()
                                .put("sessionId", s)
                                .put("streamMode", "manual")
                                .put("multiArchiveTag", "m"))
                .getString("id");
        assertThat(opentok.call(
                                "PATCH",
                                "/archive/" + manual + "/streams",
                                new JsonObject()
                                        .put("addStream", ArchivesApiTest.UUID_ZERO)
                                        .encode())
                        .toString())
                .startsWith("404");
        assertThat(opentok.call(
                                "PATCH",
                                "/archive/" + manual + "/streams",
                                new JsonObject().put("removeStream", stream).encode())
                        .toString())
                .as("not in the archive")
                .startsWith("404");
        assertThat(opentok.call("PATCH", "/archive/" + manual + "/streams", "{}")
                        .toString())
                .startsWith("400");
        assertThat(opentok.call(
                                "PATCH",
                                "/archive/" + manual + "/streams",
                                new JsonObject()
                                        .put("addStream", stream)
                                        .put("hasAudio", "yes")
                                        .encode())
                        .toString())
                .startsWith("400")
                .contains("hasAudio");
        assertThat(opentok.call(
                                "PATCH",
                                "/archive/" + ArchivesApiTest.UUID_ZERO + "/streams",
                                new JsonObject().put("addStream", stream).encode())
                        .toString())
                .startsWith("404");
    }

    @Test
    void theLayoutChangesWhileRecordingAndIsKeptAsATimeline() {
        String s = session(opentok);
        publishCamera(s, "alice");
        String id = start(opentok, new JsonObject().put("sessionId", s)).getString("id");
        assertThat(opentok.call(
                                "PUT",
                                "/archive/" + id + "/layout",
                                new JsonObject().put("type", "pip").encode())
                        .status())
                .isEqualTo(200);
        clock.advance(java.time.Duration.ofSeconds(3));
        VideoApiClient.Reply custom = opentok.call(
                "PUT",
                "/archive/" + id + "/layout",
                new JsonObject()
                        .put("type", "custom")
                        .put("stylesheet", "stream.instructor {position: absolute; width: 100%; height:50%;}")
                        .encode());
        assertThat(custom.status()).isEqualTo(200);
        assertThat(custom.body()).isEmpty();
        assertThat(get(opentok, id).getJsonObject("layout").getString("type")).isEqualTo("custom");
        List<ArchiveLayoutChange> timeline = server.store().archives().layouts(id);
        assertThat(timeline)
                .extracting(c -> new JsonObject(c.layout()).getString("type"))
                .containsExactly("bestFit", "pip", "custom");
        assertThat(timeline.get(2).at()).isAfter(timeline.get(1).at());
        assertThat(opentok.call(
                                "PUT",
                                "/archive/" + id + "/layout",
                                new JsonObject().put("type", "mosaic").encode())
                        .toString())
                .startsWith("400")
                .contains("type");
        assertThat(opentok.call(
                                "PUT",
                                "/archive/" + id + "/layout",
                                new JsonObject().put("type", "custom").encode())
                        .toString())
                .startsWith("400")
                .contains("stylesheet");
        // The composer's CSS subset, checked before anything is stored: the message names the rule.
        VideoApiClient.Reply child = opentok.call(
                "PUT",
                "/archive/" + id + "/layout",
                new JsonObject()
                        .put("type", "custom")
                        .put("stylesheet", "stream.a { width: 50%; } stream > .b { width: 10%; }")
                        .encode());
        assertThat(child.status()).isEqualTo(400);
        assertThat(child.json().getString("message"))
                .startsWith("stylesheet rule 'stream > .b'")
                .contains("the child combinator '>' is not supported");
        assertThat(opentok.call(
                                "PUT",
                                "/archive/" + id + "/layout",
                                new JsonObject()
                                        .put("type", "custom")
                                        .put("stylesheet", "stream.main { border: 1px; }")
                                        .encode())
                        .json()
                        .getString("message"))
                .contains("rule 'stream.main', property 'border'");
        assertThat(server.store().archives().layouts(id))
                .as("refused changes leave no trace")
                .hasSize(3);
        assertThat(get(opentok, id).getJsonObject("layout").getString("type")).isEqualTo("custom");
        String individual = start(
                        opentok,
                        new JsonObject()
                                .put("sessionId", s)
                                .put("outputMode", "individual")
                                .put("multiArchiveTag", "i"))
                .getString("id");
        assertThat(opentok.call(
                                "PUT",
                                "/archive/" + individual + "/layout",
                                new JsonObject().put("type", "pip").encode())
                        .toString())
                .startsWith("400")
                .contains("individual");
        opentok.post("/archive/" + id + "/stop", null);
        assertThat(opentok.call(
                                "PUT",
                                "/archive/" + id + "/layout",
                                new JsonObject().put("type", "pip").encode())
                        .toString())
                .startsWith("409");
    }

    @Test
    void streamsCarryTheirConnectionsClassesAndCanBeGivenOthers() {
        String s = session(opentok);
        ParticipantInfo p = server.rooms().join(room(s).sid(), "7d2c1e0a-1111-4222-8333-444455556666");
        server.store()
                .sessions()
                .connected(new VideoConnection(
                        p.identity(), s, p.roomSid(), p.sid(), "publisher", "ann", List.of("focus"), clock.instant()));
        server.rooms().publish(p.sid(), "camera", TrackKind.VIDEO);
        server.rooms().publish(p.sid(), "screen", TrackKind.VIDEO);
        server.awaitEvents();
        JsonArray streams = liveStreams(s);
        assertThat(streams).hasSize(2);
        JsonObject camera = streams.getJsonObject(0);
        assertThat(camera.getString("videoType")).isEqualTo("camera");
        assertThat(camera.getJsonArray("layoutClassList")).containsExactly("focus");
        assertThat(streams.getJsonObject(1).getString("videoType")).isEqualTo("screen");
        String id = camera.getString("id");
        assertThat(opentok.get("/session/" + s + "/stream/" + id).json()).isEqualTo(camera);
        VideoApiClient.Reply put = opentok.call(
                "PUT",
                "/session/" + s + "/stream",
                new JsonObject()
                        .put(
                                "items",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("id", id)
                                                .put("layoutClassList", new JsonArray().add("full"))))
                        .encode());
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(opentok.get("/session/" + s + "/stream/" + id).json().getJsonArray("layoutClassList"))
                .containsExactly("full");
        // The room's history of classes, which composed layouts draw by: the token's from the
        // camera's publication, then the change from the moment it was made.
        String camTrack = server.store().sessions().stream(id).orElseThrow().videoTrackSid();
        assertThat(server.store().streamClasses().ofRoom(p.roomSid()))
                .filteredOn(c -> c.streamSid().equals(camTrack))
                .extracting(StreamClassChange::classes)
                .containsExactly(List.of("focus"), List.of("full"));
        assertThat(opentok.call(
                                "PUT",
                                "/session/" + s + "/stream",
                                new JsonObject()
                                        .put(
                                                "items",
                                                new JsonArray()
                                                        .add(new JsonObject()
                                                                .put("id", id)
                                                                .put("layoutClassList", "full")))
                                        .encode())
                        .toString())
                .startsWith("400")
                .contains("layoutClassList");
        assertThat(opentok.get("/session/" + s + "/stream/" + ArchivesApiTest.UUID_ZERO)
                        .toString())
                .startsWith("404");
        assertThat(vonage.get("/session/" + s + "/stream").toString())
                .as("another project's session")
                .startsWith("404");
    }

    @Test
    void aComposedArchiveTakesSixteenVideosScreenSharesFirstAndAllAudio() {
        String s = session(opentok);
        List<String> participants = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            participants.add(publishCamera(s, "p" + i));
        }
        TrackInfo screen = server.rooms().publish(participants.get(16), "screen", TrackKind.VIDEO);
        server.awaitEvents();
        JsonObject composed = start(opentok, new JsonObject().put("sessionId", s));
        JsonArray in = composed.getJsonArray("streams");
        assertThat(in).hasSize(18);
        assertThat(in.stream()
                        .filter(o -> ((JsonObject) o).getBoolean("hasVideo"))
                        .count())
                .isEqualTo(16);
        assertThat(in.stream()
                        .filter(o -> ((JsonObject) o).getBoolean("hasAudio"))
                        .count())
                .isEqualTo(17);
        String screenStream = liveStreams(s).stream()
                .map(o -> (JsonObject) o)
                .filter(o -> o.getString("videoType").equals("screen"))
                .findFirst()
                .orElseThrow()
                .getString("id");
        assertThat(in.stream()
                        .map(o -> (JsonObject) o)
                        .filter(o -> o.getString("streamId").equals(screenStream))
                        .findFirst()
                        .orElseThrow()
                        .getBoolean("hasVideo"))
                .as("the screen share outranks cameras")
                .isTrue();
        JsonObject individual = start(
                opentok,
                new JsonObject()
                        .put("sessionId", s)
                        .put("outputMode", "individual")
                        .put("multiArchiveTag", "all"));
        assertThat(individual.getJsonArray("streams").stream()
                        .filter(o -> ((JsonObject) o).getBoolean("hasVideo"))
                        .count())
                .isEqualTo(18);
        assertThat(screen).isNotNull();
    }
}

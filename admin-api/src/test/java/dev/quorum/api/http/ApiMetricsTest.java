package dev.quorum.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiTestBase;
import dev.quorum.api.testing.Await;
import dev.quorum.api.testing.FakeRecorder;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackKind;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class ApiMetricsTest extends ApiTestBase {

    private long count(String route, String method, String status) {
        Timer t = server.metrics()
                .find("quorum.api.requests")
                .tags("route", route, "method", method, "status", status)
                .timer();
        return t == null ? 0 : t.count();
    }

    @Test
    void requestsAreCountedByRouteTemplateMethodAndStatus() {
        String rm = api.post("/v1/Rooms", "UniqueName", "m").json().getString("sid");
        api.get("/v1/Rooms/" + rm);
        api.get("/v1/Rooms/" + rm);
        api.get("/v1/Rooms/RM" + "0".repeat(32));
        server.client(null, null).get("/v1/Rooms");
        api.delete("/v1/Rooms/" + rm);
        api.get("/v1/Nothing");
        Await.until("end handlers ran", () -> count("/v1/Rooms/:Sid", "GET", "404") == 1);
        assertThat(count("/v1/Rooms", "POST", "201")).isEqualTo(1);
        assertThat(count("/v1/Rooms/:Sid", "GET", "200")).isEqualTo(2);
        assertThat(count("/v1/Rooms", "GET", "401")).isEqualTo(1);
        assertThat(count("/v1/Rooms/:Sid", "DELETE", "405")).isEqualTo(1);
        assertThat(count("/v1/*", "GET", "404")).isEqualTo(1);
    }

    @Test
    void madeUpMethodsAndPathsDoNotGrowTheSeries() {
        api.get("/v1/Rooms");
        Await.until("the first request is counted", () -> count("/v1/Rooms", "GET", "200") == 1);
        int before = server.metrics().find("quorum.api.requests").timers().size();
        for (int i = 0; i < 50; i++) {
            server.client(null, null).method("M" + i, "/v1/Rooms");
            server.client(null, null).method("X" + i, "/media/key" + i);
            server.client(null, null).get("/v1/Rooms/RM" + i + "/Nothing" + i);
        }
        Await.until(
                "end handlers ran",
                () -> count("/v1/*", "GET", "404") == 50
                        && count("/v1/Rooms", "other", "405") == 50
                        && count("/media/*", "other", "405") == 50);
        assertThat(server.metrics().find("quorum.api.requests").timers().size()).isEqualTo(before + 3);
    }

    @Test
    void queueDepthsAreSampledForTheGauges() {
        String rm = api.post("/v1/Rooms", "UniqueName", "q").json().getString("sid");
        ParticipantInfo p = server.rooms().join(rm, "alice");
        new FakeRecorder(server).record(p, server.rooms().publish(p.sid(), "mic", TrackKind.AUDIO), new byte[1], 1000);
        server.awaitEvents();
        api.post("/v1/Compositions", "RoomSid", rm, "AudioSources", "*");
        api.post("/v1/Compositions", "RoomSid", rm, "AudioSources", "*");
        Await.until(
                "the composition gauge shows the queue",
                () -> server.metrics()
                                .get("quorum.compositions.enqueued")
                                .gauge()
                                .value()
                        == 2.0);
        assertThat(server.metrics().get("quorum.callbacks.pending").gauge().value())
                .isZero();
    }
}

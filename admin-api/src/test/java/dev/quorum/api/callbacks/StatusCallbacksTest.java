package dev.quorum.api.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.Await;
import dev.quorum.api.testing.CallbackReceiver;
import dev.quorum.api.testing.CallbackReceiver.Received;
import dev.quorum.api.testing.FakeRecorder;
import dev.quorum.api.testing.TestClient;
import dev.quorum.rtp.testing.MutableClock;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.CompositionEvent;
import dev.quorum.storage.callback.Delivery;
import dev.quorum.storage.callback.DeliveryFilter;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.composition.CompositionHook;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Status callbacks end to end: events from the room engine, recorder and composer arrive at a
 * real HTTP receiver, signed so that the SDK's own validator accepts them, in order per resource,
 * and survive a receiver that is down. Retry timing runs on an injected clock: the test moves it
 * past each backoff instead of waiting.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
@Tag("slow")
class StatusCallbacksTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final CallbackPolicy POLICY = new CallbackPolicy(
            Duration.ofSeconds(2),
            Duration.ofSeconds(10),
            Duration.ofMinutes(5),
            0.2,
            Duration.ofHours(24),
            Duration.ofMillis(20),
            8);

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final RequestValidator validator = new RequestValidator(ApiServer.TOKEN);
    private ApiServer server;
    private TestClient api;
    private CallbackReceiver receiver;

    @BeforeEach
    void start() {
        server = new ApiServer(database, dir, clock, POLICY);
        api = server.client();
        receiver = CallbackReceiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
        server.close();
    }

    private String room(String name, String callback, String method) {
        TestClient.Reply r =
                api.post("/v1/Rooms", "UniqueName", name, "StatusCallback", callback, "StatusCallbackMethod", method);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().getString("sid");
    }

    private void assertSigned(Received r) {
        boolean valid = r.method().equals("GET")
                ? validator.validate(r.url(), java.util.Map.of(), r.signature())
                : validator.validate(r.url(), r.params(), r.signature());
        assertThat(valid).as("signature of " + r).isTrue();
    }

    private List<Delivery> log(String resourceSid) {
        return server.store()
                .callbacks()
                .list(ApiServer.ACCOUNT, new DeliveryFilter(resourceSid, null, null), null, 100)
                .items();
    }

    @Test
    void roomParticipantAndTrackEventsArriveSignedInOrder() {
        String url = receiver.url("/room?x=1");
        String rm = room("daily", url, "POST");
        ParticipantInfo alice = server.rooms().join(rm, "alice");
        TrackInfo mic = server.rooms().publish(alice.sid(), "mic", TrackKind.AUDIO);
        clock.advance(Duration.ofSeconds(42));
        server.rooms().leave(alice.sid());
        api.post("/v1/Rooms/" + rm, "Status", "completed");

        List<Received> got = receiver.await(6, r -> true, WAIT);
        assertThat(got)
                .extracting(Received::event)
                .containsExactly(
                        "room-created",
                        "participant-connected",
                        "track-added",
                        "track-removed",
                        "participant-disconnected",
                        "room-ended");
        for (int i = 0; i < got.size(); i++) {
            Received r = got.get(i);
            assertSigned(r);
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.url()).isEqualTo(url);
            assertThat(r.idempotencyToken()).isNotBlank();
            assertThat(r.params())
                    .containsEntry("AccountSid", ApiServer.ACCOUNT)
                    .containsEntry("RoomSid", rm)
                    .containsEntry("RoomName", "daily")
                    .containsEntry("RoomType", "group")
                    .containsEntry("SequenceNumber", Integer.toString(i))
                    .containsKeys("RoomStatus", "Timestamp");
            assertThat(Instant.parse(r.params().get("Timestamp"))).isNotNull();
        }
        assertThat(got.get(0).params())
                .containsEntry("RoomStatus", "in-progress")
                .doesNotContainKey("ParticipantSid");
        assertThat(got.get(1).params())
                .containsEntry("ParticipantSid", alice.sid())
                .containsEntry("ParticipantIdentity", "alice")
                .containsEntry("ParticipantStatus", "connected")
                .doesNotContainKey("ParticipantDuration");
        assertThat(got.get(2).params())
                .containsEntry("TrackSid", mic.sid())
                .containsEntry("TrackKind", "audio")
                .containsEntry("TrackName", "mic");
        assertThat(got.get(4).params())
                .containsEntry("ParticipantStatus", "disconnected")
                .containsEntry("ParticipantDuration", "42");
        assertThat(got.get(5).params()).containsEntry("RoomStatus", "completed").containsEntry("RoomDuration", "42");
        assertThat(got.stream().map(Received::idempotencyToken).distinct()).hasSize(6);
    }

    @Test
    void getCallbacksCarryTheParametersInTheQuery() {
        String rm = room("get", receiver.url("/cb?token=abc"), "GET");
        Received r = receiver.await(1, x -> true, WAIT).get(0);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.url()).startsWith(receiver.url("/cb?token=abc&"));
        assertThat(r.params())
                .containsEntry("token", "abc")
                .containsEntry("RoomSid", rm)
                .containsEntry("StatusCallbackEvent", "room-created");
        assertSigned(r);
    }

    @Test
    void recordingAndCompositionEventsNameTheirResources() {
        String rm = room("rec", receiver.url("/room"), "POST");
        ParticipantInfo alice = server.rooms().join(rm, "alice");
        TrackInfo cam = server.rooms().publish(alice.sid(), "cam", TrackKind.VIDEO);
        Recording rec = new FakeRecorder(server).record(alice, cam, new byte[321], 2500);
        List<Received> recording = receiver.await(2, r -> r.event().startsWith("recording-"), WAIT);
        assertThat(recording).extracting(Received::event).containsExactly("recording-started", "recording-completed");
        recording.forEach(this::assertSigned);
        assertThat(recording.get(0).params())
                .containsEntry("RecordingSid", rec.sid())
                .containsEntry("SourceSid", cam.sid())
                .containsEntry("ParticipantSid", alice.sid())
                .containsEntry("ParticipantIdentity", "alice")
                .containsEntry("TrackName", "cam")
                .containsEntry("Container", "mkv")
                .containsEntry("Codec", "VP8")
                .containsEntry("Type", "video")
                .containsEntry("OffsetFromTwilioVideoEpoch", "1500")
                .containsEntry("RecordingUri", "/v1/Recordings/" + rec.sid())
                .doesNotContainKey("MediaUri");
        assertThat(recording.get(1).params())
                .containsEntry("MediaUri", "/v1/Recordings/" + rec.sid() + "/Media")
                .containsEntry("Duration", "3")
                .containsEntry("Size", "321");

        CallbackReceiver compositions = CallbackReceiver.start();
        try {
            api.post("/v1/Rooms/" + rm, "Status", "completed");
            String cj = api.post(
                            "/v1/Compositions",
                            "RoomSid",
                            rm,
                            "VideoLayout",
                            "{\"g\":{\"video_sources\":[\"*\"]}}",
                            "StatusCallback",
                            compositions.url("/c"))
                    .json()
                    .getString("sid");
            Composition job = server.store().compositions().claimNext("w").orElseThrow();
            assertThat(job.sid()).isEqualTo(cj);
            publish(CompositionEvent.STARTED, rm, cj, null, -1, -1, null);
            server.store().compositions().progress(cj, "w", 50);
            publish(CompositionEvent.PROGRESS, rm, cj, null, 50, 12, null);
            server.store().compositions().complete(cj, "w", 30_000, 4096, 700, "compositions/x/" + cj + ".webm");
            publish(CompositionEvent.AVAILABLE, rm, cj, null, -1, -1, null);

            List<Received> c = compositions.await(3, r -> true, WAIT);
            assertThat(c)
                    .extracting(Received::event)
                    .containsExactly("composition-started", "composition-progress", "composition-available");
            c.forEach(this::assertSigned);
            assertThat(c.get(0).params())
                    .containsEntry("CompositionSid", cj)
                    .containsEntry("RoomSid", rm)
                    .containsEntry("CompositionUri", "/v1/Compositions/" + cj)
                    .doesNotContainKey("HookSid");
            assertThat(c.get(1).params()).containsEntry("PercentageDone", "50").containsEntry("SecondsRemaining", "12");
            assertThat(c.get(2).params())
                    .containsEntry("MediaUri", "/v1/Compositions/" + cj + "/Media")
                    .containsEntry("Duration", "30")
                    .containsEntry("Size", "4096");

            String hk = api.post(
                            "/v1/CompositionHooks",
                            "FriendlyName",
                            "every room",
                            "AudioSources",
                            "*",
                            "StatusCallback",
                            compositions.url("/hook"))
                    .json()
                    .getString("sid");
            CompositionHook hook =
                    server.store().hooks().find(ApiServer.ACCOUNT, hk).orElseThrow();
            Composition fromHook = server.store()
                    .compositions()
                    .create(
                            Sid.generate(Sid.COMPOSITION),
                            ApiServer.ACCOUNT,
                            rm,
                            hk,
                            new dev.quorum.storage.composition.CompositionSpec(
                                    hook.spec().videoLayoutJson(),
                                    hook.spec().audioSources(),
                                    List.of(),
                                    "640x480",
                                    "webm",
                                    true,
                                    null,
                                    "POST"));
            publish(CompositionEvent.ENQUEUED, rm, fromHook.sid(), hk, -1, -1, null);
            publish(CompositionEvent.HOOK_FAILED, rm, null, hk, -1, -1, "no audio in the room");
            List<Received> h = compositions.await(2, r -> r.url().endsWith("/hook"), WAIT);
            assertThat(h.get(0).params())
                    .containsEntry("StatusCallbackEvent", "composition-enqueued")
                    .containsEntry("HookSid", hk)
                    .containsEntry("HookFriendlyName", "every room")
                    .containsEntry("HookUri", "/v1/CompositionHooks/" + hk)
                    .containsEntry("CompositionSid", fromHook.sid());
            assertThat(h.get(1).params())
                    .containsEntry("StatusCallbackEvent", "composition-hook-failed")
                    .containsEntry("ErrorMessage", "no audio in the room")
                    .doesNotContainKey("CompositionSid");
            h.forEach(this::assertSigned);
        } finally {
            compositions.close();
        }
    }

    private void publish(String name, String rm, String cj, String hk, int pct, long left, String error) {
        server.events()
                .publish(new CompositionEvent(
                        name,
                        ApiServer.ACCOUNT,
                        rm,
                        cj,
                        hk,
                        pct,
                        left,
                        error == null ? null : "Composition",
                        error,
                        clock.instant()));
    }

    @Test
    void aCleanStopRecordsTheAttemptInFlightSoTheNextStartDoesNotSendItAgain() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch arrived = new CountDownLatch(1);
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.setExecutor(Executors.newCachedThreadPool());
        slow.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            arrived.countDown();
            try {
                Thread.sleep(500); // still answering when the server is told to stop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        slow.start();
        try {
            String rm = room("closing", "http://127.0.0.1:" + slow.getAddress().getPort() + "/cb", "POST");
            assertThat(arrived.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the callback is being sent")
                    .isTrue();

            server.restart();
            assertThat(log(rm)).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(Delivery.DELIVERED);
                assertThat(d.attempts()).isEqualTo(1);
            });
            clock.advance(Duration.ofMinutes(5)); // past any lease the attempt could have left behind
            server.awaitEvents();
            Thread.sleep(300);
            assertThat(requests.get()).as("requests the receiver got").isEqualTo(1);
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void aReceiverThatIsDownGetsEverythingInOrderOnceBackWithoutHoldingUpOthers() {
        CallbackReceiver down = CallbackReceiver.down();
        try {
            String slow = room("slow", down.url("/down"), "POST");
            String fast = room("fast", receiver.url("/up"), "POST");
            for (int i = 0; i < 3; i++) {
                server.rooms().join(slow, "s" + i);
                server.rooms().join(fast, "f" + i);
            }
            assertThat(receiver.await(4, r -> true, WAIT))
                    .extracting(r -> r.params().get("SequenceNumber"))
                    .containsExactly("0", "1", "2", "3");

            Await.until(
                    "the first attempt to the dead receiver failed",
                    () -> log(slow).stream().anyMatch(d -> d.sequenceNumber() == 0 && d.attempts() == 1));
            Delivery head = log(slow).stream()
                    .filter(d -> d.sequenceNumber() == 0)
                    .findFirst()
                    .orElseThrow();
            assertThat(head.status()).isEqualTo(Delivery.PENDING);
            assertThat(head.lastStatusCode()).isNull();
            assertThat(head.lastError()).isNotBlank();
            Duration firstWait = Duration.between(head.lastAttemptAt(), head.nextAttemptAt());
            assertThat(firstWait).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12));
            assertThat(log(slow)).filteredOn(d -> d.sequenceNumber() > 0).allMatch(d -> d.attempts() == 0);

            clock.advance(firstWait);
            Await.until("the second attempt failed", () -> log(slow).stream().anyMatch(d -> d.attempts() == 2));
            head = log(slow).stream()
                    .filter(d -> d.sequenceNumber() == 0)
                    .findFirst()
                    .orElseThrow();
            assertThat(Duration.between(head.lastAttemptAt(), head.nextAttemptAt()))
                    .as("backoff doubles")
                    .isBetween(Duration.ofSeconds(20), Duration.ofSeconds(24));

            JsonArray shown = api.get("/v1/StatusCallbacks?ResourceSid=" + slow + "&Status=pending")
                    .json()
                    .getJsonArray("status_callbacks");
            assertThat(shown).hasSize(4);
            JsonObject oldest = shown.getJsonObject(3);
            assertThat(oldest.getInteger("attempts")).isEqualTo(2);
            assertThat(oldest.getString("last_error")).isNotBlank();
            assertThat(oldest.getString("callback_url")).isEqualTo(down.url("/down"));
            assertThat(oldest.getJsonObject("parameters").getString("StatusCallbackEvent"))
                    .isEqualTo("room-created");

            down.listen();
            clock.advance(Duration.ofMinutes(5));
            List<Received> got = down.await(4, r -> true, WAIT);
            assertThat(got)
                    .extracting(Received::event)
                    .containsExactly(
                            "room-created", "participant-connected", "participant-connected", "participant-connected");
            assertThat(got)
                    .extracting(r -> r.params().get("ParticipantIdentity"))
                    .containsExactly(null, "s0", "s1", "s2");
            assertThat(got).extracting(r -> r.params().get("SequenceNumber")).containsExactly("0", "1", "2", "3");
            got.forEach(this::assertSigned);
            Await.until(
                    "the log shows all delivered",
                    () -> log(slow).stream().allMatch(d -> d.status().equals(Delivery.DELIVERED)));
            assertThat(server.metrics()
                            .get("quorum.callbacks.attempts")
                            .tag("outcome", "retried")
                            .counter()
                            .count())
                    .isGreaterThanOrEqualTo(2);
            assertThat(server.metrics()
                            .get("quorum.callbacks.attempts")
                            .tag("outcome", "delivered")
                            .counter()
                            .count())
                    .isGreaterThanOrEqualTo(8);
        } finally {
            down.close();
        }
    }

    @Test
    void failingAnswersAreRetriedAndLoggedAndGivenUpAfterADay() {
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(() -> calls.incrementAndGet() <= 2 ? 500 : 204);
        String rm = room("flaky", receiver.url("/flaky"), "POST");
        Await.until(
                "first failure logged",
                () -> !log(rm).isEmpty() && log(rm).get(0).attempts() == 1);
        clock.advance(Duration.ofSeconds(12));
        Await.until("second failure logged", () -> log(rm).get(0).attempts() == 2);
        clock.advance(Duration.ofSeconds(24));
        Await.until(
                "delivered on the third attempt", () -> log(rm).get(0).status().equals(Delivery.DELIVERED));
        Delivery d = log(rm).get(0);
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(d.lastStatusCode()).isEqualTo(204);
        JsonObject shown = api.get("/v1/StatusCallbacks/" + d.id()).json();
        assertThat(shown.getString("status")).isEqualTo("delivered");
        assertThat(shown.getInteger("attempts")).isEqualTo(3);
        assertThat(shown.getString("date_finished")).isNotNull();
        assertThat(shown.getValue("next_attempt_at")).isNull();
        assertThat(receiver.received())
                .hasSize(3)
                .extracting(Received::idempotencyToken)
                .containsOnly(d.accountSid() + "-" + d.id());

        // Only alice's callback keeps failing; the day-long clock jump ages bob's too, but his receiver answers.
        receiver.answer(p -> "alice".equals(p.get("ParticipantIdentity")) ? 503 : 200);
        server.rooms().join(rm, "alice");
        server.rooms().join(rm, "bob");
        Await.until(
                "participant-connected failed once",
                () -> log(rm).stream().anyMatch(x -> x.sequenceNumber() == 1 && x.attempts() == 1));
        assertThat(log(rm)).filteredOn(x -> x.sequenceNumber() == 2).allMatch(x -> x.attempts() == 0);
        clock.advance(Duration.ofHours(25));
        Await.until(
                "given up",
                () -> log(rm).stream()
                        .anyMatch(x -> x.sequenceNumber() == 1 && x.status().equals(Delivery.FAILED)));
        Delivery failed = log(rm).stream()
                .filter(x -> x.sequenceNumber() == 1)
                .findFirst()
                .orElseThrow();
        assertThat(failed.lastStatusCode()).isEqualTo(503);
        assertThat(failed.lastError()).isEqualTo("HTTP 503");
        assertThat(failed.attempts()).isEqualTo(2);
        Await.until(
                "the next callback goes out after the given-up one",
                () -> log(rm).stream()
                        .anyMatch(x -> x.sequenceNumber() == 2 && x.status().equals(Delivery.DELIVERED)));
        assertThat(api.get("/v1/StatusCallbacks?Status=failed").json().getJsonArray("status_callbacks"))
                .hasSize(1);
        assertThat(server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN)
                        .get("/v1/StatusCallbacks")
                        .json()
                        .getJsonArray("status_callbacks"))
                .isEmpty();
        assertThat(server.client(ApiServer.OTHER, ApiServer.OTHER_TOKEN)
                        .get("/v1/StatusCallbacks/" + d.id())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void roomsWithoutACallbackUseTheAccountsRoomCallback() {
        server.setAccountRoomCallback(receiver.url("/account-default"));
        String rm = api.post("/v1/Rooms", "UniqueName", "adhoc").json().getString("sid");
        Received r = receiver.await(1, x -> true, WAIT).get(0);
        assertThat(r.url()).isEqualTo(receiver.url("/account-default"));
        assertThat(r.params()).containsEntry("RoomSid", rm);
        assertSigned(r);
    }
}

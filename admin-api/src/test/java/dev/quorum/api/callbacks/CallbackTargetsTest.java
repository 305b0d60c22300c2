package dev.quorum.api.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.Await;
import dev.quorum.api.testing.CallbackReceiver;
import dev.quorum.api.testing.CallbackReceiver.Received;
import dev.quorum.api.testing.TestClient;
import dev.quorum.storage.callback.Delivery;
import dev.quorum.storage.callback.DeliveryFilter;
import dev.quorum.storage.callback.NewDelivery;
import dev.quorum.storage.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Callback URLs are checked in full where they come in, a callback that cannot be sent never
 * blocks other accounts' callbacks, and outside development mode callbacks do not reach the
 * server's own network unless the operator allows it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
@Tag("slow")
class CallbackTargetsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> BAD_URLS = List.of(
            "http://127.0.0.1:99999/cb",
            "http://example.com:0/cb",
            "https://user:secret@example.com/cb",
            "http:///cb",
            "ftp://example.com/cb",
            "mailto:ops@example.com",
            "http://exa mple.com/",
            "https://example.com/" + "a".repeat(2100));

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private ApiServer server;
    private CallbackReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = CallbackReceiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
        if (server != null) {
            server.close();
        }
    }

    private ApiServer start(CallbackTargets targets) {
        server = new ApiServer(database, dir, Clock.systemUTC(), ApiServer.FAST_CALLBACKS, targets);
        return server;
    }

    private static void assertRefused(TestClient.Reply r, int code, String parameter) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        JsonObject e = r.json();
        assertThat(e.getInteger("code")).as(r.toString()).isEqualTo(code);
        assertThat(e.getString("message")).as(r.toString()).startsWith(parameter + " must ");
    }

    @Test
    void everyParameterTakingACallbackUrlRefusesOneTheServerCouldNotSendTo() {
        TestClient api = start(CallbackTargets.ANY).client();
        for (String url : BAD_URLS) {
            assertRefused(api.post("/v1/Rooms", "StatusCallback", url), 53111, "StatusCallback");
            assertRefused(
                    api.post(
                            "/v1/Compositions",
                            "RoomSid",
                            "RM" + "0".repeat(32),
                            "AudioSources",
                            "*",
                            "StatusCallback",
                            url),
                    20001,
                    "StatusCallback");
            assertRefused(
                    api.post("/v1/CompositionHooks", "FriendlyName", "h", "AudioSources", "*", "StatusCallback", url),
                    20001,
                    "StatusCallback");
        }
        assertThat(api.get("/v1/Rooms").json().getJsonArray("rooms")).isEmpty();
        assertThat(api.post("/v1/Rooms", "StatusCallback", "https://example.com:8443/cb?a=1#f")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void callbacksThatCannotBeSentAreGivenUpWithoutHoldingUpOthers() {
        start(CallbackTargets.ANY);
        // Stored by an older version that checked less: more of them than callbacks can be in flight.
        int stuck = ApiServer.FAST_CALLBACKS.concurrency() + 1;
        for (int i = 0; i < stuck; i++) {
            server.store()
                    .callbacks()
                    .enqueue(new NewDelivery(
                            ApiServer.OTHER,
                            "RM" + i,
                            "RM" + i,
                            "RM" + i,
                            "room-created",
                            "http://127.0.0.1:99999/cb",
                            "POST",
                            Map.of("RoomSid", "RM" + i)));
        }
        Await.until(
                "the dispatcher took as many as it sends at once",
                () -> server
                                .store()
                                .callbacks()
                                .list(ApiServer.OTHER, new DeliveryFilter(null, null, null), null, 100)
                                .items()
                                .stream()
                                .filter(d -> d.leasedBy() != null || d.status().equals(Delivery.FAILED))
                                .count()
                        >= ApiServer.FAST_CALLBACKS.concurrency());
        server.client().post("/v1/Rooms", "UniqueName", "fine", "StatusCallback", receiver.url("/cb"));
        List<Received> got = receiver.await(1, r -> true, WAIT);
        assertThat(got.get(0).event()).isEqualTo("room-created");
        Await.until(
                "the unsendable callbacks are given up",
                () -> failed(ApiServer.OTHER).size() == stuck);
        assertThat(failed(ApiServer.OTHER)).allSatisfy(d -> {
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).startsWith("Invalid callback URL: it must be an http or https URL with");
        });
    }

    @Test
    void outsideDevelopmentModeInternalAddressesAreRefusedUnlessAllowed() {
        TestClient api = start(CallbackTargets.publicOnly(List.of())).client();
        for (String url : List.of(
                receiver.url("/cb"),
                "http://localhost:8080/cb",
                "http://[::1]/cb",
                "http://10.1.2.3/cb",
                "http://169.254.169.254/latest/meta-data",
                "http://[fd00::1]/cb")) {
            TestClient.Reply r = api.post("/v1/Rooms", "StatusCallback", url);
            assertRefused(r, 53111, "StatusCallback");
            assertThat(r.json().getString("message")).contains("callbacks.allowed-networks");
            assertRefused(
                    api.post("/v1/CompositionHooks", "FriendlyName", "h", "AudioSources", "*", "StatusCallback", url),
                    20001,
                    "StatusCallback");
        }
        // A host name is checked on the addresses it resolves to when the callback is sent.
        server.store()
                .callbacks()
                .enqueue(new NewDelivery(
                        ApiServer.ACCOUNT,
                        "RMx",
                        "RMx",
                        "RMx",
                        "room-created",
                        receiver.url("/cb").replace("127.0.0.1", "localhost"),
                        "POST",
                        Map.of("RoomSid", "RMx")));
        Await.until(
                "the callback to a loopback name is refused",
                () -> failed(ApiServer.ACCOUNT).size() == 1);
        assertThat(failed(ApiServer.ACCOUNT).get(0).lastError())
                .startsWith("Refused: the callback URL must point to a public")
                .contains("127.0.0.1");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void theOperatorCanAllowANetwork() {
        TestClient api = start(CallbackTargets.publicOnly(List.of("127.0.0.0/8", "hooks.internal")))
                .client();
        assertThat(api.post("/v1/Rooms", "UniqueName", "a", "StatusCallback", receiver.url("/cb"))
                        .status())
                .isEqualTo(201);
        server.store()
                .callbacks()
                .enqueue(new NewDelivery(
                        ApiServer.ACCOUNT,
                        "RMy",
                        "RMy",
                        "RMy",
                        "room-created",
                        receiver.url("/by-name").replace("127.0.0.1", "localhost"),
                        "POST",
                        Map.of("RoomSid", "RMy")));
        List<Received> got = receiver.await(2, r -> true, WAIT);
        assertThat(got).extracting(Received::url).contains(receiver.url("/cb"), receiver.url("/by-name"));
        assertRefused(api.post("/v1/Rooms", "StatusCallback", "http://10.0.0.1/cb"), 53111, "StatusCallback");
    }

    private List<Delivery> failed(String account) {
        return server.store()
                .callbacks()
                .list(account, new DeliveryFilter(null, Delivery.FAILED, null), null, 100)
                .items();
    }
}

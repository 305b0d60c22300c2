package dev.quorum.storage.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.testing.StoreTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class CallbackStoreTest extends StoreTestBase {

    static final String AC = "AC" + "1".repeat(32);
    static final String RM1 = "RM" + "1".repeat(32);
    static final String RM2 = "RM" + "2".repeat(32);

    private Delivery enqueue(String room, String event) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("RoomSid", room);
        params.put("StatusCallbackEvent", event);
        params.put("RoomName", "daily & \"more\"");
        return store.callbacks()
                .enqueue(new NewDelivery(AC, room, room, room, event, "https://cb.example/r?x=1", "POST", params));
    }

    @Test
    void onlyTheOldestPendingCallbackOfEachResourceIsDue() {
        Delivery a1 = enqueue(RM1, "room-created");
        Delivery a2 = enqueue(RM1, "participant-connected");
        Delivery b1 = enqueue(RM2, "room-created");
        assertThat(a1.sequenceNumber()).isZero();
        assertThat(a2.sequenceNumber()).isEqualTo(1);
        assertThat(b1.sequenceNumber()).isZero();
        assertThat(a2.params()).containsEntry("RoomName", "daily & \"more\"");
        assertThat(a2.params().keySet()).containsExactly("RoomSid", "StatusCallbackEvent", "RoomName");

        Instant now = clock.instant();
        assertThat(store.callbacks().due(now, 10)).extracting(Delivery::id).containsExactly(a1.id(), b1.id());

        // RM1's receiver fails: its head backs off, and RM1's next callback must wait behind it.
        store.callbacks().retryLater(a1.id(), 503, "HTTP 503", now, now.plusSeconds(30));
        assertThat(store.callbacks().due(now, 10)).extracting(Delivery::id).containsExactly(b1.id());
        store.callbacks().delivered(b1.id(), 204, now);
        assertThat(store.callbacks().due(now, 10)).isEmpty();
        assertThat(store.callbacks().nextDueAt()).contains(now.plusSeconds(30));

        clock.advance(Duration.ofSeconds(30));
        assertThat(store.callbacks().due(clock.instant(), 10))
                .extracting(Delivery::id)
                .containsExactly(a1.id());
        store.callbacks().delivered(a1.id(), 200, clock.instant());
        assertThat(store.callbacks().due(clock.instant(), 10))
                .extracting(Delivery::id)
                .containsExactly(a2.id());

        Delivery logged = store.callbacks().find(AC, a1.id()).orElseThrow();
        assertThat(logged.status()).isEqualTo(Delivery.DELIVERED);
        assertThat(logged.attempts()).isEqualTo(2);
        assertThat(logged.lastStatusCode()).isEqualTo(200);
        assertThat(logged.lastError()).isNull();
        assertThat(store.callbacks().pendingCount()).isEqualTo(1);
    }

    @Test
    void aLeaseKeepsOtherDispatchersAwayUntilItExpires() {
        Delivery d = enqueue(RM1, "room-created");
        Instant now = clock.instant();
        assertThat(store.callbacks().lease(d.id(), "server-a", now.plusSeconds(20)))
                .isTrue();
        assertThat(store.callbacks().lease(d.id(), "server-b", now.plusSeconds(20)))
                .isFalse();
        assertThat(store.callbacks().due(now, 10)).isEmpty();
        clock.advance(Duration.ofSeconds(21));
        assertThat(store.callbacks().due(clock.instant(), 10)).hasSize(1);
        assertThat(store.callbacks().lease(d.id(), "server-b", clock.instant().plusSeconds(20)))
                .isTrue();
    }

    @Test
    void givingUpUnblocksTheNextCallbackAndTheLogShowsWhy() {
        Delivery a1 = enqueue(RM1, "room-created");
        Delivery a2 = enqueue(RM1, "room-ended");
        store.callbacks().giveUp(a1.id(), null, "Connection refused", clock.instant());
        assertThat(store.callbacks().due(clock.instant(), 10))
                .extracting(Delivery::id)
                .containsExactly(a2.id());

        restart();
        var log = store.callbacks().list(AC, new DeliveryFilter(RM1, null, null), null, 1);
        assertThat(log.items()).extracting(Delivery::id).containsExactly(a2.id());
        var next = store.callbacks()
                .list(AC, new DeliveryFilter(RM1, null, null), log.next().orElseThrow(), 1);
        Delivery failed = next.items().get(0);
        assertThat(failed.status()).isEqualTo(Delivery.FAILED);
        assertThat(failed.lastError()).isEqualTo("Connection refused");
        assertThat(failed.lastStatusCode()).isNull();
        assertThat(store.callbacks()
                        .list(AC, new DeliveryFilter(null, "failed", null), null, 10)
                        .items())
                .hasSize(1);
        assertThat(store.callbacks()
                        .list(AC, new DeliveryFilter(RM2, null, null), null, 10)
                        .items())
                .isEmpty();
        assertThat(store.callbacks()
                        .list("AC" + "9".repeat(32), new DeliveryFilter(null, null, null), null, 10)
                        .items())
                .isEmpty();

        clock.advance(Duration.ofDays(31));
        assertThat(store.purgeExpired().callbacks()).isEqualTo(1);
        assertThat(store.callbacks().pendingCount()).isEqualTo(1);
    }
}

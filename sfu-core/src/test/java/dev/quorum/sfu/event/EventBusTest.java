package dev.quorum.sfu.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventBusTest {

    record TestEvent(String name, String accountSid, Instant timestamp, int seq) implements ServerEvent {}

    @Test
    void deliversEventsInPublishOrderToEverySubscriber() throws Exception {
        List<Integer> first = new CopyOnWriteArrayList<>();
        List<Integer> second = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        try (EventBus bus = new EventBus()) {
            bus.subscribe(e -> {
                first.add(((TestEvent) e).seq());
                if (first.size() == 100) {
                    done.countDown();
                }
            });
            bus.subscribe(e -> {
                second.add(((TestEvent) e).seq());
                if (second.size() == 100) {
                    done.countDown();
                }
            });
            for (int i = 0; i < 100; i++) {
                bus.publish(new TestEvent("room-created", "AC1", Instant.EPOCH, i));
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first).isSorted().hasSize(100);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void failingSubscriberDoesNotStopOthers() throws Exception {
        CountDownLatch got = new CountDownLatch(1);
        try (EventBus bus = new EventBus()) {
            bus.subscribe(e -> {
                throw new IllegalStateException("boom");
            });
            bus.subscribe(e -> got.countDown());
            bus.publish(new TestEvent("room-ended", "AC1", Instant.EPOCH, 0));
            assertThat(got.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void unsubscribedSubscriberReceivesNothingMore() throws Exception {
        List<ServerEvent> seen = new CopyOnWriteArrayList<>();
        try (EventBus bus = new EventBus()) {
            AutoCloseable handle = bus.subscribe(seen::add);
            handle.close();
            bus.publish(new TestEvent("room-ended", "AC1", Instant.EPOCH, 0));
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void drainDeliversCascadedEventsAndLeavesTheBusOpen() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (EventBus bus = new EventBus()) {
            // Each event, handled slowly, publishes the next: the chain a room ending starts.
            bus.subscribe(e -> {
                int seq = ((TestEvent) e).seq();
                seen.add(seq);
                sleep(20);
                if (seq < 5) {
                    bus.publish(new TestEvent("room-ended", "AC1", Instant.EPOCH, seq + 1));
                }
            });
            bus.publish(new TestEvent("room-ended", "AC1", Instant.EPOCH, 0));
            bus.drain();
            assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5);

            CountDownLatch after = new CountDownLatch(1);
            bus.subscribe(e -> after.countDown());
            bus.publish(new TestEvent("room-created", "AC1", Instant.EPOCH, 9));
            assertThat(after.await(5, TimeUnit.SECONDS))
                    .as("still delivering after a drain")
                    .isTrue();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

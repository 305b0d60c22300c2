package dev.quorum.sfu.event;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one in-process bus every user-visible state change goes through.
 *
 * <p>Events are delivered on a single dispatcher thread in the order they were published, so
 * subscribers see the events of one resource in order. Subscribers must return quickly (persist
 * and hand off); a subscriber that throws is logged and does not affect the others. This is a
 * control-plane bus: nothing on the per-packet path publishes here.
 */
public final class EventBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final List<Consumer<? super ServerEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "event-bus");
        t.setDaemon(true);
        return t;
    });

    /**
     * Adds a subscriber; it receives every event published after this call, on the dispatcher
     * thread. Closing the returned handle removes it.
     */
    public AutoCloseable subscribe(Consumer<? super ServerEvent> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Queues an event for delivery; callable from any thread, never blocks on subscribers. */
    public void publish(ServerEvent event) {
        Objects.requireNonNull(event, "event");
        try {
            published.incrementAndGet();
            dispatcher.execute(() -> deliver(event));
        } catch (RejectedExecutionException closed) {
            LOG.warn("Event {} published after the bus closed; dropped", event.name());
        }
    }

    private void deliver(ServerEvent event) {
        for (Consumer<? super ServerEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOG.error("Subscriber failed on event {}", event.name(), e);
            }
        }
    }

    /**
     * Delivers every event published so far, and those its subscribers publish while handling
     * them, and returns once none is queued; the bus stays open. Used at shutdown so components
     * that still publish while they stop (a hook creating a composition) are heard before the bus
     * closes. Waits up to five seconds in all.
     */
    public void drain() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long seen;
        do {
            seen = published.get();
            try {
                dispatcher.submit(() -> {}).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closed) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Event bus did not drain within 5 s");
                return;
            }
        } while (published.get() != seen);
    }

    /** Delivers the events already published, then stops; waits up to five seconds. */
    @Override
    public void close() {
        dispatcher.shutdown();
        try {
            if (!dispatcher.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Event bus did not drain within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

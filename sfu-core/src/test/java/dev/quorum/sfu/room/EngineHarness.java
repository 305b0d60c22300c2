package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.event.ServerEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The engine on one event loop with a manual clock, fake transports, a recording tap and an event
 * bus whose events are collected.
 */
final class EngineHarness implements AutoCloseable {

    final ManualClock clock = new ManualClock();
    final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    final EventBus bus = new EventBus();
    final List<ServerEvent> events = new CopyOnWriteArrayList<>();
    final FakeLinks links = new FakeLinks();
    final RecordingTap tap = new RecordingTap();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Rooms rooms;
    static final String ACCOUNT = "AC00000000000000000000000000000000";

    /** The engine at its defaults, but keeping each room's and subscriber's meters so tests can read them. */
    EngineHarness() {
        this(
                RoomsConfig.defaults().withPerRoomMetrics(true).withPerSubscriberMetrics(true),
                account -> RoomSettings.defaults(false));
    }

    EngineHarness(RoomsConfig config, Function<String, RoomSettings> adHoc) {
        bus.subscribe(events::add);
        rooms = new Rooms(config, loops, links, bus, tap, registry, clock, adHoc);
    }

    Participant join(String room, String identity, RecordingListener listener) {
        try {
            Participant p = rooms.join(ACCOUNT, room, identity, listener)
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            sync();
            return p;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every task queued on the loop so far has run. */
    void sync() {
        try {
            loops.next().submit(() -> {}).get(5, TimeUnit.SECONDS);
            loops.next().submit(() -> {}).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    <T> T onLoop(Callable<T> c) {
        try {
            return loops.next().submit(c).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Advances the clock and runs every room's timers. */
    void advance(Duration d) {
        clock.advance(d);
        rooms.runTimers();
        sync();
    }

    /** Names of the events delivered so far (the bus delivers on its own thread). */
    List<String> eventNames() {
        return events.stream().map(ServerEvent::name).toList();
    }

    /** Waits for the bus to deliver an event with this name. */
    void awaitEvent(String name, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (events.stream().filter(e -> e.name().equals(name)).count() < count) {
            if (System.nanoTime() > deadline) {
                assertThat(eventNames()).as("events").contains(name);
                throw new AssertionError("expected " + count + " " + name + " events, got " + eventNames());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    /** Waits for the tap executor to have run what was queued on it. */
    void awaitTaps() {
        sync();
        try {
            java.util.concurrent.CompletableFuture.runAsync(
                            () -> {}, rooms.context().tapExecutor())
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        sync();
    }

    @Override
    public void close() throws Exception {
        rooms.close();
        links.releaseAll();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        bus.close();
    }
}

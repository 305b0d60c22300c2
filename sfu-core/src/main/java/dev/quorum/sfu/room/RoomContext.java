package dev.quorum.sfu.room;

import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.room.link.MediaLinkFactory;
import dev.quorum.sfu.tap.MediaTap;
import java.util.concurrent.Executor;

/**
 * What every room of one {@link Rooms} shares: configuration, clocks, the transport factory, the
 * event bus, the media tap (with the executor its blocking calls run on) and the engine-wide
 * meters.
 */
record RoomContext(
        RoomsConfig config,
        RoomClock clock,
        MediaLinkFactory links,
        EventBus events,
        MediaTap tap,
        Executor tapExecutor,
        EngineMetrics metrics) {}

package dev.quorum.signaling.testing;

import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.room.RoomClock;
import dev.quorum.sfu.room.Rooms;
import dev.quorum.sfu.room.RoomsConfig;
import dev.quorum.sfu.room.link.MediaLinkFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.util.List;

/** The real rooms engine on the given event loops and transports. */
public final class EngineFixture implements AutoCloseable {

    public final EventBus events = new EventBus();
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final Rooms rooms;

    public EngineFixture(EventLoopGroup loops, MediaLinkFactory links) {
        rooms = new Rooms(
                // Each subscriber's own meters too: the browser tests read them.
                RoomsConfig.defaults().withPerSubscriberMetrics(true),
                loops,
                links,
                events,
                null,
                registry,
                RoomClock.system(),
                account -> RoomSettings.defaults(false));
    }

    /** Room settings like the defaults but with other video codecs. */
    public static RoomSettings withVideoCodecs(List<String> codecs) {
        RoomSettings d = RoomSettings.defaults(false);
        return new RoomSettings(
                d.type(),
                d.statusCallback(),
                d.statusCallbackMethod(),
                d.maxParticipants(),
                d.maxParticipantDuration(),
                d.emptyRoomTimeout(),
                d.unusedRoomTimeout(),
                codecs,
                d.recordParticipantsOnConnect(),
                d.recordingRules(),
                d.audioOnly(),
                d.mediaRegion(),
                d.largeRoom());
    }

    @Override
    public void close() {
        rooms.close();
        events.close();
    }
}

package dev.quorum.server;

import dev.quorum.api.rooms.RulesCodec;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.event.ParticipantEvent;
import dev.quorum.sfu.event.RoomEvent;
import dev.quorum.sfu.event.ServerEvent;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.room.ParticipantRecord;
import dev.quorum.storage.room.RoomRecord;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which rooms this server hosts, and the end of those a crash left in progress.
 *
 * <p>Each room the engine creates is recorded under this server's instance id
 * ({@code recorder.instance-id}), so servers sharing one database each end only their own rooms.
 * At start, before any join, every room of this instance that the store still shows in progress
 * is ended as the engine would have ended it: its connected participants get
 * {@code participant-disconnected}, the room {@code room-ended} (status {@code completed}),
 * published through the bus so the history, the callbacks, the composition hooks and the
 * composer's queue all learn of it. The end time is the last change the store has of the room
 * or its participants.
 */
final class RoomHosting implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoomHosting.class);

    // Given.
    private final MetadataStore store;
    private final EventBus events;
    private final String instanceId;
    // Owned.
    private AutoCloseable subscription;

    RoomHosting(MetadataStore store, EventBus events, String instanceId) {
        this.store = store;
        this.events = events;
        this.instanceId = instanceId;
    }

    /** Records the host of every room created from now on; call before the engine accepts rooms. */
    void start() {
        subscription = events.subscribe(this::onEvent);
    }

    private void onEvent(ServerEvent e) {
        if (e instanceof RoomEvent r && RoomEvent.CREATED.equals(r.name())) {
            store.rooms().recordHost(r.room().sid(), instanceId);
        }
    }

    /**
     * The rooms of this instance a crash left in progress; read before anything can create a
     * room, so a room created since this start is never mistaken for one.
     */
    List<RoomRecord> interruptedRooms() {
        return store.rooms().inProgressHostedBy(instanceId);
    }

    /** Ends the given rooms (from {@link #interruptedRooms()}) as the engine would have. */
    void end(List<RoomRecord> rooms) {
        for (RoomRecord room : rooms) {
            List<ParticipantRecord> participants = store.participants().ofRoom(room.sid());
            Instant end = room.dateUpdated();
            for (ParticipantRecord p : participants) {
                if (p.dateUpdated() != null && p.dateUpdated().isAfter(end)) {
                    end = p.dateUpdated();
                }
            }
            RoomInfo ended = info(room, RoomInfo.COMPLETED, end);
            for (ParticipantRecord p : participants) {
                if (!ParticipantRecord.DISCONNECTED.equals(p.status())) {
                    events.publish(new ParticipantEvent(
                            ParticipantEvent.DISCONNECTED,
                            ended,
                            new ParticipantInfo(
                                    p.sid(),
                                    p.roomSid(),
                                    p.accountSid(),
                                    p.identity(),
                                    ParticipantInfo.DISCONNECTED,
                                    p.startTime(),
                                    end),
                            end));
                }
            }
            events.publish(new RoomEvent(RoomEvent.ENDED, ended, end));
        }
        if (!rooms.isEmpty()) {
            LOG.info("{} room(s) left in progress by the last stop of instance {} are ended", rooms.size(), instanceId);
        }
    }

    private static RoomInfo info(RoomRecord r, String status, Instant end) {
        RoomSettings settings = new RoomSettings(
                r.type(),
                r.statusCallback() == null ? null : URI.create(r.statusCallback()),
                r.statusCallbackMethod(),
                r.maxParticipants(),
                r.maxParticipantDuration(),
                r.emptyRoomTimeout(),
                r.unusedRoomTimeout(),
                r.videoCodecs(),
                r.recordParticipantsOnConnect(),
                rules(r),
                r.audioOnly(),
                r.mediaRegion(),
                r.largeRoom());
        return new RoomInfo(r.sid(), r.accountSid(), r.uniqueName(), status, r.dateCreated(), end, settings);
    }

    private static List<RecordingRule> rules(RoomRecord r) {
        try {
            return RulesCodec.fromStored(r.recordingRulesJson());
        } catch (RuntimeException e) {
            // Only shown in the room-ended snapshot; an unreadable copy must not keep the room open.
            return List.of();
        }
    }

    @Override
    public void close() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
    }
}

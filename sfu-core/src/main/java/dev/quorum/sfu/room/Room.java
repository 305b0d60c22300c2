package dev.quorum.sfu.room;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.event.ParticipantEvent;
import dev.quorum.sfu.event.RoomEvent;
import dev.quorum.sfu.event.TrackEvent;
import io.netty.channel.EventLoop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-progress room: its participants, the tracks they publish and who receives them, its
 * recording rules and its timeouts. A thin coordinator that lives on one event loop; everything
 * but {@link #info()} and {@link #call} must run there.
 */
final class Room {

    private static final Logger LOG = LoggerFactory.getLogger(Room.class);
    static final long TICK_MILLIS = 20;
    private static final long MAX_ROOM_NANOS = TimeUnit.HOURS.toNanos(24);

    /** A room operation run on the room's loop; may refuse with a {@link RoomException}. */
    @FunctionalInterface
    interface Op<T> {
        T run() throws RoomException;
    }

    // Given
    private final Rooms rooms;
    private final RoomContext ctx;
    final EventLoop loop;

    // Owned
    private volatile RoomInfo info;
    private final Map<String, RoomParticipant> participants = new LinkedHashMap<>();
    private final RecordingTaps taps;
    private final DominantSpeaker speaker = new DominantSpeaker();
    private final RoomMetrics metrics;
    private final long createdNanos;
    private long emptySinceNanos = -1;
    private ScheduledFuture<?> ticker;
    private boolean ended;

    Room(Rooms rooms, RoomContext ctx, EventLoop loop, RoomInfo info) {
        this.rooms = rooms;
        this.ctx = ctx;
        this.loop = loop;
        this.info = info;
        this.createdNanos = ctx.clock().nanoTime();
        this.metrics = ctx.metrics().openRoom(info.sid());
        this.taps = new RecordingTaps(this, ctx, info.settings().recordingRules());
    }

    RoomInfo info() {
        return info;
    }

    RoomContext context() {
        return ctx;
    }

    RoomMetrics metrics() {
        return metrics;
    }

    /** Publishes {@code room-created} and starts the room's timers. Any thread. */
    void start() {
        ctx.events().publish(new RoomEvent(RoomEvent.CREATED, info, info.dateCreated()));
        try {
            ticker = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warn("Room {} could not schedule its timers: the event loop is shut down", info.sid());
        }
    }

    /** Runs {@code op} on the room's loop (inline if already there). */
    <T> CompletionStage<T> call(Op<T> op) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                result.complete(op.run());
            } catch (RoomException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                LOG.error("Room {}: operation failed", info.sid(), e);
                result.completeExceptionally(e);
            }
        };
        if (loop.inEventLoop()) {
            task.run();
        } else {
            try {
                loop.execute(task);
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(new RoomException(53118, "Room completed"));
            }
        }
        return result;
    }

    // -------------------------------------------------------------------------------------------
    // Participants

    Participant join(String identity, Participant.Listener listener) throws RoomException {
        if (ended) {
            throw new RoomException(53118, "Room completed");
        }
        if (identity.isEmpty() || identity.length() > 128) {
            throw new RoomException(
                    identity.isEmpty() ? 53200 : 53201,
                    identity.isEmpty() ? "Participant identity is invalid" : "Participant identity is too long");
        }
        RoomParticipant previous = byIdentity(identity);
        if (previous == null && participants.size() >= info.settings().maxParticipants()) {
            throw new RoomException(
                    53105,
                    "Room contains too many Participants (at most "
                            + info.settings().maxParticipants() + ")");
        }
        if (previous != null) {
            disconnect(
                    previous,
                    DisconnectReason.DUPLICATE_IDENTITY,
                    "Participant disconnected because of duplicate identity");
        }
        Instant now = ctx.clock().now();
        ParticipantInfo pinfo = new ParticipantInfo(
                Sid.generate(Sid.PARTICIPANT),
                info.sid(),
                info.accountSid(),
                identity,
                ParticipantInfo.CONNECTED,
                now,
                null);
        RoomParticipant p =
                new RoomParticipant(this, pinfo, listener, ctx.clock().nanoTime());
        List<RoomParticipant> others = new ArrayList<>(participants.values());
        participants.put(pinfo.sid(), p);
        emptySinceNanos = -1;
        metrics.participants = participants.size();
        ctx.events().publish(new ParticipantEvent(ParticipantEvent.CONNECTED, info, pinfo, now));
        LOG.info("Room {}: participant {} '{}' connected", info.sid(), pinfo.sid(), identity);
        for (RoomParticipant other : others) {
            other.listener().onParticipantConnected(pinfo, List.of());
        }
        // The joining client hears about the room once its join has completed.
        loop.execute(() -> {
            if (!p.isConnected()) {
                return;
            }
            for (RoomParticipant other : others) {
                if (other.isConnected()) {
                    p.listener().onParticipantConnected(other.info(), other.publishedTrackInfos());
                }
            }
            for (RoomParticipant other : others) {
                if (other.isConnected()) {
                    for (PublishedTrack t : other.publishedTracks()) {
                        p.subscribe(t);
                    }
                }
            }
            String dominant = speaker.current();
            if (dominant != null) {
                p.listener().onDominantSpeakerChanged(dominant);
            }
        });
        return p;
    }

    private RoomParticipant byIdentity(String identity) {
        for (RoomParticipant p : participants.values()) {
            if (p.identity().equals(identity)) {
                return p;
            }
        }
        return null;
    }

    /** REST: removes a participant. */
    ParticipantInfo remove(String participantSidOrIdentity) throws RoomException {
        RoomParticipant p = participants.get(participantSidOrIdentity);
        if (p == null) {
            p = byIdentity(participantSidOrIdentity);
        }
        if (p == null) {
            throw new RoomException(20404, "Participant not found: " + participantSidOrIdentity);
        }
        return disconnect(p, DisconnectReason.REMOVED, "Participant removed from the Room");
    }

    /** The participant left on its own. */
    void left(RoomParticipant p, String reason) {
        if (participants.get(p.sid()) == p) {
            LOG.info("Room {}: participant {} left ({})", info.sid(), p.sid(), reason);
            drop(p, -1, reason);
        }
    }

    /** The client closed its media connection on purpose: it left without saying so. */
    void closedByClient(RoomParticipant p, String reason) {
        if (participants.get(p.sid()) == p) {
            LOG.info("Room {}: participant {} left ({})", info.sid(), p.sid(), reason);
            drop(p, -1, reason);
            p.listener().onLeft(reason);
        }
    }

    /** The server ends a participant's session and tells its client why. */
    ParticipantInfo disconnect(RoomParticipant p, int code, String reason) {
        LOG.info("Room {}: participant {} disconnected: {} ({})", info.sid(), p.sid(), reason, code);
        return drop(p, code, reason);
    }

    private ParticipantInfo drop(RoomParticipant p, int code, String reason) {
        participants.remove(p.sid());
        metrics.participants = participants.size();
        Instant now = ctx.clock().now();
        ParticipantInfo gone = p.close(now);
        if (code >= 0) {
            p.listener().onDisconnected(code, reason);
        }
        ctx.events().publish(new ParticipantEvent(ParticipantEvent.DISCONNECTED, info, gone, now));
        for (RoomParticipant other : participants.values()) {
            other.listener().onParticipantDisconnected(gone);
        }
        speaker.remove(p.sid());
        announceDominantSpeaker();
        if (participants.isEmpty()) {
            emptySinceNanos = ctx.clock().nanoTime();
        }
        return gone;
    }

    List<ParticipantInfo> participantInfos() {
        List<ParticipantInfo> out = new ArrayList<>(participants.size());
        participants.values().forEach(p -> out.add(p.info()));
        return out;
    }

    List<TrackInfo> publishedTracks(String participantSid) {
        RoomParticipant p = participants.get(participantSid);
        return p == null ? List.of() : p.publishedTrackInfos();
    }

    /** Receive bit rates of the participant's tracks now, bits per second by track SID. */
    Map<String, Long> publishedTrackBitrates(String participantSid) {
        RoomParticipant p = participants.get(participantSid);
        if (p == null) {
            return Map.of();
        }
        long now = ctx.clock().nanoTime();
        Map<String, Long> out = new HashMap<>();
        for (PublishedTrack t : p.publishedTracks()) {
            out.put(t.info().sid(), t.bitrate(now));
        }
        return out;
    }

    List<TrackInfo> subscribedTracks(String participantSid) {
        RoomParticipant p = participants.get(participantSid);
        return p == null ? List.of() : p.subscribedTrackInfos();
    }

    Iterable<RoomParticipant> participants() {
        return participants.values();
    }

    // -------------------------------------------------------------------------------------------
    // Tracks

    void trackPublished(RoomParticipant publisher, PublishedTrack track) {
        metrics.tracks++;
        ctx.events()
                .publish(new TrackEvent(
                        TrackEvent.ADDED,
                        info,
                        publisher.info(),
                        track.info(),
                        ctx.clock().now()));
        for (RoomParticipant other : participants.values()) {
            if (other != publisher) {
                other.listener().onTrackPublished(publisher.info(), track.info());
                other.subscribe(track);
            }
        }
        taps.evaluate(track);
    }

    void trackUnpublished(RoomParticipant publisher, PublishedTrack track) {
        metrics.tracks--;
        taps.remove(track);
        for (RoomParticipant other : participants.values()) {
            if (other != publisher) {
                other.unsubscribe(track);
                other.listener().onTrackUnpublished(publisher.info(), track.info());
            }
        }
        ctx.events()
                .publish(new TrackEvent(
                        TrackEvent.REMOVED,
                        info,
                        publisher.info(),
                        track.info(),
                        ctx.clock().now()));
    }

    void trackEnabledChanged(RoomParticipant publisher, PublishedTrack track) {
        TrackInfo t = track.info();
        ctx.events()
                .publish(new TrackEvent(
                        t.enabled() ? TrackEvent.ENABLED : TrackEvent.DISABLED,
                        info,
                        publisher.info(),
                        t,
                        ctx.clock().now()));
        for (RoomParticipant other : participants.values()) {
            if (other != publisher) {
                other.listener().onTrackEnabledChanged(publisher.info(), t);
            }
        }
        taps.enabledChanged(track);
    }

    /** An audio level from a publisher's packet (RFC 6464: 0 = loudest, 127 = silence). */
    void audioLevel(RoomParticipant publisher, int level, long nowNanos) {
        speaker.level(publisher.sid(), level, nowNanos);
    }

    private void announceDominantSpeaker() {
        if (speaker.changed()) {
            String sid = speaker.current();
            for (RoomParticipant p : participants.values()) {
                p.listener().onDominantSpeakerChanged(sid);
            }
        }
    }

    // -------------------------------------------------------------------------------------------
    // Recording

    void setRecordingRules(List<RecordingRule> rules) throws RoomException {
        if (ended) {
            throw new RoomException(53118, "Room completed");
        }
        taps.setRules(rules);
    }

    List<RecordingRule> recordingRules() {
        return taps.rules();
    }

    void setRecordingPaused(boolean paused) throws RoomException {
        if (ended) {
            throw new RoomException(53118, "Room completed");
        }
        taps.setPaused(paused);
    }

    RecordingTaps taps() {
        return taps;
    }

    // -------------------------------------------------------------------------------------------
    // Time

    /** Timeouts and the participants' media timers; runs every {@link #TICK_MILLIS} on the loop. */
    void tick() {
        if (ended) {
            return;
        }
        long now = ctx.clock().nanoTime();
        for (RoomParticipant p : List.copyOf(participants.values())) {
            if (now - p.joinedNanos()
                    >= info.settings().maxParticipantDuration().toNanos()) {
                disconnect(p, DisconnectReason.MAX_DURATION_EXCEEDED, "Participant session length exceeded");
            } else {
                p.tick(now);
            }
        }
        speaker.tick(now);
        announceDominantSpeaker();
        if (participants.isEmpty()) {
            boolean neverUsed = emptySinceNanos < 0;
            long since = neverUsed ? createdNanos : emptySinceNanos;
            long timeout = (neverUsed
                            ? info.settings().unusedRoomTimeout()
                            : info.settings().emptyRoomTimeout())
                    .toNanos();
            if (now - since >= timeout) {
                LOG.info("Room {}: {} room timeout", info.sid(), neverUsed ? "unused" : "empty");
                end(RoomInfo.COMPLETED);
            }
        } else if (now - createdNanos >= MAX_ROOM_NANOS) {
            LOG.info("Room {}: reached the maximum room duration", info.sid());
            end(RoomInfo.COMPLETED);
        }
    }

    /** Ends the room: everyone is disconnected, taps closed, {@code room-ended} published. */
    RoomInfo end(String status) {
        if (ended) {
            return info;
        }
        ended = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
        for (RoomParticipant p : List.copyOf(participants.values())) {
            disconnect(p, DisconnectReason.ROOM_COMPLETED, "Room completed");
        }
        taps.closeAll();
        Instant now = ctx.clock().now();
        info = new RoomInfo(
                info.sid(), info.accountSid(), info.uniqueName(), status, info.dateCreated(), now, info.settings());
        rooms.unregister(this);
        ctx.metrics().closeRoom(metrics);
        ctx.events().publish(new RoomEvent(RoomEvent.ENDED, info, now));
        LOG.info("Room {} ended ({})", info.sid(), status);
        return info;
    }

    boolean ended() {
        return ended;
    }
}

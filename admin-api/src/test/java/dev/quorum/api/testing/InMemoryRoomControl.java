package dev.quorum.api.testing;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.event.ParticipantEvent;
import dev.quorum.sfu.event.RoomEvent;
import dev.quorum.sfu.event.TrackEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for the SFU's rooms engine in the REST API tests: rooms, participants and tracks in
 * memory, publishing the same events the real engine does. Tests drive it ({@link #join},
 * {@link #publish}, {@link #leave}) where browsers would.
 */
public final class InMemoryRoomControl implements RoomControl {

    private record Room(RoomInfo info, List<RecordingRule> rules, boolean paused) {}

    private final EventBus events;
    private final Clock clock;
    private final Map<String, Room> rooms = new LinkedHashMap<>();
    private final Map<String, ParticipantInfo> participants = new LinkedHashMap<>();
    private final Map<String, TrackInfo> tracks = new LinkedHashMap<>();
    private final Map<String, List<List<RecordingRule>>> rulesHistory = new LinkedHashMap<>();
    private final Map<String, Long> bitrates = new LinkedHashMap<>();

    public InMemoryRoomControl(EventBus events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public synchronized RoomInfo createRoom(String accountSid, String uniqueName, RoomSettings settings)
            throws RoomException {
        if (uniqueName != null && findRoom(accountSid, uniqueName).isPresent()) {
            throw new RoomException(53113, "Room exists");
        }
        String sid = Sid.generate(Sid.ROOM);
        RoomInfo info = new RoomInfo(
                sid,
                accountSid,
                uniqueName != null ? uniqueName : sid,
                RoomInfo.IN_PROGRESS,
                clock.instant(),
                null,
                settings);
        rooms.put(sid, new Room(info, settings.recordingRules(), false));
        events.publish(new RoomEvent(RoomEvent.CREATED, info, info.dateCreated()));
        return info;
    }

    @Override
    public synchronized Optional<RoomInfo> findRoom(String accountSid, String sidOrUniqueName) {
        return rooms.values().stream()
                .map(Room::info)
                .filter(r -> r.accountSid().equals(accountSid))
                .filter(r -> r.sid().equals(sidOrUniqueName) || r.uniqueName().equals(sidOrUniqueName))
                .findFirst();
    }

    @Override
    public synchronized RoomInfo completeRoom(String accountSid, String roomSid) throws RoomException {
        Room room = live(accountSid, roomSid);
        for (ParticipantInfo p : participants(accountSid, roomSid)) {
            leave(p.sid());
        }
        RoomInfo ended = new RoomInfo(
                room.info().sid(),
                accountSid,
                room.info().uniqueName(),
                RoomInfo.COMPLETED,
                room.info().dateCreated(),
                clock.instant(),
                room.info().settings());
        rooms.remove(roomSid);
        events.publish(new RoomEvent(RoomEvent.ENDED, ended, clock.instant()));
        return ended;
    }

    @Override
    public synchronized List<ParticipantInfo> participants(String accountSid, String roomSid) {
        return participants.values().stream()
                .filter(p -> p.roomSid().equals(roomSid) && p.accountSid().equals(accountSid))
                .toList();
    }

    @Override
    public synchronized List<TrackInfo> publishedTracks(String accountSid, String roomSid, String participantSid) {
        return tracks.values().stream()
                .filter(t ->
                        t.participantSid().equals(participantSid) && t.roomSid().equals(roomSid))
                .toList();
    }

    @Override
    public synchronized Map<String, Long> publishedTrackBitrates(
            String accountSid, String roomSid, String participantSid) {
        Map<String, Long> out = new LinkedHashMap<>();
        publishedTracks(accountSid, roomSid, participantSid)
                .forEach(t -> out.put(t.sid(), bitrates.getOrDefault(t.sid(), 0L)));
        return out;
    }

    /** The rate at which the track's packets arrive now, in bits per second (0 until set). */
    public synchronized void setBitrate(String trackSid, long bitsPerSecond) {
        bitrates.put(trackSid, bitsPerSecond);
    }

    @Override
    public synchronized List<TrackInfo> subscribedTracks(String accountSid, String roomSid, String participantSid) {
        return tracks.values().stream()
                .filter(t -> t.roomSid().equals(roomSid) && !t.participantSid().equals(participantSid))
                .toList();
    }

    @Override
    public synchronized ParticipantInfo disconnectParticipant(String accountSid, String roomSid, String participantSid)
            throws RoomException {
        live(accountSid, roomSid);
        if (!participants.containsKey(participantSid)) {
            throw new RoomException(53204, "Participant not connected");
        }
        return leave(participantSid);
    }

    @Override
    public synchronized void setRecordingRules(String accountSid, String roomSid, List<RecordingRule> rules)
            throws RoomException {
        Room r = live(accountSid, roomSid);
        rooms.put(roomSid, new Room(r.info(), List.copyOf(rules), r.paused()));
        rulesHistory.computeIfAbsent(roomSid, k -> new ArrayList<>()).add(List.copyOf(rules));
    }

    /** Every rule set the room was given, in order. */
    public synchronized List<List<RecordingRule>> rulesHistory(String roomSid) {
        return List.copyOf(rulesHistory.getOrDefault(roomSid, List.of()));
    }

    @Override
    public synchronized List<RecordingRule> recordingRules(String accountSid, String roomSid) throws RoomException {
        return live(accountSid, roomSid).rules();
    }

    @Override
    public synchronized void setRecordingPaused(String accountSid, String roomSid, boolean paused)
            throws RoomException {
        Room r = live(accountSid, roomSid);
        rooms.put(roomSid, new Room(r.info(), r.rules(), paused));
    }

    public synchronized boolean isPaused(String roomSid) {
        return rooms.get(roomSid).paused();
    }

    /** A browser joins: a connected participant and {@code participant-connected}. */
    public synchronized ParticipantInfo join(String roomSid, String identity) {
        RoomInfo room = rooms.get(roomSid).info();
        ParticipantInfo p = new ParticipantInfo(
                Sid.generate(Sid.PARTICIPANT),
                roomSid,
                room.accountSid(),
                identity,
                ParticipantInfo.CONNECTED,
                clock.instant(),
                null);
        participants.put(p.sid(), p);
        events.publish(new ParticipantEvent(ParticipantEvent.CONNECTED, room, p, clock.instant()));
        return p;
    }

    /** The participant publishes a track: {@code track-added}. */
    public synchronized TrackInfo publish(String participantSid, String name, TrackKind kind) {
        ParticipantInfo p = participants.get(participantSid);
        String sid = Sid.generate(Sid.TRACK);
        TrackInfo t = new TrackInfo(
                sid,
                participantSid,
                p.roomSid(),
                name != null ? name : sid,
                kind,
                true,
                kind == TrackKind.AUDIO ? "opus" : "VP8",
                clock.instant());
        tracks.put(sid, t);
        events.publish(new TrackEvent(TrackEvent.ADDED, rooms.get(p.roomSid()).info(), p, t, clock.instant()));
        return t;
    }

    /** The participant stops publishing a track: {@code track-removed}. */
    public synchronized void unpublish(String trackSid) {
        TrackInfo t = tracks.remove(trackSid);
        ParticipantInfo p = participants.get(t.participantSid());
        events.publish(new TrackEvent(TrackEvent.REMOVED, rooms.get(p.roomSid()).info(), p, t, clock.instant()));
    }

    /** The participant leaves: its tracks are removed, then {@code participant-disconnected}. */
    public synchronized ParticipantInfo leave(String participantSid) {
        ParticipantInfo p = participants.remove(participantSid);
        RoomInfo room = rooms.get(p.roomSid()).info();
        for (TrackInfo t : new ArrayList<>(tracks.values())) {
            if (t.participantSid().equals(participantSid)) {
                tracks.remove(t.sid());
                events.publish(new TrackEvent(TrackEvent.REMOVED, room, p, t, clock.instant()));
            }
        }
        Instant now = clock.instant();
        ParticipantInfo gone = new ParticipantInfo(
                p.sid(), p.roomSid(), p.accountSid(), p.identity(), ParticipantInfo.DISCONNECTED, p.startTime(), now);
        events.publish(new ParticipantEvent(ParticipantEvent.DISCONNECTED, room, gone, now));
        return gone;
    }

    private Room live(String accountSid, String roomSid) throws RoomException {
        Room r = rooms.get(roomSid);
        if (r == null || !r.info().accountSid().equals(accountSid)) {
            throw new RoomException(53106, "Room not found");
        }
        return r;
    }
}

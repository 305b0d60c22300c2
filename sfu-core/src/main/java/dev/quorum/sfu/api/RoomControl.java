package dev.quorum.sfu.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commands the control plane (REST API) gives the SFU, and the live state it reads back. The SFU
 * reports every change as a {@link dev.quorum.sfu.event.ServerEvent} on the event bus; the
 * metadata store, not this interface, keeps history (completed rooms, disconnected participants).
 * Methods are thread-safe and do not block on media.
 */
public interface RoomControl {

    /**
     * Creates a room ahead of its first participant.
     *
     * @param uniqueName the room's name, unique among the account's in-progress rooms; null to use
     *                   the SID
     * @throws RoomException 53113 if an in-progress room already has that name
     */
    RoomInfo createRoom(String accountSid, String uniqueName, RoomSettings settings) throws RoomException;

    /** An in-progress room by SID or unique name. */
    Optional<RoomInfo> findRoom(String accountSid, String sidOrUniqueName);

    /** Ends a room: disconnects everyone, completes its recordings. */
    RoomInfo completeRoom(String accountSid, String roomSid) throws RoomException;

    /** Connected (and reconnecting) participants of an in-progress room. */
    List<ParticipantInfo> participants(String accountSid, String roomSid);

    /** Tracks a participant currently publishes. */
    List<TrackInfo> publishedTracks(String accountSid, String roomSid, String participantSid);

    /**
     * The bit rate at which the server receives each track a participant publishes now, in bits per
     * second over the last second (RTP packets of every simulcast layer, headers included), keyed by
     * track SID. Empty for a participant or room not here.
     */
    default Map<String, Long> publishedTrackBitrates(String accountSid, String roomSid, String participantSid) {
        return Map.of();
    }

    /** Tracks a participant currently receives (publisher's track info). */
    List<TrackInfo> subscribedTracks(String accountSid, String roomSid, String participantSid);

    /** Removes a participant from its room. */
    ParticipantInfo disconnectParticipant(String accountSid, String roomSid, String participantSid)
            throws RoomException;

    /** Replaces the room's recording rules; recording starts and stops on live tracks to match. */
    void setRecordingRules(String accountSid, String roomSid, List<RecordingRule> rules) throws RoomException;

    /** The room's current recording rules. */
    List<RecordingRule> recordingRules(String accountSid, String roomSid) throws RoomException;

    /**
     * Pauses or resumes all of the room's recordings; a paused span is a gap in the same files,
     * not a new recording.
     */
    void setRecordingPaused(String accountSid, String roomSid, boolean paused) throws RoomException;
}

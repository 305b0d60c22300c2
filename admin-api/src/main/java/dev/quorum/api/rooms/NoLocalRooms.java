package dev.quorum.api.rooms;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.api.TrackInfo;
import java.util.List;
import java.util.Optional;

/**
 * The {@link RoomControl} of a server that hosts no rooms itself — an API-only node sharing the
 * metadata store, or a server whose rooms engine is not wired. Nothing is live here, so the API
 * answers from the store's history; commands that need the SFU are refused (53103 for a new room,
 * 53106 for anything else).
 */
public final class NoLocalRooms implements RoomControl {

    @Override
    public RoomInfo createRoom(String accountSid, String uniqueName, RoomSettings settings) throws RoomException {
        throw new RoomException(53103, "Unable to create Room: this server does not host rooms");
    }

    @Override
    public Optional<RoomInfo> findRoom(String accountSid, String sidOrUniqueName) {
        return Optional.empty();
    }

    @Override
    public RoomInfo completeRoom(String accountSid, String roomSid) throws RoomException {
        throw notHere();
    }

    @Override
    public List<ParticipantInfo> participants(String accountSid, String roomSid) {
        return List.of();
    }

    @Override
    public List<TrackInfo> publishedTracks(String accountSid, String roomSid, String participantSid) {
        return List.of();
    }

    @Override
    public List<TrackInfo> subscribedTracks(String accountSid, String roomSid, String participantSid) {
        return List.of();
    }

    @Override
    public ParticipantInfo disconnectParticipant(String accountSid, String roomSid, String participantSid)
            throws RoomException {
        throw notHere();
    }

    @Override
    public void setRecordingRules(String accountSid, String roomSid, List<RecordingRule> rules) throws RoomException {
        throw notHere();
    }

    @Override
    public List<RecordingRule> recordingRules(String accountSid, String roomSid) throws RoomException {
        throw notHere();
    }

    @Override
    public void setRecordingPaused(String accountSid, String roomSid, boolean paused) throws RoomException {
        throw notHere();
    }

    private static RoomException notHere() {
        return new RoomException(53106, "Room not found on this server");
    }
}

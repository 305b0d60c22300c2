package dev.quorum.bench.load;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.room.Participant;
import java.util.List;

/**
 * A participant's signaling connection that ignores what happens in the room: the generator
 * builds every subscriber offer after all tracks are published, so no renegotiation is needed.
 */
final class QuietListener implements Participant.Listener {

    @Override
    public void onParticipantConnected(ParticipantInfo participant, List<TrackInfo> tracks) {}

    @Override
    public void onParticipantDisconnected(ParticipantInfo participant) {}

    @Override
    public void onTrackPublished(ParticipantInfo participant, TrackInfo track) {}

    @Override
    public void onTrackUnpublished(ParticipantInfo participant, TrackInfo track) {}

    @Override
    public void onTrackEnabledChanged(ParticipantInfo participant, TrackInfo track) {}

    @Override
    public void onSubscriptionsChanged() {}

    @Override
    public void onDominantSpeakerChanged(String participantSidOrNull) {}

    @Override
    public void onDisconnected(int code, String reason) {
        System.err.println("participant disconnected by the server: " + code + " " + reason);
    }
}

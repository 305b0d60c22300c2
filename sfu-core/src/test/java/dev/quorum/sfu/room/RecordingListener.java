package dev.quorum.sfu.room;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A signaling stand-in that writes down what the room told it, as short strings. */
final class RecordingListener implements Participant.Listener {

    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile int subscriptionChanges;
    volatile int disconnectCode;
    volatile String dominantSpeaker;

    @Override
    public void onParticipantConnected(ParticipantInfo participant, List<TrackInfo> tracks) {
        calls.add("connected " + participant.identity() + " tracks=" + tracks.size());
    }

    @Override
    public void onParticipantDisconnected(ParticipantInfo participant) {
        calls.add("disconnected " + participant.identity());
    }

    @Override
    public void onTrackPublished(ParticipantInfo participant, TrackInfo track) {
        calls.add("published " + participant.identity() + " " + track.name());
    }

    @Override
    public void onTrackUnpublished(ParticipantInfo participant, TrackInfo track) {
        calls.add("unpublished " + participant.identity() + " " + track.name());
    }

    @Override
    public void onTrackEnabledChanged(ParticipantInfo participant, TrackInfo track) {
        calls.add((track.enabled() ? "enabled " : "disabled ") + participant.identity() + " " + track.name());
    }

    @Override
    public void onSubscriptionsChanged() {
        subscriptionChanges++;
    }

    @Override
    public void onDominantSpeakerChanged(String participantSidOrNull) {
        dominantSpeaker = participantSidOrNull;
        calls.add("dominant " + participantSidOrNull);
    }

    @Override
    public void onDisconnected(int code, String reason) {
        disconnectCode = code;
        calls.add("kicked " + code);
    }

    @Override
    public void onLeft(String reason) {
        calls.add("left");
    }
}

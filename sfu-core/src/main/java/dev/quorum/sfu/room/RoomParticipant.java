package dev.quorum.sfu.room;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.room.link.MediaLink;
import dev.quorum.sfu.transport.TransportDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A participant in a room: its two peer connections and the signaling layer's listener. The
 * {@link Participant} methods hop onto the room's loop; everything else runs there.
 */
final class RoomParticipant implements Participant {

    // Given
    private final Room room;
    private final Participant.Listener listener;
    private final long joinedNanos;

    // Owned
    private volatile ParticipantInfo info;
    private final PublisherConnection publisher;
    private final SubscriberConnection subscriber;
    private boolean connected = true;

    RoomParticipant(Room room, ParticipantInfo info, Participant.Listener listener, long joinedNanos) {
        this.room = room;
        this.info = info;
        this.listener = listener;
        this.joinedNanos = joinedNanos;
        this.publisher = new PublisherConnection(this, room.context());
        this.subscriber = new SubscriberConnection(this, room.context());
    }

    Room owner() {
        return room;
    }

    Participant.Listener listener() {
        return listener;
    }

    long joinedNanos() {
        return joinedNanos;
    }

    boolean isConnected() {
        return connected;
    }

    PublisherConnection publisherConnection() {
        return publisher;
    }

    SubscriberConnection subscriberConnection() {
        return subscriber;
    }

    /** Round trip to this participant's client, from its subscriber connection's reports; -1 if unknown. */
    long rttNanos() {
        return subscriber.rttNanos();
    }

    @Override
    public String sid() {
        return info.sid();
    }

    @Override
    public String identity() {
        return info.identity();
    }

    @Override
    public RoomInfo room() {
        return room.info();
    }

    @Override
    public ParticipantInfo info() {
        return info;
    }

    // -------------------------------------------------------------------------------------------
    // Participant API (any thread)

    private <T> CompletionStage<T> onLoop(Room.Op<T> op) {
        return room.call(() -> {
            if (!connected) {
                throw room.ended()
                        ? new RoomException(53118, "Room completed")
                        : new RoomException(DisconnectReason.REMOVED, "Participant is no longer in the Room");
            }
            return op.run();
        });
    }

    private void onLoopQuietly(Runnable r) {
        onLoop(() -> {
                    r.run();
                    return null;
                })
                .exceptionally(e -> null);
    }

    @Override
    public CompletionStage<TransportDescription> publisherTransport(
            String remoteFingerprintAlgorithm, String remoteFingerprint) {
        return onLoop(() -> {
            boolean existed = publisher.existingLink() != null;
            var link = publisher.link();
            link.setRemoteFingerprint(remoteFingerprintAlgorithm, remoteFingerprint);
            return existed ? link.restartIce() : link.description();
        });
    }

    @Override
    public CompletionStage<List<Publication>> updatePublications(List<PublishedMedia> media) {
        List<PublishedMedia> copy = List.copyOf(media);
        return onLoop(() -> publisher.update(copy));
    }

    @Override
    public void setTrackEnabled(String trackSidOrMid, boolean enabled) {
        onLoopQuietly(() -> {
            PublishedTrack t = publisher.track(trackSidOrMid);
            if (t != null && t.info().enabled() != enabled) {
                t.setEnabled(enabled);
                room.trackEnabledChanged(this, t);
            }
        });
    }

    @Override
    public CompletionStage<TransportDescription> subscriberTransport(boolean restartIce) {
        return onLoop(() -> restartIce && subscriber.link() != null
                ? subscriber.link().restartIce()
                : subscriber.link().description());
    }

    @Override
    public CompletionStage<SubscriberOffer> subscriberOffer() {
        return onLoop(subscriber::offer);
    }

    @Override
    public CompletionStage<Void> subscriberAnswered(
            long offerVersion,
            String remoteFingerprintAlgorithm,
            String remoteFingerprint,
            Map<String, Integer> acceptedExtensions) {
        Map<String, Integer> copy = Map.copyOf(acceptedExtensions);
        return onLoop(() -> {
            subscriber.answered(offerVersion, remoteFingerprintAlgorithm, remoteFingerprint, copy);
            return null;
        });
    }

    @Override
    public void setVideoPreference(String trackSid, int maxWidth, int maxHeight) {
        onLoopQuietly(() -> subscriber.setVideoPreference(trackSid, maxWidth, maxHeight));
    }

    @Override
    public void reportQuality(ClientQuality quality) {
        onLoopQuietly(() -> subscriber.qualityReported(quality));
    }

    @Override
    public void leave(String reason) {
        onLoopQuietly(() -> room.left(this, reason == null ? "left" : reason));
    }

    // -------------------------------------------------------------------------------------------
    // Room side (on the loop)

    List<TrackInfo> publishedTrackInfos() {
        List<TrackInfo> out = new ArrayList<>();
        publisher.tracks().forEach(t -> out.add(t.info()));
        return out;
    }

    List<PublishedTrack> publishedTracks() {
        return publisher.trackList();
    }

    List<TrackInfo> subscribedTrackInfos() {
        return subscriber.subscribedTrackInfos();
    }

    void subscribe(PublishedTrack track) {
        if (connected && track.publisher() != this) {
            subscriber.subscribe(track);
        }
    }

    void unsubscribe(PublishedTrack track) {
        subscriber.unsubscribe(track);
    }

    /**
     * One of the participant's transports ended while the participant was still in the room. A
     * client closing its peer connection (DTLS close_notify: it left, or its page was closed) is
     * a normal leave; a failure (or the media port going away) disconnects it with 53405.
     *
     * @param connection {@code publisher} or {@code subscriber}, for the logs
     */
    void transportEnded(String connection, MediaLink.Ending ending, String reason) {
        if (!connected) {
            return;
        }
        if (ending == MediaLink.Ending.CLOSED_BY_PEER) {
            room.closedByClient(this, "the client closed its " + connection + " connection");
        } else {
            room.disconnect(
                    this,
                    DisconnectReason.MEDIA_CONNECTION_FAILED,
                    "Media connection failed: " + connection + " transport closed: " + reason);
        }
    }

    void tick(long nowNanos) {
        publisher.tick(nowNanos);
        subscriber.tick(nowNanos);
    }

    /** Leaves the room: tracks unpublished, subscriptions ended, transports closed. */
    ParticipantInfo close(Instant now) {
        connected = false;
        subscriber.close();
        publisher.close();
        ParticipantInfo p = info;
        info = new ParticipantInfo(
                p.sid(), p.roomSid(), p.accountSid(), p.identity(), ParticipantInfo.DISCONNECTED, p.startTime(), now);
        return info;
    }
}

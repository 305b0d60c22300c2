package dev.quorum.sfu.room;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.transport.TransportDescription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A participant's session in a room, as the signaling layer drives it. Obtained from
 * {@link Rooms#join}. Each participant has two peer connections: the <b>publisher</b> one (the
 * client offers, the server answers) and the <b>subscriber</b> one (the server offers, the client
 * answers).
 *
 * <p>Every method is thread-safe and never blocks: operations that change the room run on the
 * room's event loop and complete the returned stage there. After the participant left (or was
 * disconnected) the stages fail with a {@link dev.quorum.sfu.api.RoomException} (53118 if the
 * room ended, 53204 otherwise) and fire-and-forget methods do nothing.
 */
public interface Participant {

    /** The participant SID ({@code PA…}). */
    String sid();

    String identity();

    /** The room as it was when the participant joined (settings for the codec policy). */
    RoomInfo room();

    /** The participant's current state. */
    ParticipantInfo info();

    // ---------------------------------------------------------------------------------------
    // Publisher peer connection

    /**
     * Creates the publisher connection's transport for the client's offer, or restarts ICE on
     * the existing one (new ufrag/pwd, same DTLS session) when called again.
     *
     * @param remoteFingerprintAlgorithm the offer's {@code a=fingerprint} hash, e.g. {@code sha-256}
     * @param remoteFingerprint          the offer's fingerprint value; the client's DTLS
     *                                   certificate must match it
     * @return what the answer needs: ufrag, pwd, fingerprint, candidates
     */
    CompletionStage<TransportDescription> publisherTransport(
            String remoteFingerprintAlgorithm, String remoteFingerprint);

    /**
     * Declares the complete set of sections the publisher sends, after the answer was built.
     * Sections are matched by mid: a new mid publishes a track ({@code track-added}), a missing
     * one unpublishes it ({@code track-removed}), a known one is kept (its SSRC list may grow).
     *
     * @return the published tracks with their mids, in the order of {@code media}; refused
     *         sections (video in an audio-only room) are absent and their mids never carry media
     */
    CompletionStage<List<Publication>> updatePublications(List<PublishedMedia> media);

    /**
     * The publisher muted or unmuted a track ({@code track-disabled}/{@code track-enabled}).
     *
     * @param trackSidOrMid the track's SID or its publisher-side mid
     */
    void setTrackEnabled(String trackSidOrMid, boolean enabled);

    // ---------------------------------------------------------------------------------------
    // Subscriber peer connection

    /**
     * The subscriber connection's transport (created on first call; later calls return the same
     * description unless {@code restartIce} is true, which changes ufrag/pwd).
     */
    CompletionStage<TransportDescription> subscriberTransport(boolean restartIce);

    /**
     * What the next subscriber offer must contain. Call it when
     * {@link Listener#onSubscriptionsChanged()} fired (and once after joining); keep one offer
     * outstanding at a time and call again when its answer arrived if another change was
     * signalled meanwhile.
     */
    CompletionStage<SubscriberOffer> subscriberOffer();

    /**
     * The client answered the offer with the given version. Forwarding to the sections of that
     * offer starts (with a keyframe request) once the transport is connected.
     *
     * @param remoteFingerprintAlgorithm the answer's {@code a=fingerprint} hash
     * @param remoteFingerprint          the answer's fingerprint value
     * @param acceptedExtensions         the answer's {@code a=extmap} entries, URI → id; the engine
     *                                   writes only accepted extensions
     */
    CompletionStage<Void> subscriberAnswered(
            long offerVersion,
            String remoteFingerprintAlgorithm,
            String remoteFingerprint,
            Map<String, Integer> acceptedExtensions);

    /**
     * The largest size the client wants to render a remote video track at; drives the simulcast
     * layer it receives. 0×0 pauses the track for this subscriber; {@link Integer#MAX_VALUE} for
     * both means "the best layer the bandwidth allows" (the default).
     */
    void setVideoPreference(String trackSid, int maxWidth, int maxHeight);

    /**
     * What the client's browser saw of the media it received since its previous report; kept in
     * the participant's own meters when {@code rooms.per-subscriber-metrics} is on.
     */
    void reportQuality(ClientQuality quality);

    /** The client leaves (or its signaling connection is gone for good). */
    void leave(String reason);

    /**
     * Reports what happens in the room to one participant's signaling connection. Methods are
     * called one at a time, in order, on a room's event loop: they must return quickly and never
     * block (hand the message to the WebSocket and return).
     */
    interface Listener {

        /**
         * Someone else joined (also called once per already-present participant right after
         * this participant joined), with the tracks they publish.
         */
        void onParticipantConnected(ParticipantInfo participant, List<TrackInfo> tracks);

        void onParticipantDisconnected(ParticipantInfo participant);

        void onTrackPublished(ParticipantInfo participant, TrackInfo track);

        void onTrackUnpublished(ParticipantInfo participant, TrackInfo track);

        void onTrackEnabledChanged(ParticipantInfo participant, TrackInfo track);

        /** The subscriber offer changed: fetch {@link Participant#subscriberOffer()} and send it. */
        void onSubscriptionsChanged();

        /** The loudest speaker changed; null when nobody speaks. */
        void onDominantSpeakerChanged(String participantSidOrNull);

        /**
         * This participant was disconnected by the server; see {@link DisconnectReason} for the
         * codes. Not called after {@link Participant#leave}. No other method is called afterwards.
         */
        void onDisconnected(int code, String reason);

        /**
         * The participant left without {@link Participant#leave}: its client closed a peer
         * connection on purpose (DTLS close_notify, as when the page is closed). Not a failure;
         * the others saw it leave. No other method is called afterwards.
         */
        default void onLeft(String reason) {}
    }
}

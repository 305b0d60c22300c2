package dev.quorum.signaling.testing;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.room.ClientQuality;
import dev.quorum.sfu.room.OutgoingTrack;
import dev.quorum.sfu.room.Participant;
import dev.quorum.sfu.room.Publication;
import dev.quorum.sfu.room.PublishedMedia;
import dev.quorum.sfu.room.SubscriberOffer;
import dev.quorum.sfu.transport.TransportDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** An engine participant that records what signaling asked of it and answers at once. */
public final class FakeParticipant implements Participant {

    public final String sid = Sid.generate(Sid.PARTICIPANT);
    public final String identity;
    public final RoomInfo room;
    public final Participant.Listener listener;
    public final List<String> calls = new CopyOnWriteArrayList<>() {
        @Override
        public boolean add(String call) {
            boolean added = super.add(call);
            synchronized (FakeParticipant.this) {
                FakeParticipant.this.notifyAll();
            }
            return added;
        }
    };
    public volatile List<PublishedMedia> publications = List.of();
    /** Mids the engine refuses to publish (as video in an audio-only room). */
    public volatile java.util.Set<String> refusedMids = java.util.Set.of();

    public volatile List<OutgoingTrack> sections = new ArrayList<>();
    public volatile long offerVersion;
    public volatile String leftWith;
    public volatile long answeredVersion = -1;
    public volatile Map<String, Integer> answeredExtensions;

    public FakeParticipant(String identity, RoomInfo room, Participant.Listener listener) {
        this.identity = identity;
        this.room = room;
        this.listener = listener;
    }

    @Override
    public String sid() {
        return sid;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public RoomInfo room() {
        return room;
    }

    @Override
    public ParticipantInfo info() {
        return new ParticipantInfo(
                sid, room.sid(), room.accountSid(), identity, ParticipantInfo.CONNECTED, Instant.EPOCH, null);
    }

    @Override
    public CompletionStage<TransportDescription> publisherTransport(String algorithm, String fingerprint) {
        calls.add("publisherTransport " + algorithm + " " + fingerprint);
        return gone() ? failed() : CompletableFuture.completedFuture(TestDescriptions.transport());
    }

    @Override
    public CompletionStage<List<Publication>> updatePublications(List<PublishedMedia> media) {
        publications = media;
        calls.add(
                "updatePublications " + media.stream().map(PublishedMedia::mid).toList());
        List<Publication> tracks = new ArrayList<>();
        for (PublishedMedia m : media) {
            if (refusedMids.contains(m.mid())) {
                continue;
            }
            tracks.add(new Publication(
                    m.mid(),
                    new TrackInfo(
                            "MT" + sid.substring(2, 26) + "00000" + m.mid() + "00",
                            sid,
                            room.sid(),
                            m.trackName() == null ? "track" + m.mid() : m.trackName(),
                            m.kind(),
                            true,
                            m.codec().name(),
                            Instant.EPOCH)));
        }
        return gone() ? failed() : CompletableFuture.completedFuture(tracks);
    }

    @Override
    public void setTrackEnabled(String trackSidOrMid, boolean enabled) {
        calls.add("setTrackEnabled " + trackSidOrMid + " " + enabled);
    }

    @Override
    public CompletionStage<TransportDescription> subscriberTransport(boolean restartIce) {
        calls.add("subscriberTransport " + restartIce);
        return CompletableFuture.completedFuture(TestDescriptions.transport());
    }

    @Override
    public CompletionStage<SubscriberOffer> subscriberOffer() {
        SubscriberOffer offer = new SubscriberOffer(++offerVersion, sections);
        calls.add("subscriberOffer");
        return CompletableFuture.completedFuture(offer);
    }

    @Override
    public CompletionStage<Void> subscriberAnswered(
            long version, String algorithm, String fingerprint, Map<String, Integer> extensions) {
        answeredVersion = version;
        answeredExtensions = extensions;
        calls.add("subscriberAnswered " + version);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void setVideoPreference(String trackSid, int maxWidth, int maxHeight) {
        calls.add("setVideoPreference " + trackSid + " " + maxWidth + "x" + maxHeight);
    }

    @Override
    public void reportQuality(ClientQuality q) {
        calls.add("reportQuality " + q.framesDecoded() + " " + q.freezes() + " " + q.frozenMs() + " " + q.audioSamples()
                + " " + q.concealedSamples());
    }

    @Override
    public void leave(String reason) {
        leftWith = reason;
        calls.add("leave " + reason);
    }

    /**
     * Waits until a call equal to {@code expected} was made (calls arrive from other threads). Each
     * call is logged after the fields it sets, so a test that saw the call also sees them.
     */
    public synchronized void awaitCall(String expected, java.time.Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!calls.contains(expected)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no call '" + expected + "' among " + calls);
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private boolean gone() {
        return leftWith != null;
    }

    private static <T> CompletionStage<T> failed() {
        return CompletableFuture.failedFuture(new RoomException(53204, "participant left"));
    }
}

package dev.quorum.sfu.room;

import dev.quorum.sfu.api.TrackInfo;
import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Steps of a session as signaling would drive them, for engine tests. */
final class EngineFixture {

    final EngineHarness h;

    EngineFixture(EngineHarness h) {
        this.h = h;
    }

    static <T> T get(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates the publisher transport, declares the sections and connects DTLS. */
    List<TrackInfo> publish(Participant p, PublishedMedia... media) {
        get(p.publisherTransport("sha-256", "11:22"));
        List<TrackInfo> tracks = get(p.updatePublications(List.of(media))).stream()
                .map(Publication::track)
                .toList();
        FakeLink link = h.links.publisher(p);
        if (!link.connected) {
            link.connect();
        }
        h.sync();
        return tracks;
    }

    /** Fetches the subscriber offer, answers it accepting every extension and connects DTLS. */
    SubscriberOffer subscribe(Participant p) {
        get(p.subscriberTransport(false));
        SubscriberOffer offer = get(p.subscriberOffer());
        Map<String, Integer> extensions = new HashMap<>();
        offer.sections().forEach(s -> extensions.putAll(s.headerExtensions()));
        get(p.subscriberAnswered(offer.version(), "sha-256", "33:44", extensions));
        FakeLink link = h.links.subscriber(p);
        if (!link.connected) {
            link.connect();
        }
        h.sync();
        return offer;
    }

    /** Sends packets from the publisher at the current manual time (each released after use). */
    void send(Participant publisher, ByteBuf... packets) {
        FakeLink link = h.links.publisher(publisher);
        for (ByteBuf b : packets) {
            link.receiveRtp(b, h.clock.nanoTime());
        }
    }

    static OutgoingTrack section(SubscriberOffer offer, String trackSid) {
        return offer.sections().stream()
                .filter(s -> trackSid.equals(s.trackSid()) && s.active())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no section for " + trackSid));
    }
}

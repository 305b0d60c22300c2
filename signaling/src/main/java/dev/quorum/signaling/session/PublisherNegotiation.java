package dev.quorum.signaling.session;

import dev.quorum.sfu.room.Participant;
import dev.quorum.sfu.room.PublishedMedia;
import dev.quorum.sfu.transport.TransportDescription;
import dev.quorum.signaling.negotiation.CodecPolicy;
import dev.quorum.signaling.negotiation.PublishAnswerWriter;
import dev.quorum.signaling.negotiation.PublishNegotiator;
import dev.quorum.signaling.negotiation.PublishPlan;
import dev.quorum.signaling.protocol.ClientMessage;
import dev.quorum.signaling.protocol.ServerMessages;
import dev.quorum.signaling.sdp.SdpParser;
import dev.quorum.signaling.sdp.SdpWriter;
import dev.quorum.signaling.sdp.SessionDescription;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The publisher peer connection: answers the client's offers one at a time. The transport is
 * created for the first offer and restarted (new ICE credentials) when an offer brings new ones;
 * otherwise later offers (tracks added or removed) reuse it. Touched only on the session's
 * serial executor.
 */
final class PublisherNegotiation {

    // Given
    private final PublishNegotiator negotiator;
    private final Executor serial;

    // Owned
    private final String sessionId = SessionIds.sdpSessionId();
    private long version;
    private String remoteIceUfrag;
    private TransportDescription transport;
    private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);

    PublisherNegotiation(PublishNegotiator negotiator, Executor serial) {
        this.negotiator = negotiator;
        this.serial = serial;
    }

    /**
     * Queues an offer behind the ones still being answered; the stage completes (on the serial
     * executor) with the {@code publishAnswer} message text, or fails with what to tell the client.
     */
    CompletionStage<String> answer(Participant participant, ClientMessage.Publish offer) {
        CompletableFuture<String> result = chain.thenComposeAsync(ignored -> negotiate(participant, offer), serial)
                .toCompletableFuture();
        chain = result.handle((r, e) -> null);
        return result;
    }

    private CompletionStage<String> negotiate(Participant participant, ClientMessage.Publish msg) {
        SessionDescription offer;
        PublishPlan plan;
        try {
            offer = SdpParser.parse(msg.sdp());
            plan = negotiator.negotiate(offer, CodecPolicy.of(participant.room().settings()), msg.trackNames());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletionStage<TransportDescription> transportReady;
        if (transport == null || !plan.remoteIceUfrag().equals(remoteIceUfrag)) {
            transportReady = participant.publisherTransport(
                    plan.remoteFingerprint().algorithm(),
                    plan.remoteFingerprint().value());
        } else {
            transportReady = CompletableFuture.completedFuture(transport);
        }
        return transportReady.thenComposeAsync(
                t -> {
                    transport = t;
                    remoteIceUfrag = plan.remoteIceUfrag();
                    String answer = SdpWriter.write(PublishAnswerWriter.write(plan, t, sessionId, ++version));
                    List<PublishedMedia> media = plan.publications();
                    return participant
                            .updatePublications(media)
                            .thenApplyAsync(
                                    published ->
                                            ServerMessages.publishAnswer(msg.id(), answer, published, rejected(plan)),
                                    serial);
                },
                serial);
    }

    private static List<ServerMessages.Rejected> rejected(PublishPlan plan) {
        return plan.rejected().stream()
                .filter(s -> s.offered().mid() != null)
                .map(s -> new ServerMessages.Rejected(s.offered().mid(), s.reason()))
                .toList();
    }
}

package dev.quorum.signaling.session;

import dev.quorum.sfu.room.Participant;
import dev.quorum.sfu.room.SubscriberOffer;
import dev.quorum.sfu.transport.TransportDescription;
import dev.quorum.signaling.negotiation.SubscriberAnswerReader;
import dev.quorum.signaling.negotiation.SubscriberOfferWriter;
import dev.quorum.signaling.protocol.ClientMessage;
import dev.quorum.signaling.protocol.ErrorCode;
import dev.quorum.signaling.protocol.ProtocolException;
import dev.quorum.signaling.protocol.ServerMessages;
import dev.quorum.signaling.sdp.SdpParser;
import dev.quorum.signaling.sdp.SdpWriter;
import dev.quorum.signaling.sdp.SessionDescription;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The subscriber peer connection: the server offers, the client answers, and at most one offer is
 * outstanding. A change signalled while an offer is out (or being prepared) is remembered and
 * offered as soon as the answer arrives, so every change reaches the client without glare.
 * Touched only on the session's serial executor.
 */
final class SubscriberNegotiation {

    private record Outstanding(long version, SessionDescription offer) {}

    // Given
    private final Executor serial;
    private final Consumer<String> send;

    // Owned
    private final String sessionId = SessionIds.sdpSessionId();
    private TransportDescription transport;
    private Outstanding outstanding;
    private boolean preparing;
    private boolean dirty;

    SubscriberNegotiation(Executor serial, Consumer<String> send) {
        this.serial = serial;
        this.send = send;
    }

    /** The engine's subscriptions changed (or the session just started): offer when possible. */
    void changed(Participant participant) {
        if (outstanding != null || preparing) {
            dirty = true;
            return;
        }
        preparing = true;
        dirty = false;
        // The transport is made with the first offer that has sections: made earlier, it would
        // wait for ICE checks the client has no reason to send, and fail after the consent
        // timeout (a participant alone in a room would be disconnected with 53405).
        participant
                .subscriberOffer()
                .thenCompose(offer -> transport != null || offer.sections().isEmpty()
                        ? CompletableFuture.completedFuture(new Prepared(offer, transport))
                        : participant.subscriberTransport(false).thenApply(t -> new Prepared(offer, t)))
                .whenCompleteAsync(
                        (prepared, failure) -> {
                            preparing = false;
                            if (failure != null) {
                                return; // the participant is gone; the session ends through onDisconnected or leave
                            }
                            transport = prepared.transport();
                            if (!prepared.offer().sections().isEmpty()) {
                                SessionDescription sdp =
                                        SubscriberOfferWriter.write(prepared.offer(), transport, sessionId);
                                outstanding = new Outstanding(prepared.offer().version(), sdp);
                                send.accept(ServerMessages.offer(
                                        prepared.offer().version(),
                                        SdpWriter.write(sdp),
                                        prepared.offer().sections()));
                            } else if (dirty) {
                                changed(participant);
                            }
                        },
                        serial);
    }

    private record Prepared(SubscriberOffer offer, TransportDescription transport) {}

    /**
     * The client's answer; completes (on the serial executor) once the engine took it, and
     * offers again if something changed meanwhile.
     */
    CompletionStage<Void> answered(Participant participant, ClientMessage.Answer msg) {
        Outstanding o = outstanding;
        if (o == null || o.version() != msg.version()) {
            return CompletableFuture.failedFuture(new ProtocolException(
                    ErrorCode.UNEXPECTED_MESSAGE,
                    "no offer with version " + msg.version() + " is waiting for an answer"
                            + (o == null ? "" : " (the outstanding offer is version " + o.version() + ")")));
        }
        SubscriberAnswerReader.Accepted accepted;
        try {
            accepted = SubscriberAnswerReader.read(o.offer(), SdpParser.parse(msg.sdp()));
        } catch (Exception e) {
            // The offer is withdrawn: a fresh one follows, so a client that failed can recover.
            outstanding = null;
            changed(participant);
            return CompletableFuture.failedFuture(e);
        }
        CompletionStage<Void> taken = accepted.fingerprint() == null
                ? CompletableFuture.completedFuture(null)
                : participant.subscriberAnswered(
                        o.version(),
                        accepted.fingerprint().algorithm(),
                        accepted.fingerprint().value(),
                        accepted.extensions());
        return taken.whenCompleteAsync(
                (v, e) -> {
                    if (outstanding == o) {
                        outstanding = null;
                        if (dirty) {
                            changed(participant);
                        }
                    }
                },
                serial);
    }

    /** A change while no socket is attached: offer it on resume. */
    void deferred() {
        dirty = true;
    }

    /** After a resume the client may have missed the outstanding offer: withdraw it and offer afresh. */
    void reoffer(Participant participant) {
        if (outstanding != null) {
            outstanding = null;
            changed(participant);
        } else if (dirty && !preparing) {
            changed(participant);
        }
    }
}

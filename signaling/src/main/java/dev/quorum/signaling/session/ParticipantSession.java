package dev.quorum.signaling.session;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.room.ClientQuality;
import dev.quorum.sfu.room.DisconnectReason;
import dev.quorum.sfu.room.Participant;
import dev.quorum.signaling.protocol.ClientMessage;
import dev.quorum.signaling.protocol.CloseCodes;
import dev.quorum.signaling.protocol.ErrorCode;
import dev.quorum.signaling.protocol.ServerMessages;
import dev.quorum.signaling.token.AccessToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant's signaling: created on {@code join}, it outlives a dropped socket for the
 * resume window. While no socket is attached (before {@code joined} went out, or after a drop)
 * outgoing messages are kept in order and delivered on attach. All state is touched on
 * {@link #serial()} only; the engine's listener calls hop onto it.
 */
final class ParticipantSession implements Participant.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantSession.class);

    // Given
    private final Signaling signaling;
    private final SerialExecutor serial;
    private final AccessToken token;
    private final String sdk;

    // Owned
    private final String resumeToken = SessionIds.resumeToken();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final PublisherNegotiation publisher;
    private final SubscriberNegotiation subscriber;
    private Participant participant;
    private ConnectionHandler attached;
    private Scheduler.Cancellable expiry;
    private boolean ended;

    /**
     * @param sdk the client's self-description from {@code join} (for logs), or null
     */
    ParticipantSession(Signaling signaling, AccessToken token, String sdk) {
        this.signaling = signaling;
        this.sdk = sdk;
        this.serial = new SerialExecutor(signaling.executor());
        this.token = token;
        this.publisher = new PublisherNegotiation(signaling.negotiator(), serial);
        this.subscriber = new SubscriberNegotiation(serial, this::sendOffer);
    }

    SerialExecutor serial() {
        return serial;
    }

    AccessToken token() {
        return token;
    }

    Participant participant() {
        return participant;
    }

    boolean resumableWith(AccessToken t, String presentedResumeToken) {
        // A client token names a fresh connection each time it is verified: it resumes by session.
        boolean sameClient = token.client() == null
                ? t.identity().equals(token.identity())
                : t.client() != null
                        && t.client().sessionId().equals(token.client().sessionId());
        return !ended
                && participant != null
                && t.accountSid().equals(token.accountSid())
                && sameClient
                && MessageDigest.isEqual(
                        resumeToken.getBytes(StandardCharsets.US_ASCII),
                        presentedResumeToken.getBytes(StandardCharsets.US_ASCII));
    }

    /** The engine accepted the join: attach the socket that asked, send {@code joined}, offer. */
    void joined(Participant p, ConnectionHandler connection) {
        participant = p;
        LOG.info(
                "{} joined room {} as {} ({})",
                token.identity(),
                p.room().sid(),
                p.sid(),
                sdk == null ? "unnamed client" : sdk);
        signaling.registry().add(p.sid(), this);
        signaling.metrics().sessionStarted();
        try {
            signaling.verifier().joined(token, p.room().sid(), p.sid());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not record the connection of {} in room {}",
                    p.sid(),
                    p.room().sid(),
                    e);
        }
        attach(connection, "joined");
        subscriber.changed(p);
    }

    /**
     * A new socket takes over this session ({@code resume}). Offers kept while away are dropped:
     * the client gets one fresh offer instead, so it never holds two.
     */
    void resumed(ConnectionHandler connection) {
        if (attached != null && attached != connection) {
            attached.replaced();
        }
        pending.removeIf(Pending::offer);
        attach(connection, "resumed");
        subscriber.reoffer(participant);
    }

    private void attach(ConnectionHandler connection, String type) {
        if (expiry != null) {
            expiry.cancel();
            expiry = null;
        }
        attached = connection;
        connection.attached(this);
        connection.send(
                ServerMessages.joined(type, participant.room(), participant.info(), resumeToken, signaling.limits()));
        while (!pending.isEmpty()) {
            connection.send(pending.poll().text());
        }
    }

    /**
     * The attached socket closed without {@code leave}. A client that closed it on purpose (its
     * page was closed) is gone: the participant leaves now. After a drop, wait for a resume, then
     * give up.
     */
    void detached(ConnectionHandler connection, boolean closedByClient) {
        if (attached != connection || ended) {
            return;
        }
        attached = null;
        if (closedByClient) {
            end("the client closed the signaling connection");
            return;
        }
        if (signaling.config().resumeWindow().isZero()) {
            end("signaling connection lost");
            return;
        }
        expiry = signaling
                .scheduler()
                .schedule(
                        signaling.config().resumeWindow(),
                        () -> serial.execute(() -> {
                            if (attached == null) {
                                end("signaling connection lost");
                            }
                        }));
    }

    /** A message from the attached socket. */
    void handle(ClientMessage m) {
        if (ended) {
            return;
        }
        if (m instanceof ClientMessage.Publish p && !token.mayPublish()) {
            error(
                    m,
                    Failures.of(
                            ErrorCode.NOT_ALLOWED,
                            "the client token's role '" + token.client().role() + "' may not publish"));
        } else if (m instanceof ClientMessage.Publish p) {
            publisher.answer(participant, p).whenComplete((answer, failure) -> {
                if (failure != null) {
                    fail(m, failure);
                } else {
                    send(answer);
                }
            });
        } else if (m instanceof ClientMessage.Answer a) {
            subscriber.answered(participant, a).whenComplete((v, failure) -> {
                if (failure != null) {
                    fail(m, failure);
                }
            });
        } else if (m instanceof ClientMessage.SetTrackEnabled s) {
            participant.setTrackEnabled(s.track(), s.enabled());
        } else if (m instanceof ClientMessage.SetVideoPreference v) {
            participant.setVideoPreference(v.track(), v.maxWidth(), v.maxHeight());
        } else if (m instanceof ClientMessage.Quality q) {
            signaling.metrics().quality(q);
            participant.reportQuality(new ClientQuality(
                    q.framesDecoded(), q.freezes(), q.frozenMs(), q.audioSamples(), q.concealedSamples()));
        } else if (m instanceof ClientMessage.Ping p) {
            send(ServerMessages.pong(p.id()));
        } else if (m instanceof ClientMessage.Leave) {
            ConnectionHandler c = attached;
            end("left");
            if (c != null) {
                c.close(CloseCodes.NORMAL, "left");
            }
        } else {
            error(m, Failures.of(ErrorCode.UNEXPECTED_MESSAGE, "already joined"));
        }
    }

    private void fail(ClientMessage m, Throwable failure) {
        Failures f = Failures.of(failure);
        if (f.internal()) {
            LOG.warn("Handling {} for {} failed", m.type(), participant.sid(), failure);
        }
        error(m, f);
    }

    private void error(ClientMessage m, Failures f) {
        signaling.metrics().error(f.code());
        send(ServerMessages.error(f.code(), f.name(), f.message(), m.type(), m.id(), f.line()));
    }

    /** Sends to the attached socket, or keeps the message for the next one. */
    void send(String text) {
        send(text, false);
    }

    private void sendOffer(String text) {
        send(text, true);
    }

    private void send(String text, boolean offer) {
        if (ended) {
            return;
        }
        if (attached != null) {
            attached.send(text);
            return;
        }
        pending.add(new Pending(text, offer));
        if (participant != null && pending.size() > signaling.config().maxBufferedMessages()) {
            end("signaling connection lost (too many undelivered messages)");
        }
    }

    /** Leaves the room and forgets the session. */
    void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        pending.clear();
        if (expiry != null) {
            expiry.cancel();
        }
        if (participant != null) {
            LOG.info(
                    "{} ({}) left room {}: {}",
                    participant.sid(),
                    token.identity(),
                    participant.room().sid(),
                    reason);
            participant.leave(reason);
            signaling.registry().remove(participant.sid(), this);
            signaling.metrics().sessionEnded();
        }
    }

    /** A message waiting for a socket; offers are told apart because a resume replaces them. */
    private record Pending(String text, boolean offer) {}

    // ------------------------------------------------------------------------------------------
    // Participant.Listener: called on the room's event loop; hop onto the session.

    @Override
    public void onParticipantConnected(ParticipantInfo p, List<TrackInfo> tracks) {
        serial.execute(() -> send(ServerMessages.participantConnected(p, tracks)));
    }

    @Override
    public void onParticipantDisconnected(ParticipantInfo p) {
        serial.execute(() -> send(ServerMessages.participantDisconnected(p)));
    }

    @Override
    public void onTrackPublished(ParticipantInfo p, TrackInfo t) {
        serial.execute(() -> send(ServerMessages.trackEvent("trackPublished", p, t)));
    }

    @Override
    public void onTrackUnpublished(ParticipantInfo p, TrackInfo t) {
        serial.execute(() -> send(ServerMessages.trackEvent("trackUnpublished", p, t)));
    }

    @Override
    public void onTrackEnabledChanged(ParticipantInfo p, TrackInfo t) {
        serial.execute(() -> send(ServerMessages.trackEvent("trackEnabled", p, t)));
    }

    @Override
    public void onSubscriptionsChanged() {
        serial.execute(() -> {
            if (participant == null || ended) {
                return;
            }
            if (attached == null) {
                subscriber.deferred();
            } else {
                subscriber.changed(participant);
            }
        });
    }

    @Override
    public void onDominantSpeakerChanged(String participantSidOrNull) {
        serial.execute(() -> send(ServerMessages.dominantSpeaker(participantSidOrNull)));
    }

    @Override
    public void onDisconnected(int code, String reason) {
        serial.execute(() -> {
            if (ended) {
                return;
            }
            ConnectionHandler c = attached;
            if (c != null) {
                signaling.metrics().error(code);
                c.send(ServerMessages.disconnected(code, reason));
                c.close(
                        code == DisconnectReason.DUPLICATE_IDENTITY ? CloseCodes.REPLACED : CloseCodes.DISCONNECTED,
                        code + " " + reason);
            }
            ended = true;
            pending.clear();
            if (expiry != null) {
                expiry.cancel();
            }
            if (participant != null) {
                signaling.registry().remove(participant.sid(), this);
                signaling.metrics().sessionEnded();
            }
        });
    }

    /** The client closed its peer connection: it left, so the socket closes normally. */
    @Override
    public void onLeft(String reason) {
        serial.execute(() -> {
            if (ended) {
                return;
            }
            ConnectionHandler c = attached;
            end(reason);
            if (c != null) {
                c.close(CloseCodes.NORMAL, "left");
            }
        });
    }
}

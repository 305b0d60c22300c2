package dev.quorum.signaling.session;

import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.room.Participant;
import dev.quorum.signaling.protocol.ClientMessage;
import dev.quorum.signaling.protocol.CloseCodes;
import dev.quorum.signaling.protocol.ErrorCode;
import dev.quorum.signaling.protocol.MessageDecoder;
import dev.quorum.signaling.protocol.ProtocolException;
import dev.quorum.signaling.protocol.RateLimiter;
import dev.quorum.signaling.protocol.ServerMessages;
import dev.quorum.signaling.token.AccessToken;
import dev.quorum.signaling.token.TokenRefusal;
import dev.quorum.signaling.token.TokenRefusedException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client WebSocket: enforces the size and rate limits, decodes messages, handles
 * {@code join}/{@code resume} and the join timeout, then hands messages to its
 * {@link ParticipantSession}. Errors before joining close the socket (an unauthenticated socket
 * has nothing else to do); after joining they are reported and the session goes on, except for
 * the flow-control violations. Its state is touched on its own serial executor.
 */
public final class ConnectionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private enum State {
        AWAITING_JOIN,
        JOINING,
        JOINED,
        CLOSED
    }

    // Given
    private final Signaling signaling;
    private final Connection connection;

    // Owned
    private final SerialExecutor serial;
    private final RateLimiter limiter;
    private State state = State.AWAITING_JOIN;
    private volatile boolean closing;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private ParticipantSession session;
    private Scheduler.Cancellable joinTimeout;

    ConnectionHandler(Signaling signaling, Connection connection) {
        this.signaling = signaling;
        this.connection = connection;
        this.serial = new SerialExecutor(signaling.executor());
        this.limiter = new RateLimiter(
                signaling.config().messagesPerSecond(), signaling.config().burst(), signaling.nanoClock());
        signaling.metrics().connectionOpened();
        joinTimeout = signaling
                .scheduler()
                .schedule(
                        signaling.config().joinTimeout(),
                        () -> serial.execute(() -> {
                            if (state == State.AWAITING_JOIN) {
                                closeWithError(
                                        null,
                                        Failures.of(
                                                ErrorCode.JOIN_TIMEOUT,
                                                "no join or resume within "
                                                        + signaling
                                                                .config()
                                                                .joinTimeout()
                                                                .toSeconds() + " s"),
                                        CloseCodes.JOIN_TIMEOUT);
                            }
                        }));
    }

    /** A text message arrived. */
    public void onText(String text) {
        serial.execute(() -> {
            try {
                receive(text);
            } catch (RuntimeException e) {
                // A bug or a failed dependency (the key store): the client is told rather than left
                // waiting for an answer that will not come.
                LOG.error("Signaling message failed", e);
                if (!closing && state != State.CLOSED) {
                    closeWithError(
                            null,
                            Failures.of(ErrorCode.INTERNAL, "the server failed to handle the message"),
                            CloseCodes.SERVER_ERROR);
                }
            }
        });
    }

    /** A binary message arrived: the protocol has none. */
    public void onBinary() {
        serial.execute(() -> {
            if (!closing && state != State.CLOSED && admitted()) {
                reject(
                        null,
                        null,
                        Failures.of(ErrorCode.INVALID_MESSAGE, "binary messages are not part of the protocol"));
            }
        });
    }

    /** What {@link #onClosed(int)} is given when the socket ended without a close frame. */
    public static final int NO_CLOSE_CODE = 1006;

    /** The socket dropped without a close frame (a network failure): the session may resume. */
    public void onClosed() {
        onClosed(NO_CLOSE_CODE);
    }

    /**
     * The socket closed, by either side.
     *
     * @param closeCode the close frame's status code; 1000 (normal) or 1001 (going away: the page
     *                  was closed or navigated away) from the client means it left, so its
     *                  participant leaves at once instead of waiting for a resume
     */
    public void onClosed(int closeCode) {
        boolean leaving = closeCode == CloseCodes.NORMAL || closeCode == CloseCodes.GOING_AWAY;
        signaling.forget(this);
        serial.execute(() -> {
            state = State.CLOSED;
            closed.complete(null);
            cancelJoinTimeout();
            signaling.metrics().connectionClosed();
            // Also when we closed it (a flood, an oversized message): the session then waits for
            // a resume, and without one it ends when the window does. A session that moved to
            // another socket or ended ignores this.
            ParticipantSession s = session;
            if (s != null) {
                s.serial().execute(() -> s.detached(this, leaving));
            }
        });
    }

    private void receive(String text) {
        if (closing || state == State.CLOSED || !admitted()) {
            return;
        }
        if (utf8Length(text) > signaling.config().maxMessageBytes()) {
            signaling.metrics().message(null);
            closeWithError(
                    null,
                    Failures.of(
                            ErrorCode.MESSAGE_TOO_LARGE,
                            "messages may be at most " + signaling.config().maxMessageBytes() + " bytes"),
                    CloseCodes.MESSAGE_TOO_LARGE);
            return;
        }
        ClientMessage m;
        try {
            m = MessageDecoder.decode(text);
        } catch (ProtocolException e) {
            String type = MessageDecoder.typeOf(text);
            signaling.metrics().message(e.code() == ErrorCode.UNKNOWN_TYPE ? "unknown" : null);
            reject(type, null, Failures.of(e.code(), e.getMessage()));
            return;
        }
        signaling.metrics().message(m.type());
        if (state == State.JOINED) {
            ParticipantSession s = session;
            s.serial().execute(() -> s.handle(m));
        } else if (state == State.JOINING) {
            reject(
                    m.type(),
                    m.id(),
                    Failures.of(ErrorCode.UNEXPECTED_MESSAGE, "wait for joined before sending " + m.type()));
        } else if (m instanceof ClientMessage.Join j) {
            join(j);
        } else if (m instanceof ClientMessage.Resume r) {
            resume(r);
        } else if (m instanceof ClientMessage.Ping p) {
            send(ServerMessages.pong(p.id()));
        } else {
            reject(m.type(), m.id(), Failures.of(ErrorCode.UNEXPECTED_MESSAGE, "send join (or resume) first"));
        }
    }

    /** Rate limit: a flood closes the socket (the participant stays for the resume window). */
    private boolean admitted() {
        if (limiter.tryAcquire()) {
            return true;
        }
        closeWithError(
                null,
                Failures.of(
                        ErrorCode.RATE_LIMITED,
                        "more than " + signaling.config().messagesPerSecond() + " messages per second"),
                CloseCodes.RATE_LIMITED);
        return false;
    }

    private void join(ClientMessage.Join j) {
        AccessToken token = verify(j.type(), j.id(), j.token());
        if (token == null) {
            return;
        }
        String room = j.room() != null ? j.room() : token.room();
        if (room == null || room.isEmpty()) {
            reject(
                    j.type(),
                    j.id(),
                    Failures.of(ErrorCode.INVALID_MESSAGE, "'room' is required when the token does not grant a room"));
            return;
        }
        if (token.room() != null) {
            Optional<RoomInfo> existing = signaling.rooms().findRoom(token.accountSid(), room);
            if (!token.allowsRoom(room, existing.orElse(null))) {
                refuseToken(
                        j.type(),
                        j.id(),
                        new TokenRefusedException(
                                TokenRefusal.ROOM_NOT_GRANTED,
                                "the access token grants room '" + token.room() + "', not '" + room + "'"));
                return;
            }
        }
        state = State.JOINING;
        cancelJoinTimeout();
        ParticipantSession s = new ParticipantSession(signaling, token, j.sdk());
        CompletionStage<Participant> joining;
        try {
            joining = token.client() != null
                    ? signaling
                            .rooms()
                            .join(token.accountSid(), room, token.client().roomSettings(), token.identity(), s)
                    : signaling.rooms().join(token.accountSid(), room, token.identity(), s);
        } catch (RuntimeException e) {
            joining = CompletableFuture.failedFuture(e);
        }
        joining.whenComplete((p, failure) -> s.serial().execute(() -> {
            if (failure != null) {
                serial.execute(() -> roomRefused(j, failure));
            } else if (!signaling.accepting()) {
                p.leave("server shutting down");
            } else {
                s.joined(p, this);
            }
        }));
    }

    private void roomRefused(ClientMessage.Join j, Throwable failure) {
        Throwable e =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        Failures f = Failures.of(e);
        closeWithError(j, f, e instanceof RoomException ? CloseCodes.ROOM_REFUSED : CloseCodes.SERVER_ERROR);
    }

    private void resume(ClientMessage.Resume r) {
        AccessToken token = verify(r.type(), r.id(), r.token());
        if (token == null) {
            return;
        }
        Optional<ParticipantSession> found = signaling.registry().find(r.participantSid());
        if (found.isEmpty()) {
            report(
                    r.type(),
                    r.id(),
                    Failures.of(
                            ErrorCode.RESUME_FAILED,
                            "no session of participant " + r.participantSid() + " can be resumed; send join"));
            return;
        }
        ParticipantSession s = found.get();
        state = State.JOINING;
        cancelJoinTimeout();
        s.serial().execute(() -> {
            if (s.resumableWith(token, r.resumeToken())) {
                s.resumed(this);
            } else {
                serial.execute(() -> {
                    state = State.AWAITING_JOIN;
                    report(
                            r.type(),
                            r.id(),
                            Failures.of(
                                    ErrorCode.RESUME_FAILED,
                                    "the session of participant " + r.participantSid()
                                            + " cannot be resumed with this token; send join"));
                });
            }
        });
    }

    private AccessToken verify(String type, String id, String token) {
        try {
            return signaling.verifier().verify(token);
        } catch (TokenRefusedException e) {
            refuseToken(type, id, e);
            return null;
        }
    }

    private void refuseToken(String type, String id, TokenRefusedException e) {
        signaling.metrics().tokenRefused(e.refusal());
        Failures f = new Failures(e.refusal().code(), e.refusal().tag(), e.getMessage(), 0, null);
        signaling.metrics().error(f.code());
        send(ServerMessages.error(f.code(), f.name(), f.message(), type, id, 0));
        close(CloseCodes.TOKEN_REFUSED, f.code() + " " + e.refusal().tag());
    }

    // ------------------------------------------------------------------------------------------
    // Called by the session (on the session's executor)

    void attached(ParticipantSession s) {
        serial.execute(() -> {
            if (state == State.CLOSED) {
                s.serial().execute(() -> s.detached(this, false));
                return;
            }
            session = s;
            state = State.JOINED;
        });
    }

    /** A resume on another socket took the session over. */
    void replaced() {
        serial.execute(() -> {
            session = null;
            close(CloseCodes.REPLACED, ErrorCode.RESUME_FAILED.code() + " resumed on another connection");
        });
    }

    void send(String text) {
        connection.send(text);
    }

    /** Closes the socket; the stage completes once the close went out (or it was closed already). */
    CompletionStage<Void> close(short code, String reason) {
        if (closing) {
            return closed;
        }
        closing = true;
        serial.execute(() -> {
            if (state != State.CLOSED) {
                state = State.CLOSED;
                cancelJoinTimeout();
                connection.close(code, reason.length() > 120 ? reason.substring(0, 120) : reason);
            }
            closed.complete(null);
        });
        return closed;
    }

    // ------------------------------------------------------------------------------------------

    /** Before joining an error closes the socket; after, it is reported and the session goes on. */
    private void reject(String type, String id, Failures f) {
        report(type, id, f);
        if (state == State.AWAITING_JOIN) {
            close(CloseCodes.PROTOCOL_VIOLATION, f.code() + " " + f.name());
        }
    }

    /** Sends an error and keeps the socket open (a failed resume may be followed by a join). */
    private void report(String type, String id, Failures f) {
        signaling.metrics().error(f.code());
        send(ServerMessages.error(f.code(), f.name(), f.message(), type, id, f.line()));
    }

    private void closeWithError(ClientMessage cause, Failures f, short closeCode) {
        signaling.metrics().error(f.code());
        send(ServerMessages.error(
                f.code(),
                f.name(),
                f.message(),
                cause == null ? null : cause.type(),
                cause == null ? null : cause.id(),
                f.line(),
                f.location()));
        close(closeCode, f.code() + " " + f.name());
    }

    private void cancelJoinTimeout() {
        if (joinTimeout != null) {
            joinTimeout.cancel();
            joinTimeout = null;
        }
    }

    /** Exact for long texts; a bound for short ones, which are below any allowed limit anyway. */
    private static int utf8Length(String s) {
        return s.length() * 3 < 4096 ? s.length() * 3 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}

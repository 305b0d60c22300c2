package dev.quorum.signaling.session;

import dev.quorum.sfu.api.RoomException;
import dev.quorum.signaling.negotiation.NegotiationException;
import dev.quorum.signaling.protocol.ErrorCode;
import dev.quorum.signaling.protocol.ProtocolException;
import dev.quorum.signaling.sdp.SdpParseException;
import java.util.concurrent.CompletionException;

/**
 * What the client is told when handling its message failed; {@code location} is the server to
 * connect to instead (a room hosted elsewhere), or null.
 */
record Failures(int code, String name, String message, int line, String location) {

    static Failures of(Throwable t) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (e instanceof ProtocolException p) {
            return of(p.code(), p.getMessage());
        }
        if (e instanceof SdpParseException s) {
            return new Failures(
                    ErrorCode.INVALID_SDP.code(),
                    ErrorCode.INVALID_SDP.wireName(),
                    "invalid SDP: " + s.getMessage(),
                    s.lineNumber(),
                    null);
        }
        if (e instanceof NegotiationException n) {
            ErrorCode c = n.kind() == NegotiationException.Kind.NO_USABLE_CODEC
                    ? ErrorCode.NO_USABLE_CODEC
                    : ErrorCode.INVALID_SDP;
            return of(c, n.getMessage());
        }
        if (e instanceof RoomException r) {
            return new Failures(r.code(), "room_error", r.getMessage(), 0, r.location());
        }
        return of(ErrorCode.INTERNAL, "the server failed to handle the message");
    }

    static Failures of(ErrorCode code, String message) {
        return new Failures(code.code(), code.wireName(), message, 0, null);
    }

    boolean internal() {
        return code == ErrorCode.INTERNAL.code();
    }
}

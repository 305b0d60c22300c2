package dev.quorum.signaling.negotiation;

/** A description the server cannot negotiate with; the message says what to change. */
public final class NegotiationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why negotiation failed. */
    public enum Kind {
        /** The offer breaks a rule this server relies on (no BUNDLE, no rtcp-mux, no fingerprint…). */
        UNSUPPORTED_OFFER,
        /** No m-section has a codec the room allows. */
        NO_USABLE_CODEC,
        /** The client's answer does not match the server's offer. */
        INVALID_ANSWER
    }

    private final Kind kind;

    public NegotiationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

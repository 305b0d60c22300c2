package dev.quorum.signaling.token;

/** A token that does not let its holder in; {@link #refusal()} says why. */
public final class TokenRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final TokenRefusal refusal;

    public TokenRefusedException(TokenRefusal refusal) {
        this(refusal, refusal.message());
    }

    public TokenRefusedException(TokenRefusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    public TokenRefusal refusal() {
        return refusal;
    }
}

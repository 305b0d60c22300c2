package dev.quorum.signaling.token;

/**
 * Turns the token a client presents in {@code join} or {@code resume} into what it may do.
 * Implementations are thread-safe.
 */
public interface TokenVerifier {

    /** @throws TokenRefusedException saying why the token does not let its holder in */
    AccessToken verify(String token) throws TokenRefusedException;

    /**
     * A client joined with {@code token} and became {@code participantSid} in {@code roomSid}.
     * Called on the session's executor; may block briefly (it records the connection).
     */
    default void joined(AccessToken token, String roomSid, String participantSid) {}

    /**
     * Access tokens, and also the archive API's client tokens when {@code clients} is given: an
     * OpenTok {@code T1==} token or an RS256 JWT goes to {@code clients}, anything else to
     * {@code access}.
     */
    static TokenVerifier of(AccessTokenVerifier access, ClientTokenVerifier clients) {
        if (clients == null) {
            return access;
        }
        return new TokenVerifier() {
            @Override
            public AccessToken verify(String token) throws TokenRefusedException {
                return ClientTokenVerifier.isClientToken(token) ? clients.verify(token) : access.verify(token);
            }

            @Override
            public void joined(AccessToken token, String roomSid, String participantSid) {
                if (token.client() != null) {
                    clients.joined(token, roomSid, participantSid);
                }
            }
        };
    }
}

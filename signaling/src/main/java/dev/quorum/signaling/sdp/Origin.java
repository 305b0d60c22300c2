package dev.quorum.signaling.sdp;

/**
 * The {@code o=} line. A description's session id stays fixed for a peer connection; its version
 * increases with every new offer or answer that changes something (RFC 8829 §5.2.2).
 *
 * @param sessionId decimal digits, kept as text because browsers use the full 63-bit range
 */
public record Origin(String username, String sessionId, long sessionVersion, String address) {

    public String text() {
        return username + " " + sessionId + " " + sessionVersion + " IN IP4 " + address;
    }
}

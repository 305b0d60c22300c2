package dev.quorum.sfu.transport;

/** Why a transport closed; the {@code reason} tag of {@code quorum.media.transports.closed}. */
public enum CloseReason {
    /** {@link Transport#close()} was called. */
    CLOSED_LOCALLY(false),
    /** The media port shut down. */
    PORT_CLOSED(false),
    /** The peer sent DTLS close_notify. */
    DTLS_CLOSED_BY_PEER(false),
    /** No valid ICE check arrived within the consent timeout after the transport was created. */
    ICE_TIMEOUT(true),
    /** Consent freshness (RFC 7675) expired: no valid ICE check within the consent timeout. */
    CONSENT_EXPIRED(true),
    /** The DTLS handshake did not complete within the handshake timeout. */
    DTLS_TIMEOUT(true),
    /** The DTLS handshake failed (certificate mismatch, no common SRTP profile, bad message…). */
    DTLS_FAILED(true),
    /** The peer sent a fatal DTLS alert after the handshake. */
    DTLS_ALERT(true);

    private final boolean failure;

    CloseReason(boolean failure) {
        this.failure = failure;
    }

    /** Whether the transport failed, as opposed to being ended on purpose by either side. */
    public boolean isFailure() {
        return failure;
    }
}

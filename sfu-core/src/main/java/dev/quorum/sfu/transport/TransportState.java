package dev.quorum.sfu.transport;

/** Where a transport is in its life; the {@code state} tag of the {@code quorum.media.transports} gauge. */
public enum TransportState {
    /** Created; waiting for the first valid ICE check. */
    NEW,
    /** ICE selected a tuple; the DTLS handshake has not completed yet. */
    CONNECTING,
    /** DTLS done and SRTP keys in place: media flows. */
    CONNECTED,
    /** Closed for good; see {@link CloseReason}. */
    CLOSED
}

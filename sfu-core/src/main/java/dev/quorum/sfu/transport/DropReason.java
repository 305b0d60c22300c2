package dev.quorum.sfu.transport;

/**
 * Why the media port discarded a packet; the {@code reason} tag (lower case) of
 * {@code quorum.packets.dropped} in the stages {@code port_in}, {@code transport_in},
 * {@code transport_out} and {@code dtls}.
 * Every discard on the packet path increments exactly one of these; none is logged per packet.
 */
public enum DropReason {
    /** First byte outside the STUN, DTLS and RTP/RTCP ranges of RFC 7983 (or an empty frame). */
    UNKNOWN_PROTOCOL,
    /** Not a well-formed STUN message (truncated, oversized, bad length, cookie or FINGERPRINT). */
    STUN_MALFORMED,
    /** A STUN request without USERNAME, or whose USERNAME names no transport of ours. */
    STUN_UNKNOWN_USERNAME,
    /** A STUN response or indication (we send no requests; consent keepalives may be indications). */
    STUN_IGNORED,
    /** A request answered 400: not Binding, or missing FINGERPRINT, USERNAME, MESSAGE-INTEGRITY or PRIORITY. */
    STUN_BAD_REQUEST,
    /** A request answered 401: MESSAGE-INTEGRITY does not match our password, or USERNAME is not ours. */
    STUN_UNAUTHORIZED,
    /** A request answered 420: it carries a comprehension-required attribute we do not know. */
    STUN_UNKNOWN_ATTRIBUTE,
    /** DTLS, RTP or RTCP from an address (or TCP connection) no valid ICE check came from. */
    UNVALIDATED_SOURCE,
    /** Not a sequence of well-formed DTLS records. */
    DTLS_MALFORMED,
    /** More DTLS datagrams waiting for the handshake worker than it will queue. */
    DTLS_QUEUE_FULL,
    /**
     * A ClientHello while the most DTLS handshakes allowed are in progress
     * ({@code media.dtls.max-handshakes}); the client's retransmission tries again.
     */
    DTLS_HANDSHAKE_LIMIT,
    /** DTLS application data or a record after the DTLS session ended (data channels are not offered). */
    DTLS_UNEXPECTED,
    /** RTP or RTCP before the DTLS handshake produced SRTP keys. */
    SRTP_NOT_READY,
    /** SRTP or SRTCP authentication failed (wrong key, corrupted or forged packet). */
    SRTP_AUTH_FAILED,
    /** SRTP or SRTCP index already seen or older than the replay window. */
    SRTP_REPLAYED,
    /** Too short or otherwise not an SRTP/SRTCP packet. */
    SRTP_INVALID,
    /** A new SSRC when the transport already keeps the maximum number of SRTP contexts. */
    SRTP_TOO_MANY_STREAMS,
    /** Outbound: the SRTP context refused to protect the packet. */
    SRTP_PROTECT_FAILED,
    /** Inbound packets waiting to move to the transport's event loop overflowed its queue. */
    HANDOFF_QUEUE_FULL,
    /** Outbound: no ICE tuple is selected yet (or any more). */
    NO_SELECTED_TUPLE,
    /** The packet arrived for, or was sent on, a transport that is closed. */
    TRANSPORT_CLOSED
}

package dev.quorum.sfu.room;

/**
 * Why the forwarding engine dropped a packet: the {@code reason} tag (lower case) of
 * {@code quorum.packets.dropped} in the stages {@code room_in} (what the transports hand to the
 * room), {@code subscription} (a received packet offered to one subscription) and
 * {@code subscriber_out} (a packet written for a subscriber, before its transport). Each drop
 * counts once, under one reason.
 */
public enum DropReason {
    /** {@code room_in}: not a parsable RTP packet (truncated header, bad extension or padding lengths). */
    MALFORMED_RTP,
    /** {@code room_in}: not a parsable (compound) RTCP packet. */
    MALFORMED_RTCP,
    /** {@code room_in}: RTP from an SSRC no published section claims (no mid/rid to latch it, or its mid is unknown). */
    UNKNOWN_SSRC,
    /** {@code room_in}: RTP whose payload type is neither the section's codec nor its RTX. */
    UNKNOWN_PAYLOAD_TYPE,
    /** {@code room_in}: an RTX packet for a stream that is not (yet) known, or too short to carry a sequence number. */
    BAD_RTX,
    /** {@code room_in}: padding-only packets (bandwidth probes): counted for feedback, never forwarded. */
    PADDING_ONLY,
    /** {@code room_in}: a packet already received (a retransmission that arrived after the original, a duplicate). */
    DUPLICATE,
    /** {@code room_in}: RTP on a subscriber connection, where the server only sends. */
    UNEXPECTED_RTP,
    /** {@code room_in}: media of a track the room refused (video in an audio-only room). */
    REFUSED_TRACK,
    /** {@code room_in}: the peer connection was already closed (the participant is leaving). */
    CONNECTION_CLOSED,
    /** {@code subscription}: the subscriber has not answered the offer with this track, or is not connected yet. */
    NOT_ACTIVE,
    /** {@code subscription}: video before the first keyframe the subscriber can decode from. */
    WAITING_FOR_KEYFRAME,
    /** {@code subscription}: a simulcast layer other than the one forwarded to this subscriber. */
    LAYER_NOT_SELECTED,
    /** {@code subscription}: a late packet of the layer forwarded before a switch. */
    BEFORE_LAYER_SWITCH,
    /** {@code subscriber_out}: the subscriber's transport is not connected (DTLS not done, or gone). */
    NOT_CONNECTED
}

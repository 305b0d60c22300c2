package dev.quorum.sfu.room;

import java.util.Locale;

/** Why the engine dropped a packet it received; each drop counts once under its reason. */
public enum DropReason {
    /** Not a parsable RTP packet (truncated header, bad extension or padding lengths). */
    MALFORMED_RTP,
    /** Not a parsable (compound) RTCP packet. */
    MALFORMED_RTCP,
    /** RTP from an SSRC no published section claims (no mid/rid to latch it, or its mid is unknown). */
    UNKNOWN_SSRC,
    /** RTP whose payload type is neither the section's codec nor its RTX. */
    UNKNOWN_PAYLOAD_TYPE,
    /** An RTX packet for a stream that is not (yet) known, or too short to carry a sequence number. */
    BAD_RTX,
    /** Padding-only packets (bandwidth probes): counted for feedback, never forwarded. */
    PADDING_ONLY,
    /** A packet already received (a retransmission that arrived after the original, a duplicate). */
    DUPLICATE,
    /** RTP on a subscriber connection, where the server only sends. */
    UNEXPECTED_RTP,
    /** Media of a track the room refused (video in an audio-only room). */
    REFUSED_TRACK,
    /** The subscriber's transport could not take the packet (not connected, not writable). */
    SEND_FAILED;

    /** The value of the {@code reason} tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

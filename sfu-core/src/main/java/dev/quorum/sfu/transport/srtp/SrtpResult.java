package dev.quorum.sfu.transport.srtp;

import dev.quorum.sfu.transport.DropReason;

/** The outcome of protecting or unprotecting one packet; anything but {@link #OK} is a drop. */
public enum SrtpResult {
    OK(null),
    AUTH_FAILED(DropReason.SRTP_AUTH_FAILED),
    REPLAYED(DropReason.SRTP_REPLAYED),
    INVALID(DropReason.SRTP_INVALID),
    TOO_MANY_STREAMS(DropReason.SRTP_TOO_MANY_STREAMS),
    PROTECT_FAILED(DropReason.SRTP_PROTECT_FAILED);

    private final DropReason dropReason;

    SrtpResult(DropReason dropReason) {
        this.dropReason = dropReason;
    }

    /** The drop counter for this outcome; null for {@link #OK}. */
    public DropReason dropReason() {
        return dropReason;
    }
}

package dev.quorum.signaling.sdp;

import java.util.Locale;

/** An m-section's media direction attribute (RFC 8866 §6.7), from the describing side's view. */
public enum Direction {
    SENDRECV,
    SENDONLY,
    RECVONLY,
    INACTIVE;

    public String attributeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for {@code sendrecv} and {@code sendonly}. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** True for {@code sendrecv} and {@code recvonly}. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The direction an answerer uses to accept what this side offers, when it only receives. */
    public Direction reversed() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /** The direction named by an attribute, or null if the name is not a direction. */
    public static Direction fromAttribute(String name) {
        for (Direction d : values()) {
            if (d.attributeName().equals(name)) {
                return d;
            }
        }
        return null;
    }
}

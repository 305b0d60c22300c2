package dev.quorum.sfu.api;

import java.util.Locale;

/** What a track carries; {@link #wireName()} is the spelling of the REST API and callbacks. */
public enum TrackKind {
    AUDIO,
    VIDEO,
    DATA;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code audio}, {@code video} or {@code data}, case-insensitively. */
    public static TrackKind fromWire(String s) {
        for (TrackKind k : values()) {
            if (k.wireName().equalsIgnoreCase(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown track kind '" + s + "': expected audio, video or data");
    }
}

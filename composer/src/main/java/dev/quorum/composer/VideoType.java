package dev.quorum.composer;

import java.util.Locale;

/**
 * What a video stream shows, as the archive API spells it: a {@code camera}, a {@code screen}
 * share, or {@code custom} (a canvas or other source). Composed layouts treat screen shares first
 * ({@code screenshareType}, stream prioritisation).
 */
public enum VideoType {
    CAMERA("camera"),
    SCREEN("screen"),
    CUSTOM("custom");

    private final String wireName;

    VideoType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses {@code camera}, {@code screen} or {@code custom}; null for null. */
    public static VideoType fromWire(String text) {
        if (text == null) {
            return null;
        }
        for (VideoType t : values()) {
            if (t.wireName.equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown video type '" + text + "': expected camera, screen or custom");
    }

    /**
     * The type of one of our video tracks, which carry no type of their own: a track whose name
     * mentions "screen" (any case) is a screen share, any other is a camera.
     */
    public static VideoType ofTrackName(String trackName) {
        return trackName != null && trackName.toLowerCase(Locale.ROOT).contains("screen") ? SCREEN : CAMERA;
    }
}

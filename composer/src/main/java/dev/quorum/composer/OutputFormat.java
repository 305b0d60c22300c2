package dev.quorum.composer;

import java.util.Locale;

/** The container and codec pair of a composition. */
public enum OutputFormat {
    /** H.264 (OpenH264) and AAC-LC in MP4, moov atom first so playback starts before download ends. */
    MP4("mp4", "video/mp4"),
    /** VP8 (libvpx) and Opus in WebM. The default, as in the hosted service. */
    WEBM("webm", "video/webm");

    public static final OutputFormat DEFAULT = WEBM;

    private final String wireName;
    private final String contentType;

    OutputFormat(String wireName, String contentType) {
        this.wireName = wireName;
        this.contentType = contentType;
    }

    /** {@code mp4} or {@code webm}: the REST spelling and the file extension. */
    public String wireName() {
        return wireName;
    }

    /** The media type to serve the composed file with (audio-only files use the same). */
    public String contentType() {
        return contentType;
    }

    /**
     * Parses {@code mp4} or {@code webm}, case-insensitively; null or blank gives {@link #DEFAULT}.
     *
     * @throws InvalidCompositionException naming the {@code Format} parameter
     */
    public static OutputFormat parse(String text) throws InvalidCompositionException {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        for (OutputFormat f : values()) {
            if (f.wireName.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new InvalidCompositionException(
                ValidationProblem.of("Format", "Format '" + text + "' is not supported: use mp4 or webm"));
    }
}

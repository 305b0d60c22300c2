package dev.quorum.composer.layout;

/** The layout types of the archive API, by their wire names. */
public enum ArchiveLayoutType {
    /** A grid of up to 16 streams in priority order; classes are ignored. */
    BEST_FIT("bestFit"),
    /** The stream with class {@code full} fills the canvas; the first other stream is a small tile on top. */
    PIP("pip"),
    /** The stream with class {@code focus} on the right, the others in a column on the left. */
    VERTICAL_PRESENTATION("verticalPresentation"),
    /** The stream with class {@code focus} on top, the others in a row along the bottom. */
    HORIZONTAL_PRESENTATION("horizontalPresentation"),
    /** Laid out by the caller's stylesheet. */
    CUSTOM("custom");

    private final String wireName;

    ArchiveLayoutType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type named {@code text} exactly, or null. */
    public static ArchiveLayoutType fromWire(String text) {
        for (ArchiveLayoutType t : values()) {
            if (t.wireName.equals(text)) {
                return t;
            }
        }
        return null;
    }
}

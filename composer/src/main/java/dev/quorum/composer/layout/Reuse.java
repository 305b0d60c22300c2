package dev.quorum.composer.layout;

import java.util.Locale;

/** What a region does with a cell whose source ended, and with a source that finds no cell. */
public enum Reuse {
    /** A cell once used is never used again; sources that find no fresh cell are not shown. */
    NONE,
    /** Newcomers take idle or fresh cells; with none left they wait, so earlier sources win. */
    SHOW_OLDEST,
    /**
     * Like {@link #SHOW_OLDEST}, but with no cell left a newcomer takes over the used cell whose
     * source ends first, so later sources win.
     */
    SHOW_NEWEST;

    public static final Reuse DEFAULT = SHOW_OLDEST;

    /** {@code none}, {@code show_oldest} or {@code show_newest}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire name exactly; null when unknown. */
    static Reuse fromWire(String s) {
        for (Reuse r : values()) {
            if (r.wireName().equals(s)) {
                return r;
            }
        }
        return null;
    }
}

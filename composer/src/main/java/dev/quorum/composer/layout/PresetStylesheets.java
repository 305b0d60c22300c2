package dev.quorum.composer.layout;

import dev.quorum.composer.Resolution;
import dev.quorum.composer.layout.css.Stylesheet;
import dev.quorum.composer.layout.css.StylesheetException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The predefined layout types as stylesheets, so they run through the same box layout as custom
 * ones. {@code bestFit} and {@code pip} are the reference stylesheets the archive API documents
 * (bestFit extended with a 4×4 grid at 25% for 10–16 streams). The presentation layouts match the
 * reference on a 640x480 canvas and are adapted to other shapes: the strip of other streams is a
 * fifth of the canvas across and holds {@link #othersShown} equal tiles, so the reference's
 * {@code margin-top: 60%} (which reaches the bottom only on 4:3 canvases) becomes a pixel offset.
 */
final class PresetStylesheets {

    private static final Map<String, Stylesheet> CACHE = new ConcurrentHashMap<>();

    private PresetStylesheets() {}

    /** The stylesheet of a predefined type on a canvas. */
    static Stylesheet of(ArchiveLayoutType type, Resolution canvas) {
        return CACHE.computeIfAbsent(type.wireName() + "@" + canvas.wireForm(), k -> {
            try {
                return Stylesheet.parse(css(type, canvas));
            } catch (StylesheetException e) {
                throw new IllegalStateException("a predefined layout is not valid CSS: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Streams besides the focus a presentation layout shows: 5 on landscape canvases (7 from
     * 1920 px wide); in portrait 8 (10 from 1920 px high) for the vertical and 3 for the
     * horizontal presentation.
     */
    static int othersShown(ArchiveLayoutType type, Resolution canvas) {
        boolean landscape = canvas.width() >= canvas.height();
        if (landscape) {
            return canvas.width() >= 1920 ? 7 : 5;
        }
        if (type == ArchiveLayoutType.VERTICAL_PRESENTATION) {
            return canvas.height() >= 1920 ? 10 : 8;
        }
        return 3;
    }

    static String css(ArchiveLayoutType type, Resolution canvas) {
        return switch (type) {
            case BEST_FIT -> BEST_FIT;
            case PIP -> PIP;
            case VERTICAL_PRESENTATION ->
                "stream { float: left; clear: left; width: 20%; height: "
                        + number(100.0 / othersShown(type, canvas)) + "%; }\n"
                        + "stream.focus { position: absolute; top: 0; left: 20%; margin: 0; width: 80%; height: 100%; }\n";
            case HORIZONTAL_PRESENTATION ->
                "stream { float: left; margin-top: " + number(canvas.height() * 0.8)
                        + "px; width: " + number(100.0 / othersShown(type, canvas)) + "%; height: 20%; }\n"
                        + "stream.focus { position: absolute; top: 0; left: 0; margin-top: 0; width: 100%; height: 80%; }\n";
            case CUSTOM -> throw new IllegalArgumentException("custom layouts bring their own stylesheet");
        };
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static final String BEST_FIT = """
            stream { float: left; }
            stream:first-child:nth-last-child(1) { width: 100%; height: 100%; }
            stream:first-child:nth-last-child(2), stream:first-child:nth-last-child(2) ~ stream {
              width: 50%; height: 100%; }
            stream:first-child:nth-last-child(3), stream:first-child:nth-last-child(3) ~ stream,
            stream:first-child:nth-last-child(4), stream:first-child:nth-last-child(4) ~ stream {
              width: 50%; height: 50%; }
            stream:first-child:nth-last-child(n+5):nth-last-child(-n+9),
            stream:first-child:nth-last-child(n+5):nth-last-child(-n+9) ~ stream {
              width: 33.33%; height: 33.33%; }
            stream:first-child:nth-last-child(n+10),
            stream:first-child:nth-last-child(n+10) ~ stream {
              width: 25%; height: 25%; }
            """;

    private static final String PIP = """
            stream.full { position: absolute; top: 0; right: 0; width: 100%; height: 100%; z-index: 100; }
            stream { position: absolute; right: 10%; top: 10%; width: 20%; height: 20%; z-index: 200; }
            """;
}

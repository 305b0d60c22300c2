package dev.quorum.composer.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.ValidationProblem;
import dev.quorum.composer.layout.css.Stylesheet;
import dev.quorum.composer.layout.css.StylesheetException;
import dev.quorum.sfu.api.TrackKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A layout of the archive API: {@code {"type": …, "stylesheet": …, "screenshareType": …}}. It
 * shows every video stream of the room, chosen and ordered by {@link StreamPriority}, laid out by
 * the type's stylesheet ({@link PresetStylesheets}) or the caller's ({@code custom}). With a
 * {@code screenshareType} (bestFit only), the layout switches to that type while a screen share
 * is live. Problems name the parameter {@code layout} and the property at fault.
 */
public final class ArchiveLayout implements Layout {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArchiveLayoutType type;
    private final String stylesheetText;
    private final Stylesheet stylesheet;
    private final ArchiveLayoutType screenshareType;

    private ArchiveLayout(
            ArchiveLayoutType type, String stylesheetText, Stylesheet stylesheet, ArchiveLayoutType screenshareType) {
        this.type = type;
        this.stylesheetText = stylesheetText;
        this.stylesheet = stylesheet;
        this.screenshareType = screenshareType;
    }

    /** A predefined type without screen-share switching. */
    public static ArchiveLayout of(ArchiveLayoutType type) {
        if (type == ArchiveLayoutType.CUSTOM) {
            throw new IllegalArgumentException("a custom layout needs a stylesheet: use parse");
        }
        return new ArchiveLayout(type, null, null, null);
    }

    /** The default of composed archives: {@code bestFit}. */
    public static ArchiveLayout bestFit() {
        return of(ArchiveLayoutType.BEST_FIT);
    }

    /**
     * Validates the three fields of a layout object as the archive API receives them; null stands
     * for an absent field (an absent type is {@code bestFit}).
     *
     * @throws InvalidCompositionException with one problem naming the field, and for a stylesheet
     *                                     outside the CSS subset the rule and property at fault
     */
    public static ArchiveLayout parse(String type, String stylesheet, String screenshareType)
            throws InvalidCompositionException {
        ArchiveLayoutType t = type == null ? ArchiveLayoutType.BEST_FIT : ArchiveLayoutType.fromWire(type);
        if (t == null) {
            throw problem(
                    "type",
                    "layout type '" + type + "' is not supported: use bestFit, pip,"
                            + " verticalPresentation, horizontalPresentation or custom");
        }
        ArchiveLayoutType share = null;
        if (screenshareType != null) {
            share = ArchiveLayoutType.fromWire(screenshareType);
            if (share == null || share == ArchiveLayoutType.CUSTOM) {
                throw problem(
                        "screenshareType",
                        "layout screenshareType '" + screenshareType + "' is not supported:"
                                + " use bestFit, pip, verticalPresentation or horizontalPresentation");
            }
            if (t != ArchiveLayoutType.BEST_FIT) {
                throw problem(
                        "screenshareType",
                        "layout screenshareType is only allowed with type bestFit, not " + t.wireName());
            }
        }
        if (t != ArchiveLayoutType.CUSTOM) {
            if (stylesheet != null) {
                throw problem("stylesheet", "layout stylesheet is only allowed with type custom, not " + t.wireName());
            }
            return new ArchiveLayout(t, null, null, share);
        }
        if (stylesheet == null || stylesheet.isBlank()) {
            throw problem("stylesheet", "layout type custom needs a stylesheet");
        }
        try {
            return new ArchiveLayout(t, stylesheet, Stylesheet.parse(stylesheet), null);
        } catch (StylesheetException e) {
            throw problem("stylesheet", "layout " + e.getMessage());
        }
    }

    /**
     * Parses the JSON object form; {@code null} values count as absent, other keys are refused.
     *
     * @throws InvalidCompositionException as {@link #parse(String, String, String)}, or for JSON
     *                                     that is not such an object
     */
    public static ArchiveLayout parseJson(String json) throws InvalidCompositionException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw problem(null, "layout is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw problem(null, "layout must be a JSON object such as {\"type\":\"bestFit\"}");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("type") && !key.equals("stylesheet") && !key.equals("screenshareType")) {
                throw problem(
                        key,
                        "layout property '" + key + "' is not supported: use type, stylesheet and"
                                + " screenshareType");
            }
        }
        return parse(text(root, "type"), text(root, "stylesheet"), text(root, "screenshareType"));
    }

    private static String text(JsonNode root, String key) throws InvalidCompositionException {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw problem(key, "layout " + key + " must be a string");
        }
        return n.asText();
    }

    private static InvalidCompositionException problem(String property, String message) {
        return new InvalidCompositionException(new ValidationProblem("layout", null, property, message));
    }

    public ArchiveLayoutType type() {
        return type;
    }

    /** The custom stylesheet as given, or null. */
    public String stylesheetText() {
        return stylesheetText;
    }

    /** The type shown while a screen share is live, or null. */
    public ArchiveLayoutType screenshareType() {
        return screenshareType;
    }

    /** The stylesheet laying out {@code effective} (this layout's type, or its screen-share type) on a canvas. */
    Stylesheet stylesheet(ArchiveLayoutType effective, Resolution canvas) {
        return effective == ArchiveLayoutType.CUSTOM ? stylesheet : PresetStylesheets.of(effective, canvas);
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public boolean selects(SourceRecording s) {
        return s.kind() == TrackKind.VIDEO;
    }

    @Override
    public List<ValidationProblem> validate(Resolution canvas) {
        return new ArrayList<>();
    }

    @Override
    public String json() {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type.wireName());
        if (stylesheetText != null) {
            o.put("stylesheet", stylesheetText);
        }
        if (screenshareType != null) {
            o.put("screenshareType", screenshareType.wireName());
        }
        return o.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchiveLayout a
                && type == a.type
                && Objects.equals(stylesheetText, a.stylesheetText)
                && screenshareType == a.screenshareType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, stylesheetText, screenshareType);
    }

    @Override
    public String toString() {
        return json();
    }
}

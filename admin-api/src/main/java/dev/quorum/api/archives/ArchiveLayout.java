package dev.quorum.api.archives;

import dev.quorum.api.projects.VideoApiException;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.ValidationProblem;
import dev.quorum.composer.layout.css.Stylesheet;
import dev.quorum.composer.layout.css.StylesheetException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The layout of a composed archive as the API takes and shows it: {@code type}, the
 * {@code stylesheet} of a {@code custom} layout and the {@code screenshareType} of a
 * {@code bestFit} one. Checked in full before anything is stored — the fields' shape here, then
 * the composer's own parser ({@link dev.quorum.composer.layout.ArchiveLayout}), so a stylesheet
 * outside the supported CSS subset is refused with the rule at fault, and what is accepted is
 * what the composer draws.
 */
public record ArchiveLayout(String type, String stylesheet, String screenshareType) {

    public static final List<String> TYPES =
            List.of("bestFit", "custom", "horizontalPresentation", "pip", "verticalPresentation");
    public static final List<String> SCREENSHARE_TYPES =
            List.of("bestFit", "horizontalPresentation", "pip", "verticalPresentation");
    public static final ArchiveLayout BEST_FIT = new ArchiveLayout("bestFit", null, null);

    /**
     * @param field how messages name the object ({@code layout} in a start request, empty for the
     *              body of a layout change)
     * @throws VideoApiException 400 naming the field at fault, and for a stylesheet the rule
     */
    public static ArchiveLayout parse(Object value, String field) {
        String p = field.isEmpty() ? "" : field + ".";
        if (!(value instanceof JsonObject o)) {
            throw VideoApiException.badRequest((field.isEmpty() ? "The layout" : field) + " must be a JSON object");
        }
        String type = text(o, p, "type");
        if (type == null) {
            throw VideoApiException.badRequest(p + "type is required: one of " + String.join(", ", TYPES));
        }
        if (!TYPES.contains(type)) {
            throw VideoApiException.badRequest(p + "type '" + type + "' is not one of " + String.join(", ", TYPES));
        }
        String stylesheet = text(o, p, "stylesheet");
        String screenshare = text(o, p, "screenshareType");
        if (type.equals("custom")) {
            if (stylesheet == null || stylesheet.isBlank()) {
                throw VideoApiException.badRequest(p + "stylesheet is required with type custom");
            }
            try {
                Stylesheet.parse(stylesheet);
            } catch (StylesheetException e) {
                // "layout.stylesheet rule 'stream > .a': the child combinator '>' is not supported; …"
                throw VideoApiException.badRequest(p + e.getMessage());
            }
        } else if (stylesheet != null) {
            throw VideoApiException.badRequest(p + "stylesheet is only allowed with type custom, not " + type);
        }
        if (screenshare != null) {
            if (!SCREENSHARE_TYPES.contains(screenshare)) {
                throw VideoApiException.badRequest(p + "screenshareType '" + screenshare + "' is not one of "
                        + String.join(", ", SCREENSHARE_TYPES));
            }
            if (!type.equals("bestFit")) {
                throw VideoApiException.badRequest(
                        p + "screenshareType is only allowed with type bestFit, not " + type);
            }
        }
        try {
            dev.quorum.composer.layout.ArchiveLayout drawn =
                    dev.quorum.composer.layout.ArchiveLayout.parse(type, stylesheet, screenshare);
            return fromJson(drawn.json());
        } catch (InvalidCompositionException e) {
            ValidationProblem first = e.problems().get(0);
            throw VideoApiException.badRequest(
                    p + (first.property() == null ? "" : first.property() + ": ") + first.message());
        }
    }

    private static String text(JsonObject o, String p, String name) {
        Object v = o.getValue(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw VideoApiException.badRequest(p + name + " must be a string");
        }
        return s;
    }

    /** As stored and shown: only the fields that are set. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject().put("type", type);
        if (stylesheet != null) {
            o.put("stylesheet", stylesheet);
        }
        if (screenshareType != null) {
            o.put("screenshareType", screenshareType);
        }
        return o;
    }

    public static ArchiveLayout fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonObject o = new JsonObject(json);
            return new ArchiveLayout(o.getString("type"), o.getString("stylesheet"), o.getString("screenshareType"));
        } catch (DecodeException | ClassCastException e) {
            return BEST_FIT;
        }
    }
}

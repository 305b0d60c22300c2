package dev.quorum.composer.layout;

import static dev.quorum.composer.layout.RegionGeometry.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceSelector;
import dev.quorum.composer.ValidationProblem;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code VideoLayout} JSON of a composition or hook. Every fault is collected, each
 * naming its region and property, so a client can correct the whole layout at once.
 *
 * <p>Lenient where the hosted service's own samples are: numbers may be sent as numeric strings
 * ({@code "cells_excluded":["1","3"]}), a single source may be a bare string instead of an array,
 * and the normalised echo form (with explicit {@code null}s) parses back to the same layout.
 */
public final class VideoLayoutParser {

    private static final Set<String> PROPERTIES = Set.of(
            "x_pos",
            "y_pos",
            "z_pos",
            "width",
            "height",
            "max_columns",
            "max_rows",
            "cells_excluded",
            "reuse",
            "video_sources",
            "video_sources_excluded");
    private static final Pattern INTEGER = Pattern.compile("^\\s*-?\\d{1,9}\\s*$");
    private static final int MAX_REGIONS = 64;

    private VideoLayoutParser() {}

    /**
     * Parses a layout; null, blank or {@code {}} give the empty (audio-only) layout.
     *
     * @throws InvalidCompositionException listing every fault, with parameter {@code VideoLayout}
     */
    public static VideoLayout parse(String json) throws InvalidCompositionException {
        if (json == null || json.isBlank()) {
            return VideoLayout.empty();
        }
        JsonNode root;
        try {
            root = VideoLayout.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidCompositionException(
                    ValidationProblem.of("VideoLayout", "VideoLayout is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidCompositionException(
                    ValidationProblem.of("VideoLayout", "VideoLayout could not be read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidCompositionException(ValidationProblem.of(
                    "VideoLayout",
                    "VideoLayout must be a JSON object whose keys are region names, e.g. "
                            + "{\"grid\":{\"video_sources\":[\"*\"]}}"));
        }
        if (root.size() > MAX_REGIONS) {
            throw new InvalidCompositionException(ValidationProblem.of(
                    "VideoLayout",
                    "VideoLayout has " + root.size() + " regions; at most " + MAX_REGIONS + " are allowed"));
        }
        List<ValidationProblem> problems = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Region r = region(e.getKey(), e.getValue(), problems);
            if (r != null) {
                regions.add(r);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCompositionException(problems);
        }
        return new VideoLayout(regions);
    }

    /**
     * Parses a layout and checks that its regions fit a canvas of the given size.
     *
     * @throws InvalidCompositionException listing every fault
     */
    public static VideoLayout parse(String json, Resolution canvas) throws InvalidCompositionException {
        VideoLayout layout = parse(json);
        layout.requireFits(canvas);
        return layout;
    }

    private static Region region(String name, JsonNode node, List<ValidationProblem> problems) {
        if (name.isBlank()) {
            problems.add(ValidationProblem.of("VideoLayout", "VideoLayout has a region with an empty name"));
            return null;
        }
        if (!node.isObject()) {
            problems.add(problem(name, null, "must be a JSON object of region properties"));
            return null;
        }
        int before = problems.size();
        node.fieldNames().forEachRemaining(k -> {
            if (!PROPERTIES.contains(k)) {
                problems.add(problem(
                        name,
                        k,
                        "unknown property '" + k + "'; known are "
                                + String.join(", ", PROPERTIES.stream().sorted().toList())));
            }
        });
        Fields f = new Fields(name, node, problems);
        int x = f.integer("x_pos", 0, 0, Integer.MAX_VALUE);
        int y = f.integer("y_pos", 0, 0, Integer.MAX_VALUE);
        int z = f.integer("z_pos", 0, -99, 99);
        Integer width = f.optionalInteger("width", Region.MIN_SIZE, Integer.MAX_VALUE);
        Integer height = f.optionalInteger("height", Region.MIN_SIZE, Integer.MAX_VALUE);
        Integer maxColumns = f.optionalInteger("max_columns", 1, 1000);
        Integer maxRows = f.optionalInteger("max_rows", 1, 1000);
        List<Integer> cells = f.cells("cells_excluded");
        Reuse reuse = f.reuse("reuse");
        List<SourceSelector> sources = f.sources("video_sources", true);
        List<SourceSelector> excluded = f.sources("video_sources_excluded", false);
        if (problems.size() > before) {
            return null;
        }
        return new Region(name, x, y, z, width, height, maxColumns, maxRows, cells, reuse, sources, excluded);
    }

    /** The property readers of one region; each records a problem and returns a default on error. */
    private record Fields(String region, JsonNode node, List<ValidationProblem> problems) {

        int integer(String key, int dflt, int min, int max) {
            Integer v = optionalInteger(key, min, max);
            return v != null ? v : dflt;
        }

        Integer optionalInteger(String key, int min, int max) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            Long n = asLong(v);
            if (n == null) {
                problems.add(problem(region, key, key + " must be an integer, got " + v));
                return null;
            }
            if (n < min || n > max) {
                problems.add(problem(region, key, key + " " + n + " is out of range: " + range(min, max)));
                return null;
            }
            return n.intValue();
        }

        List<Integer> cells(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return List.of();
            }
            List<JsonNode> items = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(items::add);
            } else {
                items.add(v);
            }
            List<Integer> out = new ArrayList<>();
            for (JsonNode item : items) {
                Long n = asLong(item);
                if (n == null || n < 0 || n > 999_999) {
                    problems.add(problem(
                            region,
                            key,
                            key + " must hold cell numbers from 0 to 999999 " + "(numbers or numeric strings), got "
                                    + item));
                    return List.of();
                }
                out.add(n.intValue());
            }
            return out;
        }

        Reuse reuse(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return Reuse.DEFAULT;
            }
            Reuse r = v.isTextual() ? Reuse.fromWire(v.asText()) : null;
            if (r == null) {
                problems.add(problem(region, key, key + " must be none, show_oldest or show_newest, got " + v));
                return Reuse.DEFAULT;
            }
            return r;
        }

        List<SourceSelector> sources(String key, boolean mandatory) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (mandatory) {
                    problems.add(problem(region, key, key + " is required: name the video to show, " + "e.g. [\"*\"]"));
                }
                return List.of();
            }
            List<JsonNode> items = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(items::add);
            } else {
                items.add(v);
            }
            if (mandatory && items.isEmpty()) {
                problems.add(problem(region, key, key + " must name at least one source"));
                return List.of();
            }
            List<SourceSelector> out = new ArrayList<>();
            for (JsonNode item : items) {
                if (!item.isTextual()) {
                    problems.add(problem(region, key, key + " must hold strings (SIDs or track names), got " + item));
                    continue;
                }
                try {
                    out.add(SourceSelector.parse(item.asText()));
                } catch (IllegalArgumentException e) {
                    problems.add(problem(region, key, key + ": " + e.getMessage()));
                }
            }
            return out;
        }

        private static Long asLong(JsonNode v) {
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return v.asLong();
            }
            if (v.isNumber()) {
                BigDecimal d = v.decimalValue();
                try {
                    return d.stripTrailingZeros().scale() <= 0 ? d.longValueExact() : null;
                } catch (ArithmeticException tooBig) {
                    return null;
                }
            }
            if (v.isTextual() && INTEGER.matcher(v.asText()).matches()) {
                return Long.parseLong(v.asText().trim());
            }
            return null;
        }

        private static String range(int min, int max) {
            return max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
        }
    }
}

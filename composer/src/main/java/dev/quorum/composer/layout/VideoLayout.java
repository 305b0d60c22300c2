package dev.quorum.composer.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.SourceSelector;
import dev.quorum.composer.ValidationProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code VideoLayout}: named regions, each a grid of cells showing video recordings. An
 * empty layout means an audio-only composition.
 *
 * <p>{@link VideoLayoutParser#parse(String)} builds one; {@link #validate(Resolution)} checks the
 * geometry against an output size; {@link #echoJson()} gives the normalised form the REST API
 * shows back.
 */
public record VideoLayout(List<Region> regions) implements Layout {

    private static final ObjectMapper JSON = new ObjectMapper();

    public VideoLayout {
        regions = List.copyOf(regions);
    }

    /** No video: an audio-only composition. */
    public static VideoLayout empty() {
        return new VideoLayout(List.of());
    }

    /**
     * One full-canvas grid of every video recording, {@code {"grid":{"video_sources":["*"]}}}:
     * for callers that want video but name no layout (composed archives).
     */
    public static VideoLayout defaultGrid() {
        return new VideoLayout(List.of(Region.of("grid", List.of(SourceSelector.parse("*")))));
    }

    @Override
    public boolean isEmpty() {
        return regions.isEmpty();
    }

    /** True if some region shows {@code s}. */
    @Override
    public boolean selects(SourceRecording s) {
        for (Region r : regions) {
            if (r.selects(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks positions and sizes against a canvas; empty when the layout fits.
     */
    @Override
    public List<ValidationProblem> validate(Resolution canvas) {
        List<ValidationProblem> problems = new ArrayList<>();
        for (Region r : regions) {
            RegionGeometry.check(r, canvas, problems);
        }
        return problems;
    }

    /** {@link #validate} as an exception, for callers that stop at the first invalid request. */
    public void requireFits(Resolution canvas) throws InvalidCompositionException {
        List<ValidationProblem> problems = validate(canvas);
        if (!problems.isEmpty()) {
            throw new InvalidCompositionException(problems);
        }
    }

    /**
     * The normalised form: every region lists every property, unset sizes and limits as
     * {@code null}, empty lists as {@code []}; an empty layout is {@code {}}. Parsing this form
     * gives an equal layout.
     */
    public String echoJson() {
        return echoNode().toString();
    }

    /** The normalised form, {@link #echoJson()}. */
    @Override
    public String json() {
        return echoJson();
    }

    /** {@link #echoJson()} as a Jackson tree. */
    public ObjectNode echoNode() {
        ObjectNode root = JSON.createObjectNode();
        for (Region r : regions) {
            ObjectNode o = root.putObject(r.name());
            o.put("z_pos", r.zPos());
            o.put("reuse", r.reuse().wireName());
            o.put("x_pos", r.xPos());
            putNullable(o, "max_columns", r.maxColumns());
            ArrayNode cells = o.putArray("cells_excluded");
            r.cellsExcluded().forEach(cells::add);
            ArrayNode excluded = o.putArray("video_sources_excluded");
            r.videoSourcesExcluded().forEach(s -> excluded.add(s.text()));
            putNullable(o, "height", r.height());
            putNullable(o, "width", r.width());
            putNullable(o, "max_rows", r.maxRows());
            o.put("y_pos", r.yPos());
            ArrayNode sources = o.putArray("video_sources");
            r.videoSources().forEach(s -> sources.add(s.text()));
        }
        return root;
    }

    private static void putNullable(ObjectNode o, String key, Integer v) {
        if (v == null) {
            o.putNull(key);
        } else {
            o.put(key, v.intValue());
        }
    }

    static JsonNode readTree(String json) throws java.io.IOException {
        return JSON.readTree(json);
    }
}

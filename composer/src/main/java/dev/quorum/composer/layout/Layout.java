package dev.quorum.composer.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.Resolution;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.ValidationProblem;
import java.util.List;

/**
 * One layout of a composition's {@link LayoutTimeline}: a {@link VideoLayout} of regions (the
 * Compositions API) or an {@link ArchiveLayout} (the archive API). Both resolve, for any instant,
 * to {@link Placement}s drawn by the same engine.
 */
public sealed interface Layout permits VideoLayout, ArchiveLayout {

    /** True if this layout draws no video (an empty VideoLayout). */
    boolean isEmpty();

    /** True if this layout may draw {@code s}. */
    boolean selects(SourceRecording s);

    /** Problems of fitting this layout on a canvas; empty when it fits. */
    List<ValidationProblem> validate(Resolution canvas);

    /** The JSON this layout is stored as; {@link #parse} reads it back to an equal layout. */
    String json();

    /**
     * Parses either form: an object with a string {@code type} is an archive layout (a VideoLayout
     * region is always an object, so the two cannot be confused); anything else is a VideoLayout.
     *
     * @throws InvalidCompositionException naming what is wrong
     */
    static Layout parse(String json) throws InvalidCompositionException {
        if (json != null && !json.isBlank()) {
            try {
                JsonNode root = new ObjectMapper().readTree(json);
                if (root != null && root.isObject() && root.path("type").isTextual()) {
                    return ArchiveLayout.parseJson(json);
                }
            } catch (JsonProcessingException e) {
                // Not JSON: the VideoLayout parser says so in its words.
            }
        }
        return VideoLayoutParser.parse(json);
    }
}

package dev.quorum.api.archives;

import dev.quorum.api.projects.VideoApiException;
import dev.quorum.storage.archive.Archive;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A start request with every documented default applied (the Vonage SDK sends only the fields
 * its caller set). Each field is checked for type and range; a bad one is a 400 naming it.
 *
 * @param resolution composed archives only (default 640x480), else null
 * @param layout     composed archives only (default bestFit), else null
 */
public record ArchiveRequest(
        String sessionId,
        String name,
        boolean hasAudio,
        boolean hasVideo,
        String outputMode,
        String streamMode,
        String resolution,
        ArchiveLayout layout,
        String multiArchiveTag,
        Integer maxBitrate,
        Integer quantizationParameter) {

    public static final List<String> RESOLUTIONS =
            List.of("640x480", "480x640", "1280x720", "720x1280", "1920x1080", "1080x1920");
    public static final String DEFAULT_RESOLUTION = "640x480";
    public static final int MAX_NAME = 80;
    public static final int MAX_TAG = 80;

    public static ArchiveRequest parse(JsonObject body) {
        String sessionId = string(body, "sessionId", 256);
        if (sessionId == null || sessionId.isBlank()) {
            throw VideoApiException.badRequest("sessionId is required");
        }
        boolean audio = bool(body, "hasAudio", true);
        boolean video = bool(body, "hasVideo", true);
        if (!audio && !video) {
            throw VideoApiException.badRequest(
                    "hasAudio and hasVideo cannot both be false: the archive would record nothing");
        }
        String output = choice(body, "outputMode", List.of(Archive.COMPOSED, Archive.INDIVIDUAL), Archive.COMPOSED);
        String streams = choice(body, "streamMode", List.of(Archive.AUTO, Archive.MANUAL), Archive.AUTO);
        boolean composed = output.equals(Archive.COMPOSED);
        String resolution = choice(body, "resolution", RESOLUTIONS, null);
        Object layoutValue = body.getValue("layout");
        Integer maxBitrate = integer(body, "maxBitrate", 100_000, 6_000_000);
        Integer qp = integer(body, "quantizationParameter", 15, 40);
        if (!composed) {
            for (String f : List.of("resolution", "layout", "maxBitrate", "quantizationParameter")) {
                if (body.getValue(f) != null) {
                    throw VideoApiException.badRequest(
                            f + " is only allowed for composed archives (outputMode composed)");
                }
            }
        }
        if (maxBitrate != null && qp != null) {
            throw VideoApiException.badRequest("maxBitrate and quantizationParameter cannot both be set");
        }
        if (Boolean.TRUE.equals(body.getValue("hasTranscription"))) {
            throw VideoApiException.badRequest("hasTranscription: transcription is not supported by this server");
        }
        ArchiveLayout layout = !composed
                ? null
                : layoutValue == null ? ArchiveLayout.BEST_FIT : ArchiveLayout.parse(layoutValue, "layout");
        return new ArchiveRequest(
                sessionId,
                string(body, "name", MAX_NAME),
                audio,
                video,
                output,
                streams,
                composed ? (resolution == null ? DEFAULT_RESOLUTION : resolution) : null,
                layout,
                string(body, "multiArchiveTag", MAX_TAG),
                maxBitrate,
                qp);
    }

    private static String string(JsonObject body, String field, int max) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw VideoApiException.badRequest(field + " must be a string");
        }
        if (s.length() > max) {
            throw VideoApiException.badRequest(field + " is longer than " + max + " characters");
        }
        return s.isEmpty() ? null : s;
    }

    private static boolean bool(JsonObject body, String field, boolean dflt) {
        Object v = body.getValue(field);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            throw VideoApiException.badRequest(field + " must be true or false");
        }
        return b;
    }

    private static String choice(JsonObject body, String field, List<String> allowed, String dflt) {
        Object v = body.getValue(field);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof String s) || !allowed.contains(s)) {
            throw VideoApiException.badRequest(field + " must be one of " + String.join(", ", allowed) + ", got " + v);
        }
        return s;
    }

    private static Integer integer(JsonObject body, String field, int min, int max) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n)
                || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < min
                || n.doubleValue() > max) {
            throw VideoApiException.badRequest(field + " must be an integer from " + min + " to " + max + ", got " + v);
        }
        return n.intValue();
    }
}

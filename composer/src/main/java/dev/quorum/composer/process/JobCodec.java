package dev.quorum.composer.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.VideoType;
import dev.quorum.composer.engine.CompositionResult;
import dev.quorum.composer.engine.EngineSettings;
import dev.quorum.composer.engine.LiveRoom;
import dev.quorum.composer.layout.LayoutTimeline;
import dev.quorum.composer.layout.StreamClasses;
import dev.quorum.composer.timeline.Window;
import dev.quorum.sfu.api.TrackKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON a parent hands a child composer process, and the result line the child answers with.
 * The request travels in its stored form (layouts as JSON, rate control as its wire form) and is
 * parsed again on the other side, so the child checks what it is given exactly as the API does.
 */
final class JobCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JobCodec() {}

    static String encodeJob(CompositionJob job, EngineSettings settings) {
        ObjectNode root = JSON.createObjectNode();
        putRequest(root, job.request());
        root.put("output", job.output().toString());
        root.put("live", job.live() != null);
        putRecordings(root.putArray("recordings"), job.recordings());
        putClasses(root.putArray("streamClasses"), job.streamClasses());
        ObjectNode e = root.putObject("settings");
        e.put("frameRate", settings.frameRate());
        e.put("bitsPerPixel", settings.bitsPerPixel());
        e.put("audioBitrate", settings.audioBitrate());
        e.put("keyframeSeconds", settings.keyframeSeconds());
        e.put("encoderThreads", settings.encoderThreads());
        e.put("queueFrames", settings.queueFrames());
        e.put("holdMillis", settings.holdMillis());
        return root.toString();
    }

    private static void putRequest(ObjectNode root, CompositionRequest r) {
        root.put("layout", r.layouts().initial().json());
        ArrayNode changes = root.putArray("layoutChanges");
        for (LayoutTimeline.Change c : r.layouts().changes()) {
            changes.addObject().put("atMs", c.atMs()).put("layout", c.layoutJson());
        }
        root.put("rateControl", r.rateControl().wireForm());
        r.audioSourceTexts().forEach(root.putArray("audioSources")::add);
        r.audioSourcesExcludedTexts().forEach(root.putArray("audioSourcesExcluded")::add);
        root.put("resolution", r.resolution().wireForm());
        root.put("format", r.format().wireName());
        root.put("trim", r.trim());
        if (r.window() != null) {
            root.putObject("window")
                    .put("startMs", r.window().startMs())
                    .put("endMs", r.window().endMs());
        }
    }

    private static CompositionRequest request(JsonNode root) throws InvalidCompositionException {
        List<LayoutTimeline.Change> changes = new ArrayList<>();
        for (JsonNode c : root.get("layoutChanges")) {
            changes.add(new LayoutTimeline.Change(
                    c.get("atMs").asLong(), c.get("layout").asText()));
        }
        CompositionRequest request = CompositionRequest.parseStored(
                root.get("layout").asText(),
                changes,
                texts(root.get("audioSources")),
                texts(root.get("audioSourcesExcluded")),
                root.get("resolution").asText(),
                root.get("format").asText(),
                root.get("trim").asBoolean(),
                text(root, "rateControl"));
        JsonNode w = root.get("window");
        if (w != null && !w.isNull()) {
            request = request.within(
                    new Window(w.get("startMs").asLong(), w.get("endMs").asLong()));
        }
        return request;
    }

    private static void putClasses(ArrayNode array, StreamClasses classes) {
        for (StreamClasses.Change c : classes.changes()) {
            ObjectNode o = array.addObject().put("streamId", c.streamId()).put("atMs", c.atMs());
            c.classes().forEach(o.putArray("classes")::add);
        }
    }

    private static StreamClasses classes(JsonNode array) {
        List<StreamClasses.Change> classes = new ArrayList<>();
        for (JsonNode c : array) {
            classes.add(new StreamClasses.Change(
                    c.get("streamId").asText(), c.get("atMs").asLong(), texts(c.get("classes"))));
        }
        return StreamClasses.of(classes);
    }

    private static void putRecordings(ArrayNode sources, List<SourceRecording> recordings) {
        for (SourceRecording s : recordings) {
            ObjectNode o = sources.addObject();
            o.put("recordingSid", s.recordingSid());
            o.put("trackSid", s.trackSid());
            o.put("participantSid", s.participantSid());
            o.put("trackName", s.trackName());
            o.put("kind", s.kind().wireName());
            o.put("codec", s.codec());
            o.put("file", s.file().toString());
            o.put("offsetMs", s.offsetMs());
            o.put("durationMs", s.durationMs());
            o.put("videoType", s.videoType() == null ? null : s.videoType().wireName());
        }
    }

    private static List<SourceRecording> recordings(JsonNode array) {
        List<SourceRecording> recordings = new ArrayList<>();
        for (JsonNode o : array) {
            recordings.add(new SourceRecording(
                    text(o, "recordingSid"),
                    text(o, "trackSid"),
                    text(o, "participantSid"),
                    text(o, "trackName"),
                    TrackKind.fromWire(o.get("kind").asText()),
                    text(o, "codec"),
                    Path.of(o.get("file").asText()),
                    o.get("offsetMs").asLong(),
                    o.get("durationMs").asLong(),
                    VideoType.fromWire(text(o, "videoType"))));
        }
        return recordings;
    }

    /** A live room as the parent sees it, one line for the child's standard input. */
    static String encodeSnapshot(LiveRoom.Snapshot s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", s.version());
        root.put("ended", s.ended());
        root.put("delayMs", s.delayMs());
        s.writing().forEach(root.putArray("writing")::add);
        putRecordings(root.putArray("recordings"), s.recordings());
        if (s.request() != null) {
            putRequest(root.putObject("request"), s.request());
        }
        if (s.classes() != null) {
            putClasses(root.putArray("streamClasses"), s.classes());
        }
        return root.toString();
    }

    /** @throws IOException also when the request it carries no longer parses */
    static LiveRoom.Snapshot decodeSnapshot(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        CompositionRequest request = null;
        JsonNode r = root.get("request");
        if (r != null && !r.isNull()) {
            try {
                request = request(r);
            } catch (InvalidCompositionException e) {
                throw new IOException("The live room's request does not parse: " + e.getMessage(), e);
            }
        }
        JsonNode classes = root.get("streamClasses");
        return new LiveRoom.Snapshot(
                root.get("version").asLong(),
                recordings(root.get("recordings")),
                new java.util.HashSet<>(texts(root.get("writing"))),
                root.get("ended").asBoolean(),
                root.get("delayMs").asLong(),
                request,
                classes == null || classes.isNull() ? null : classes(classes));
    }

    /** Whether the job json is of a live job (its room follows on standard input). */
    static boolean isLive(String json) throws IOException {
        JsonNode live = JSON.readTree(json).get("live");
        return live != null && live.asBoolean();
    }

    record Decoded(CompositionJob job, EngineSettings settings) {}

    static Decoded decodeJob(String json) throws IOException, InvalidCompositionException {
        JsonNode root = JSON.readTree(json);
        CompositionRequest request = request(root);
        List<SourceRecording> recordings = recordings(root.get("recordings"));
        JsonNode e = root.get("settings");
        EngineSettings settings = new EngineSettings(
                e.get("frameRate").asInt(),
                e.get("bitsPerPixel").asDouble(),
                e.get("audioBitrate").asInt(),
                e.get("keyframeSeconds").asInt(),
                e.get("encoderThreads").asInt(),
                e.get("queueFrames").asInt(),
                e.get("holdMillis").asLong());
        return new Decoded(
                new CompositionJob(
                        request, recordings, Path.of(root.get("output").asText()), classes(root.get("streamClasses"))),
                settings);
    }

    static String encodeResult(CompositionResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", r.file().toString());
        o.put("durationMs", r.durationMs());
        o.put("sizeBytes", r.sizeBytes());
        o.put("bitrateKbps", r.bitrateKbps());
        o.put("hasVideo", r.hasVideo());
        o.put("hasAudio", r.hasAudio());
        r.warnings().forEach(o.putArray("warnings")::add);
        return o.toString();
    }

    static CompositionResult decodeResult(String json) throws IOException {
        JsonNode o = JSON.readTree(json);
        return new CompositionResult(
                Path.of(o.get("file").asText()),
                o.get("durationMs").asLong(),
                o.get("sizeBytes").asLong(),
                o.get("bitrateKbps").asLong(),
                o.get("hasVideo").asBoolean(),
                o.get("hasAudio").asBoolean(),
                texts(o.get("warnings")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String text(JsonNode o, String key) {
        JsonNode n = o.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}

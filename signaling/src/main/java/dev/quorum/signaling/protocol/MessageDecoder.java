package dev.quorum.signaling.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a text message into a {@link ClientMessage}, checking every field's presence and type.
 * Unknown fields are ignored (newer clients may send more); an unknown {@code type} is an
 * {@link ErrorCode#UNKNOWN_TYPE}. Thread-safe.
 */
public final class MessageDecoder {

    /** Limits on names, tokens and SDPs, in characters. */
    public static final int MAX_NAME = 128;

    public static final int MAX_TOKEN = 8192;
    public static final int MAX_ID = 64;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build());

    private MessageDecoder() {}

    public static ClientMessage decode(String text) throws ProtocolException {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "a message must be a JSON object");
        }
        JsonNode typeNode = n.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "a message needs a string 'type'");
        }
        String id = id(n);
        String type = typeNode.asText();
        return switch (type) {
            case "join" ->
                new ClientMessage.Join(
                        id,
                        string(n, "token", MAX_TOKEN, true),
                        string(n, "room", MAX_NAME, false),
                        string(n, "sdk", MAX_NAME, false));
            case "resume" ->
                new ClientMessage.Resume(
                        id,
                        string(n, "token", MAX_TOKEN, true),
                        string(n, "participantSid", MAX_NAME, true),
                        string(n, "resumeToken", MAX_NAME, true));
            case "publish" -> new ClientMessage.Publish(id, string(n, "sdp", Integer.MAX_VALUE, true), trackNames(n));
            case "answer" ->
                new ClientMessage.Answer(
                        id, string(n, "sdp", Integer.MAX_VALUE, true), integer(n, "version", 0, Long.MAX_VALUE));
            case "setTrackEnabled" ->
                new ClientMessage.SetTrackEnabled(id, string(n, "track", MAX_NAME, true), bool(n, "enabled"));
            case "setVideoPreference" ->
                new ClientMessage.SetVideoPreference(
                        id,
                        string(n, "track", MAX_NAME, true),
                        (int) integer(n, "maxWidth", 0, Integer.MAX_VALUE),
                        (int) integer(n, "maxHeight", 0, Integer.MAX_VALUE));
            case "quality" -> quality(id, n);
            case "ping" -> new ClientMessage.Ping(id);
            case "leave" -> new ClientMessage.Leave(id);
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + clip(type) + "'");
        };
    }

    /** The {@code type} of a text if it is a JSON object with one, for error replies; else null. */
    public static String typeOf(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return n != null && n.path("type").isTextual() ? clip(n.get("type").asText()) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String id(JsonNode n) throws ProtocolException {
        JsonNode id = n.get("id");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!(id.isTextual() || id.isIntegralNumber()) || id.asText().length() > MAX_ID) {
            throw new ProtocolException(
                    ErrorCode.INVALID_MESSAGE,
                    "'id' must be a string of at most " + MAX_ID + " characters or an integer");
        }
        return id.asText();
    }

    private static String string(JsonNode n, String field, int max, boolean required) throws ProtocolException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "'" + field + "' is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "'" + field + "' must be a string");
        }
        if (v.asText().length() > max) {
            throw new ProtocolException(
                    ErrorCode.INVALID_MESSAGE, "'" + field + "' is longer than " + max + " characters");
        }
        if (required && v.asText().isEmpty()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "'" + field + "' must not be empty");
        }
        return v.asText();
    }

    private static long integer(JsonNode n, String field, long min, long max) throws ProtocolException {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new ProtocolException(
                    ErrorCode.INVALID_MESSAGE,
                    "'" + field + "' must be an integer from " + min
                            + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? " up" : " to " + max));
        }
        return v.asLong();
    }

    /**
     * Bounds of one quality report's counts: an hour of 16 tracks fits (the SDK reports every 10 s),
     * and a number no browser could have counted is refused rather than skewing the meters.
     */
    static final long MAX_FRAMES = 10_000_000;

    static final long MAX_FREEZES = 1_000_000;
    static final long MAX_FROZEN_MS = 100_000_000;
    static final long MAX_AUDIO_SAMPLES = 100_000_000_000L;

    private static ClientMessage.Quality quality(String id, JsonNode n) throws ProtocolException {
        long samples = count(n, "audioSamples", MAX_AUDIO_SAMPLES);
        long concealed = count(n, "concealedSamples", MAX_AUDIO_SAMPLES);
        if (concealed > samples) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "'concealedSamples' must not exceed 'audioSamples'");
        }
        return new ClientMessage.Quality(
                id,
                count(n, "framesDecoded", MAX_FRAMES),
                count(n, "freezes", MAX_FREEZES),
                count(n, "frozenMs", MAX_FROZEN_MS),
                samples,
                concealed);
    }

    /** An optional count from 0 to {@code max}; 0 when absent. */
    private static long count(JsonNode n, String field, long max) throws ProtocolException {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? 0 : integer(n, field, 0, max);
    }

    private static boolean bool(JsonNode n, String field) throws ProtocolException {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "'" + field + "' must be true or false");
        }
        return v.asBoolean();
    }

    private static Map<String, String> trackNames(JsonNode n) throws ProtocolException {
        JsonNode v = n.get("trackNames");
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "'trackNames' must be an object of mid to name");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()
                    || e.getValue().asText().isEmpty()
                    || e.getValue().asText().length() > MAX_NAME) {
                throw new ProtocolException(
                        ErrorCode.INVALID_MESSAGE,
                        "track name for mid '" + clip(e.getKey()) + "' must be a string of 1 to " + MAX_NAME
                                + " characters");
            }
            if (out.containsValue(e.getValue().asText())) {
                throw new ProtocolException(
                        ErrorCode.INVALID_MESSAGE,
                        "track name '" + clip(e.getValue().asText()) + "' is used twice");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}

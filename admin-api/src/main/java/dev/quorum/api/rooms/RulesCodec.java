package dev.quorum.api.rooms;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.api.http.ApiException;
import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.TrackKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recording rules on the wire. Both encodings clients send are accepted: a JSON array of rules
 * ({@code [{"type":"include","all":true}]}) and an object wrapping it ({@code {"rules":[…]}},
 * what twilio-java sends). Any fault answers 400 with code 53120 and says which rule is wrong;
 * the room's rules are then left as they were.
 */
public final class RulesCodec {

    public static final int MAX_RULES = 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> FILTERS = Set.of("type", "all", "kind", "publisher", "track");

    private RulesCodec() {}

    /** Parses and validates the {@code parameter}'s JSON value. */
    public static List<RecordingRule> parse(String parameter, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid(parameter + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root != null && root.isObject() && root.has("rules") && root.size() == 1) {
            root = root.get("rules");
        }
        if (root == null || !root.isArray()) {
            throw invalid(parameter + " must be a JSON array of rules or {\"rules\": [...]}");
        }
        if (root.isEmpty()) {
            throw invalid(parameter + " must hold at least one rule");
        }
        if (root.size() > MAX_RULES) {
            throw invalid(parameter + " has " + root.size() + " rules; at most " + MAX_RULES + " are allowed");
        }
        List<RecordingRule> rules = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            rules.add(rule(i + 1, root.get(i)));
        }
        return rules;
    }

    private static RecordingRule rule(int n, JsonNode given) {
        String where = "rule " + n + ": ";
        if (!given.isObject()) {
            throw invalid(where + "must be a JSON object");
        }
        // Some clients serialise unset filters as null; null means "not given".
        com.fasterxml.jackson.databind.node.ObjectNode r =
                ((com.fasterxml.jackson.databind.node.ObjectNode) given).deepCopy();
        List<String> nulls = new ArrayList<>();
        r.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                nulls.add(e.getKey());
            }
        });
        r.remove(nulls);
        for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
            String k = it.next().getKey();
            if (!FILTERS.contains(k)) {
                throw invalid(where + "unknown filter '" + k
                        + "'; recording rules take type, all, kind, publisher and track");
            }
        }
        JsonNode type = r.get("type");
        if (type == null
                || !type.isTextual()
                || !(type.asText().equals("include") || type.asText().equals("exclude"))) {
            throw invalid(where + "'type' is required and must be include or exclude");
        }
        boolean all = false;
        if (r.has("all")) {
            if (!r.get("all").isBoolean() || !r.get("all").asBoolean()) {
                throw invalid(where + "'all' can only be true");
            }
            all = true;
        }
        TrackKind kind = null;
        if (r.has("kind")) {
            String k = r.get("kind").isTextual() ? r.get("kind").asText() : "";
            if (!k.equals("audio") && !k.equals("video")) {
                throw invalid(where + "'kind' must be audio or video");
            }
            kind = TrackKind.fromWire(k);
        }
        String publisher = text(r, "publisher", where);
        String track = text(r, "track", where);
        try {
            return new RecordingRule(type.asText().equals("include"), all, kind, publisher, track);
        } catch (IllegalArgumentException e) {
            throw invalid(where + e.getMessage());
        }
    }

    private static String text(JsonNode r, String key, String where) {
        if (!r.has(key)) {
            return null;
        }
        JsonNode v = r.get(key);
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > 128) {
            throw invalid(where + "'" + key + "' must be a non-empty string of at most 128 characters");
        }
        return v.asText();
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest(ApiException.INVALID_RECORDING_RULES, "Invalid Recording Rule(s): " + detail);
    }

    /** The rules as the API shows them (a JSON array). */
    public static JsonArray toJson(List<RecordingRule> rules) {
        JsonArray a = new JsonArray();
        for (RecordingRule r : rules) {
            JsonObject o = new JsonObject().put("type", r.include() ? "include" : "exclude");
            if (r.all()) {
                o.put("all", true);
            }
            if (r.kind() != null) {
                o.put("kind", r.kind().wireName());
            }
            if (r.publisher() != null) {
                o.put("publisher", r.publisher());
            }
            if (r.track() != null) {
                o.put("track", r.track());
            }
            a.add(o);
        }
        return a;
    }

    /** Reads rules stored by {@link #toJson}; stored data is trusted. */
    public static List<RecordingRule> fromStored(String json) {
        if (json == null || json.isBlank() || json.equals("[]")) {
            return List.of();
        }
        return parse("stored rules", json);
    }
}

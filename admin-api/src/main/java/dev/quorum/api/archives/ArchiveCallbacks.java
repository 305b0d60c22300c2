package dev.quorum.api.archives;

import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.Archive;
import dev.quorum.storage.archive.VideoProject;
import dev.quorum.storage.archive.VideoStream;
import dev.quorum.storage.callback.Delivery;
import dev.quorum.storage.callback.NewDelivery;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Archive status callbacks: one JSON POST per status change to the project's archive callback URL,
 * queued in the durable callback queue (ordered per archive, retried like every callback) and
 * signed with a JWT in {@code Authorization: Bearer}: HS256 keyed with the project's callback
 * secret, claims {@code iat}, {@code jti}, {@code iss} ({@code Quorum}), {@code payload_hash} (hex
 * SHA-256 of the body) and the project ({@code api_key} or {@code application_id}).
 */
final class ArchiveCallbacks {

    private final MetadataStore store;
    private final Clock clock;
    private final Runnable wake;

    /** @param wake tells the dispatcher a callback was queued */
    ArchiveCallbacks(MetadataStore store, Clock clock, Runnable wake) {
        this.store = store;
        this.clock = clock;
        this.wake = wake;
    }

    /** The archive's current status. */
    void status(Archive a, List<RecordingPlan.Included> streams) {
        JsonObject body = body(a, a.status());
        if (Archive.STARTED.equals(a.status())) {
            JsonArray list = new JsonArray();
            streams.forEach(i -> list.add(ArchiveView.stream(i)));
            body.put("streams", list);
        }
        enqueue(a, a.status(), body);
    }

    /** {@code streamAdded} or {@code streamRemoved} of a manual-mode archive. */
    void stream(Archive a, String status, VideoStream s, String reason, Instant at) {
        JsonObject body = body(a, status)
                .put("reason", reason == null ? "" : reason)
                .put("timestamp", at.toEpochMilli())
                .put(
                        "stream",
                        new JsonObject()
                                .put("id", s.streamId())
                                .put("connection", new JsonObject().put("id", s.connectionId()))
                                .put("createdAt", roundToSecond(s.dateCreated())));
        enqueue(a, status, body);
    }

    private JsonObject body(Archive a, String status) {
        VideoProject p = store.projects().find(a.projectId()).orElse(null);
        JsonObject o = new JsonObject()
                .put("id", a.id())
                .put("event", "archive")
                .put("createdAt", roundToSecond(a.dateRequested()))
                .put("duration", a.recording() || a.durationMs() == null ? 0 : Math.round(a.durationMs() / 1000.0))
                .put("name", a.name() == null ? "" : a.name());
        ArchiveView.owner(o, p == null || p.opentok(), a.projectId());
        o.put("reason", a.reason() == null ? "" : a.reason());
        if (a.composed()) {
            o.put("resolution", a.resolution());
        }
        return o.put("sessionId", a.sessionId())
                .put("size", a.sizeBytes())
                .put("status", status)
                .put("streamMode", a.streamMode())
                .put("outputMode", a.outputMode())
                .putNull("url");
    }

    private void enqueue(Archive a, String status, JsonObject body) {
        VideoProject p = store.projects().find(a.projectId()).orElse(null);
        if (p == null || p.archiveCallback() == null) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String k : List.of("id", "status", "sessionId", "reason")) {
            params.put(k, String.valueOf(body.getValue(k)));
        }
        store.callbacks()
                .enqueue(new NewDelivery(
                        a.accountSid(),
                        a.id(),
                        a.id(),
                        a.roomSid(),
                        "archive-" + status,
                        p.archiveCallback(),
                        "POST",
                        params,
                        body.encode()));
        wake.run();
    }

    /** The {@code Authorization} header of a queued archive callback, or null to send it unsigned. */
    String authorization(Delivery d) {
        VideoProject p = store.archives()
                .find(d.resourceSid())
                .flatMap(a -> store.projects().find(a.projectId()))
                .orElse(null);
        if (p == null || p.callbackSecret() == null) {
            return null;
        }
        JsonObject claims = new JsonObject()
                .put("iat", clock.instant().getEpochSecond())
                .put("jti", UUID.randomUUID().toString())
                .put("iss", "Quorum")
                .put("payload_hash", sha256Hex(d.body()))
                .put(p.opentok() ? "api_key" : "application_id", p.id());
        return "Bearer " + hs256(claims, p.callbackSecret());
    }

    static String hs256(JsonObject claims, String secret) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static String sha256Hex(String body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static long roundToSecond(Instant t) {
        return Math.round(t.toEpochMilli() / 1000.0) * 1000;
    }
}

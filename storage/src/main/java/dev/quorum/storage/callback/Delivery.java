package dev.quorum.storage.callback;

import java.time.Instant;
import java.util.Map;

/**
 * One status callback to deliver, and its delivery log.
 *
 * @param id             increasing in the order callbacks were queued
 * @param orderingKey    callbacks with the same key are delivered strictly in id order (the
 *                       room SID for room, participant, track and recording events; the
 *                       composition or hook SID for composition events)
 * @param resourceSid    the SID the event is about (room, participant, track, recording,
 *                       composition or hook)
 * @param sequenceNumber 0, 1, 2… per ordering key
 * @param method         {@code POST} or {@code GET}
 * @param params         the form parameters, in the order they are sent (for a JSON callback, its
 *                       top-level fields as text, for the delivery log)
 * @param status         {@link #PENDING}, {@link #DELIVERED} or {@link #FAILED} (gave up)
 * @param nextAttemptAt  when a pending delivery is next tried
 * @param lastStatusCode the receiver's last HTTP status, or null if it could not be reached
 * @param lastError      what went wrong last, or null
 * @param body           the exact JSON body of a JSON callback (archive status changes); null for
 *                       a form-encoded one
 */
public record Delivery(
        long id,
        String accountSid,
        String orderingKey,
        String resourceSid,
        String roomSid,
        String event,
        long sequenceNumber,
        String url,
        String method,
        Map<String, String> params,
        String status,
        int attempts,
        Instant nextAttemptAt,
        String leasedBy,
        Instant leasedUntil,
        Instant lastAttemptAt,
        Integer lastStatusCode,
        String lastError,
        Instant dateCreated,
        Instant dateFinished,
        String body) {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    /** True for a JSON callback: {@link #body()} is sent as it is. */
    public boolean json() {
        return body != null;
    }

    public Delivery {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}

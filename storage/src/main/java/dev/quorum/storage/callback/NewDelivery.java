package dev.quorum.storage.callback;

import java.util.Map;

/** A callback to queue; see {@link Delivery} for the fields. */
public record NewDelivery(
        String accountSid,
        String orderingKey,
        String resourceSid,
        String roomSid,
        String event,
        String url,
        String method,
        Map<String, String> params) {

    public NewDelivery {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}

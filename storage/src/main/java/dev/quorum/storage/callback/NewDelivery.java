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
        Map<String, String> params,
        String body) {

    public NewDelivery {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    /** A form-encoded callback (the parameters are the body). */
    public NewDelivery(
            String accountSid,
            String orderingKey,
            String resourceSid,
            String roomSid,
            String event,
            String url,
            String method,
            Map<String, String> params) {
        this(accountSid, orderingKey, resourceSid, roomSid, event, url, method, params, null);
    }
}

package dev.quorum.storage.callback;

/**
 * Filters of the delivery log; null means "any".
 *
 * @param resourceSid matches the event's own SID or its room's SID
 */
public record DeliveryFilter(String resourceSid, String status, String event) {}

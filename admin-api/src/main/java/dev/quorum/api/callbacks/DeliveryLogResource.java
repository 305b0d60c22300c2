package dev.quorum.api.callbacks;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Dates;
import dev.quorum.api.http.Paging;
import dev.quorum.api.http.Params;
import dev.quorum.api.http.Sids;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.Page;
import dev.quorum.storage.callback.Delivery;
import dev.quorum.storage.callback.DeliveryFilter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Our extension {@code GET /v1/StatusCallbacks[/{Id}]}: the delivery log of the account's status
 * callbacks — what was sent where, how many attempts, the receiver's last status or the error,
 * and whether it is still pending, delivered or given up. Filters: {@code ResourceSid} (the
 * event's own SID or its room's), {@code Status}, {@code Event}.
 */
public final class DeliveryLogResource {

    private final MetadataStore store;

    public DeliveryLogResource(MetadataStore store) {
        this.store = store;
    }

    public void register(ApiRouter api) {
        api.path("/StatusCallbacks").get(this::list).done();
        api.path("/StatusCallbacks/:Id").get(this::fetch).done();
    }

    private void list(Call call) {
        Params q = call.query();
        Paging.Request page = Paging.parse(q, 50, 1000);
        String resource = q.string("ResourceSid");
        DeliveryFilter f = new DeliveryFilter(
                resource == null ? null : Sids.canonical(resource),
                q.oneOf("Status", List.of(Delivery.PENDING, Delivery.DELIVERED, Delivery.FAILED)),
                q.string("Event"));
        Page<Delivery> result = store.callbacks().list(call.account(), f, page.cursor(), page.pageSize());
        JsonArray items = new JsonArray();
        result.items().forEach(d -> items.add(view(d, call.baseUrl())));
        call.json(
                200,
                Paging.list(
                        "status_callbacks",
                        items,
                        Paging.meta(
                                "status_callbacks", call.baseUrl(), "/v1/StatusCallbacks", q, page, result.next())));
    }

    private void fetch(Call call) {
        long id;
        try {
            id = Long.parseLong(call.pathParam("Id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound(call.path());
        }
        Delivery d = store.callbacks().find(call.account(), id).orElseThrow(() -> ApiException.notFound(call.path()));
        call.json(200, view(d, call.baseUrl()));
    }

    static JsonObject view(Delivery d, String baseUrl) {
        JsonObject params = new JsonObject();
        d.params().forEach(params::put);
        params.put("SequenceNumber", Long.toString(d.sequenceNumber()));
        return new JsonObject()
                .put("id", d.id())
                .put("account_sid", d.accountSid())
                .put("resource_sid", d.resourceSid())
                .put("room_sid", d.roomSid())
                .put("event", d.event())
                .put("sequence_number", d.sequenceNumber())
                .put("callback_url", d.url())
                .put("callback_method", d.method())
                .put("parameters", params)
                .put("status", d.status())
                .put("attempts", d.attempts())
                .put("next_attempt_at", d.status().equals(Delivery.PENDING) ? Dates.iso(d.nextAttemptAt()) : null)
                .put("last_attempt_at", Dates.iso(d.lastAttemptAt()))
                .put("last_status_code", d.lastStatusCode())
                .put("last_error", d.lastError())
                .put("date_created", Dates.iso(d.dateCreated()))
                .put("date_finished", Dates.iso(d.dateFinished()))
                .put("url", baseUrl + "/v1/StatusCallbacks/" + d.id());
    }
}

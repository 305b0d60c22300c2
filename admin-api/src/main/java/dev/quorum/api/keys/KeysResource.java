package dev.quorum.api.keys;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Dates;
import dev.quorum.api.http.Paging;
import dev.quorum.api.http.Params;
import dev.quorum.api.http.Sids;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.Page;
import dev.quorum.storage.account.ApiKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * API keys in the 2010 API's shape ({@code /2010-04-01/Accounts/{AccountSid}/Keys.json},
 * {@code …/Keys/{Sid}.json}), as twilio-java's {@code NewKey} and {@code Key} call them: RFC 2822
 * dates and the 2010 paging keys. Keys are managed with the account's auth token; a request
 * authenticated with an API key is refused (403), so a key cannot mint or revoke keys.
 */
public final class KeysResource {

    private static final int MAX_NAME = 64;

    private final MetadataStore store;

    public KeysResource(MetadataStore store) {
        this.store = store;
    }

    /** Registers on a router mounted at {@code /2010-04-01}. */
    public void register(ApiRouter api) {
        api.path("/Accounts/:AccountSid/Keys.json")
                .post(this::create)
                .get(this::list)
                .done();
        api.path("/Accounts/:AccountSid/Keys/:SidJson")
                .get(this::fetch)
                .post(this::update)
                .delete(this::delete)
                .done();
    }

    private void authorize(Call call) {
        String account = Sids.canonical(call.pathParam("AccountSid"));
        if (!account.equals(call.account())) {
            throw ApiException.notFound(call.path());
        }
        if (call.principal().viaApiKey()) {
            throw ApiException.forbidden("API keys are managed with the account's auth token, not with an API key");
        }
    }

    private String keySid(Call call) {
        String s = call.pathParam("SidJson");
        if (!s.endsWith(".json")) {
            throw ApiException.notFound(call.path());
        }
        return Sids.canonical(s.substring(0, s.length() - ".json".length()));
    }

    private void create(Call call) {
        authorize(call);
        String name = call.form().string("FriendlyName", MAX_NAME);
        ApiKey k = store.apiKeys().create(call.account(), name);
        call.json(201, view(k).put("secret", k.secret()));
    }

    private void list(Call call) {
        authorize(call);
        Params q = call.query();
        Paging.Request page = Paging.parse(q, 50, 1000);
        Page<ApiKey> keys = store.apiKeys().list(call.account(), page.cursor(), page.pageSize());
        JsonArray items = new JsonArray();
        keys.items().forEach(k -> items.add(view(k)));
        String path = "/2010-04-01/Accounts/" + call.account() + "/Keys.json";
        String first = path + "?PageSize=" + page.pageSize() + "&Page=0";
        String current = path + "?PageSize=" + page.pageSize() + "&Page=" + page.page()
                + (page.token() == null ? "" : "&PageToken=" + Paging.enc(page.token()));
        Optional<String> next = keys.next()
                .map(c -> path + "?PageSize=" + page.pageSize() + "&Page=" + (page.page() + 1) + "&PageToken="
                        + Paging.encode(c));
        long start = (long) page.page() * page.pageSize();
        call.json(
                200,
                new JsonObject()
                        .put("keys", items)
                        .put("uri", current)
                        .put("first_page_uri", first)
                        .put("next_page_uri", next.orElse(null))
                        .put("previous_page_uri", (Object) null)
                        .put("page", page.page())
                        .put("page_size", page.pageSize())
                        .put("start", start)
                        .put("end", start + Math.max(0, items.size() - 1)));
    }

    private ApiKey require(Call call) {
        return store.apiKeys().find(call.account(), keySid(call)).orElseThrow(() -> ApiException.notFound(call.path()));
    }

    private void fetch(Call call) {
        authorize(call);
        call.json(200, view(require(call)));
    }

    private void update(Call call) {
        authorize(call);
        ApiKey k = require(call);
        String name = call.form().string("FriendlyName", MAX_NAME);
        call.json(
                200,
                view(store.apiKeys()
                        .rename(call.account(), k.sid(), name)
                        .orElseThrow(() -> ApiException.notFound(call.path()))));
    }

    private void delete(Call call) {
        authorize(call);
        ApiKey k = require(call);
        if (k.origin().equals(ApiKey.CONFIGURED)) {
            throw ApiException.forbidden("Key " + k.sid() + " comes from the server's configuration; remove it there");
        }
        if (!store.apiKeys().delete(call.account(), k.sid())) {
            throw ApiException.notFound(call.path());
        }
        call.noContent();
    }

    private static JsonObject view(ApiKey k) {
        return new JsonObject()
                .put("sid", k.sid())
                .put("friendly_name", k.friendlyName())
                .put("date_created", Dates.rfc2822(k.dateCreated()))
                .put("date_updated", Dates.rfc2822(k.dateUpdated()));
    }
}

package dev.quorum.api.compositions;

import dev.quorum.api.callbacks.CallbackTargets;
import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Paging;
import dev.quorum.api.http.Params;
import dev.quorum.api.http.Sids;
import dev.quorum.sfu.api.Sid;
import dev.quorum.storage.DuplicateException;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.Page;
import dev.quorum.storage.composition.CompositionHook;
import dev.quorum.storage.composition.HookFilter;
import io.vertx.core.json.JsonArray;

/**
 * {@code /v1/CompositionHooks[/{Sid}]}. An update is a full replacement: parameters left out are
 * reset to their defaults. Friendly names are unique within an account (409 otherwise).
 */
public final class HooksResource {

    static final int MAX_NAME = 100;

    private final MetadataStore store;
    private final CallbackTargets targets;

    public HooksResource(MetadataStore store, CallbackTargets targets) {
        this.targets = targets;
        this.store = store;
    }

    public void register(ApiRouter api) {
        api.path("/CompositionHooks").post(this::create).get(this::list).done();
        api.path("/CompositionHooks/:Sid")
                .get(this::fetch)
                .post(this::update)
                .delete(this::delete)
                .done();
    }

    private void create(Call call) {
        Params p = call.form();
        String name = p.string("FriendlyName", MAX_NAME);
        if (name == null) {
            throw ApiException.invalid("FriendlyName", "Missing required parameter FriendlyName");
        }
        boolean enabled = p.bool("Enabled", true);
        CompositionChecks.Checked checked = CompositionChecks.parse(p, true, targets);
        try {
            CompositionHook h =
                    store.hooks().create(Sid.generate(Sid.HOOK), call.account(), name, enabled, checked.spec());
            call.json(201, CompositionView.hook(h, call.baseUrl()));
        } catch (DuplicateException e) {
            throw ApiException.conflict("A composition hook named '" + name + "' already exists in this account");
        }
    }

    private void update(Call call) {
        CompositionHook h = require(call);
        Params p = call.form();
        String name = p.string("FriendlyName", MAX_NAME);
        if (name == null) {
            throw ApiException.invalid(
                    "FriendlyName", "Missing required parameter FriendlyName (an update replaces the whole hook)");
        }
        boolean enabled = p.bool("Enabled", true);
        CompositionChecks.Checked checked = CompositionChecks.parse(p, true, targets);
        try {
            CompositionHook updated = store.hooks()
                    .replace(call.account(), h.sid(), name, enabled, checked.spec())
                    .orElseThrow(() -> ApiException.notFound(call.path()));
            call.json(200, CompositionView.hook(updated, call.baseUrl()));
        } catch (DuplicateException e) {
            throw ApiException.conflict("A composition hook named '" + name + "' already exists in this account");
        }
    }

    private void list(Call call) {
        Params q = call.query();
        Paging.Request page = Paging.parse(q, 50, 1000);
        HookFilter f = new HookFilter(
                q.bool("Enabled"), q.string("FriendlyName"), q.date("DateCreatedAfter"), q.date("DateCreatedBefore"));
        Page<CompositionHook> result = store.hooks().list(call.account(), f, page.cursor(), page.pageSize());
        JsonArray items = new JsonArray();
        result.items().forEach(h -> items.add(CompositionView.hook(h, call.baseUrl())));
        call.json(
                200,
                Paging.list(
                        "composition_hooks",
                        items,
                        Paging.meta(
                                "composition_hooks", call.baseUrl(), "/v1/CompositionHooks", q, page, result.next())));
    }

    private CompositionHook require(Call call) {
        return store.hooks()
                .find(call.account(), Sids.canonical(call.pathParam("Sid")))
                .orElseThrow(() -> ApiException.notFound(call.path()));
    }

    private void fetch(Call call) {
        call.json(200, CompositionView.hook(require(call), call.baseUrl()));
    }

    private void delete(Call call) {
        if (!store.hooks().delete(call.account(), Sids.canonical(call.pathParam("Sid")))) {
            throw ApiException.notFound(call.path());
        }
        call.noContent();
    }
}

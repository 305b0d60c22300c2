package dev.quorum.api.credentials;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Dates;
import dev.quorum.api.http.Paging;
import dev.quorum.api.http.Params;
import dev.quorum.api.http.Sids;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.Page;
import dev.quorum.storage.credential.Credential;
import dev.quorum.storage.crypto.PublicKeys;
import dev.quorum.storage.s3.S3Credentials;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The Accounts API's credentials as twilio-java's {@code com.twilio.rest.accounts.v1.credential}
 * calls them: {@code /v1/Credentials/AWS} (an access key pair given as
 * {@code Credentials=<id>:<secret>}) and {@code /v1/Credentials/PublicKeys} (an RSA public key of
 * 2048 bits or more, as PEM). Secrets are kept to be used and never returned; a credential is
 * visible to, and usable by, its own account only.
 */
public final class CredentialsResource {

    private static final int MAX_NAME = 64;
    private static final int MAX_PEM = 16_384;

    private final MetadataStore store;

    public CredentialsResource(MetadataStore store) {
        this.store = store;
    }

    public void register(ApiRouter api) {
        api.path("/Credentials/AWS")
                .post(c -> create(c, Credential.AWS))
                .get(c -> list(c, Credential.AWS))
                .done();
        api.path("/Credentials/AWS/:Sid")
                .get(c -> fetch(c, Credential.AWS))
                .post(c -> update(c, Credential.AWS))
                .delete(c -> delete(c, Credential.AWS))
                .done();
        api.path("/Credentials/PublicKeys")
                .post(c -> create(c, Credential.PUBLIC_KEY))
                .get(c -> list(c, Credential.PUBLIC_KEY))
                .done();
        api.path("/Credentials/PublicKeys/:Sid")
                .get(c -> fetch(c, Credential.PUBLIC_KEY))
                .post(c -> update(c, Credential.PUBLIC_KEY))
                .delete(c -> delete(c, Credential.PUBLIC_KEY))
                .done();
    }

    private void create(Call call, String type) {
        Params p = call.form();
        String name = p.string("FriendlyName", MAX_NAME);
        String account = p.string("AccountSid");
        if (account != null && !Sids.canonical(account).equals(call.account())) {
            throw ApiException.invalid(
                    "AccountSid",
                    "AccountSid must be the account making the request (" + call.account()
                            + "); subaccounts are not supported");
        }
        Credential c;
        if (type.equals(Credential.AWS)) {
            String pair = p.string("Credentials", 1024);
            if (pair == null) {
                throw ApiException.invalid("Credentials", "Missing required parameter Credentials");
            }
            S3Credentials creds;
            try {
                creds = S3Credentials.parse(pair);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("Credentials", e.getMessage());
            }
            c = store.credentials().createAws(call.account(), name, creds.accessKeyId(), creds.secret());
        } else {
            String pem = p.string("PublicKey", MAX_PEM);
            if (pem == null) {
                throw ApiException.invalid("PublicKey", "Missing required parameter PublicKey");
            }
            try {
                PublicKeys.parseRsa(pem);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("PublicKey", e.getMessage());
            }
            c = store.credentials().createPublicKey(call.account(), name, pem.trim());
        }
        call.json(201, view(c, call.baseUrl()));
    }

    private void list(Call call, String type) {
        Params q = call.query();
        Paging.Request page = Paging.parse(q, 50, 1000);
        Page<Credential> rows = store.credentials().list(call.account(), type, page.cursor(), page.pageSize());
        JsonArray items = new JsonArray();
        rows.items().forEach(c -> items.add(view(c, call.baseUrl())));
        call.json(
                200,
                Paging.list(
                        "credentials",
                        items,
                        Paging.meta("credentials", call.baseUrl(), path(type), q, page, rows.next())));
    }

    private Credential find(Call call, String type) {
        String sid = call.pathParam("Sid");
        if (!Sids.is("CR", sid)) {
            throw ApiException.notFound(call.path());
        }
        return store.credentials()
                .find(call.account(), type, Sids.canonical(sid))
                .orElseThrow(() -> ApiException.notFound(call.path()));
    }

    private void fetch(Call call, String type) {
        call.json(200, view(find(call, type), call.baseUrl()));
    }

    private void update(Call call, String type) {
        Credential c = find(call, type);
        String name = call.form().string("FriendlyName", MAX_NAME);
        call.json(
                200,
                view(
                        store.credentials()
                                .rename(call.account(), type, c.sid(), name)
                                .orElseThrow(() -> ApiException.notFound(call.path())),
                        call.baseUrl()));
    }

    private void delete(Call call, String type) {
        Credential c = find(call, type);
        store.credentials().delete(call.account(), type, c.sid());
        call.noContent();
    }

    private static String path(String type) {
        return type.equals(Credential.AWS) ? "/v1/Credentials/AWS" : "/v1/Credentials/PublicKeys";
    }

    private static JsonObject view(Credential c, String baseUrl) {
        return new JsonObject()
                .put("sid", c.sid())
                .put("account_sid", c.accountSid())
                .put("friendly_name", c.friendlyName())
                .put("date_created", Dates.iso(c.dateCreated()))
                .put("date_updated", Dates.iso(c.dateUpdated()))
                .put("url", baseUrl + path(c.type()) + "/" + c.sid());
    }
}

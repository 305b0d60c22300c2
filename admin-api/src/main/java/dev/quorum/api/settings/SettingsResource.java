package dev.quorum.api.settings;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Params;
import dev.quorum.api.http.Sids;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.settings.MediaSettings;
import io.vertx.core.json.JsonObject;

/**
 * {@code /v1/RecordingSettings/Default} and {@code /v1/CompositionSettings/Default}: per-account
 * singletons. A POST replaces every field (omitted ones are reset). The values are stored and
 * shown; this server keeps media on its own storage whatever they say (see docs/rest-api.md).
 */
public final class SettingsResource {

    private final MetadataStore store;

    public SettingsResource(MetadataStore store) {
        this.store = store;
    }

    public void register(ApiRouter api) {
        api.path("/RecordingSettings/Default")
                .get(c -> fetch(c, MediaSettings.Kind.RECORDING)).post(c -> set(c, MediaSettings.Kind.RECORDING)).done();
        api.path("/CompositionSettings/Default")
                .get(c -> fetch(c, MediaSettings.Kind.COMPOSITION)).post(c -> set(c, MediaSettings.Kind.COMPOSITION)).done();
    }

    private void fetch(Call call, MediaSettings.Kind kind) {
        MediaSettings s = store.settings().find(call.account(), kind)
                .orElse(new MediaSettings(call.account(), kind, null, null, null, false, null, false, null));
        call.json(200, view(s, call.baseUrl()));
    }

    private void set(Call call, MediaSettings.Kind kind) {
        Params p = call.form();
        String name = p.string("FriendlyName", 64);
        if (name == null) {
            throw ApiException.invalid("FriendlyName", "Missing required parameter FriendlyName");
        }
        MediaSettings s = new MediaSettings(call.account(), kind, name, credential(p, "AwsCredentialsSid"),
                p.url("AwsS3Url"), p.bool("AwsStorageEnabled", false), credential(p, "EncryptionKeySid"),
                p.bool("EncryptionEnabled", false), null);
        if (s.awsStorageEnabled() && s.awsS3Url() == null) {
            throw ApiException.invalid("AwsS3Url", "AwsS3Url is required when AwsStorageEnabled is true");
        }
        if (s.encryptionEnabled() && s.encryptionKeySid() == null) {
            throw ApiException.invalid("EncryptionKeySid", "EncryptionKeySid is required when EncryptionEnabled is true");
        }
        call.json(200, view(store.settings().put(s), call.baseUrl()));
    }

    private static String credential(Params p, String name) {
        String v = p.string(name);
        if (v != null && !Sids.is("CR", v)) {
            throw ApiException.invalid(name, name + " must be a credential SID (CR…), got '" + v + "'");
        }
        return v == null ? null : Sids.canonical(v);
    }

    private static JsonObject view(MediaSettings s, String baseUrl) {
        String path = s.kind() == MediaSettings.Kind.RECORDING ? "/v1/RecordingSettings/Default" : "/v1/CompositionSettings/Default";
        return new JsonObject()
                .put("account_sid", s.accountSid())
                .put("friendly_name", s.friendlyName())
                .put("aws_credentials_sid", s.awsCredentialsSid())
                .put("aws_s3_url", s.awsS3Url())
                .put("aws_storage_enabled", s.awsStorageEnabled())
                .put("encryption_key_sid", s.encryptionKeySid())
                .put("encryption_enabled", s.encryptionEnabled())
                .put("url", baseUrl + path);
    }

}

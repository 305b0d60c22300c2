package dev.quorum.api.settings;

import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Call;
import dev.quorum.api.http.Params;
import dev.quorum.api.http.Sids;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.credential.Credential;
import dev.quorum.storage.crypto.PublicKeys;
import dev.quorum.storage.s3.S3Target;
import dev.quorum.storage.settings.MediaSettings;
import dev.quorum.storage.upload.ExternalBuckets;
import io.vertx.core.json.JsonObject;
import java.io.IOException;

/**
 * {@code /v1/RecordingSettings/Default} and {@code /v1/CompositionSettings/Default}: per-account
 * singletons, applied to every file finished after the change. A POST replaces every field
 * (omitted ones are reset) and is checked first: the credentials must be the account's, the URL a
 * bucket URL, the public key an RSA key; with {@code AwsStorageEnabled} the bucket must take a
 * probe object with those credentials, else 400 with the store's answer.
 */
public final class SettingsResource {

    private final MetadataStore store;
    private final ExternalBuckets buckets;

    /** @param buckets checks a bucket before external storage is enabled; null to refuse enabling it */
    public SettingsResource(MetadataStore store, ExternalBuckets buckets) {
        this.store = store;
        this.buckets = buckets;
    }

    public void register(ApiRouter api) {
        api.path("/RecordingSettings/Default")
                .get(c -> fetch(c, MediaSettings.Kind.RECORDING))
                .post(c -> set(c, MediaSettings.Kind.RECORDING))
                .done();
        api.path("/CompositionSettings/Default")
                .get(c -> fetch(c, MediaSettings.Kind.COMPOSITION))
                .post(c -> set(c, MediaSettings.Kind.COMPOSITION))
                .done();
    }

    private void fetch(Call call, MediaSettings.Kind kind) {
        MediaSettings s = store.settings()
                .find(call.account(), kind)
                .orElse(new MediaSettings(call.account(), kind, null, null, null, false, null, false, null));
        call.json(200, view(s, call.baseUrl()));
    }

    private void set(Call call, MediaSettings.Kind kind) {
        Params p = call.form();
        String name = p.string("FriendlyName", 64);
        if (name == null) {
            throw ApiException.invalid("FriendlyName", "Missing required parameter FriendlyName");
        }
        MediaSettings s = new MediaSettings(
                call.account(),
                kind,
                name,
                credential(p, "AwsCredentialsSid"),
                p.url("AwsS3Url"),
                p.bool("AwsStorageEnabled", false),
                credential(p, "EncryptionKeySid"),
                p.bool("EncryptionEnabled", false),
                null);
        if (s.awsStorageEnabled() && s.awsS3Url() == null) {
            throw ApiException.invalid("AwsS3Url", "AwsS3Url is required when AwsStorageEnabled is true");
        }
        if (s.encryptionEnabled() && s.encryptionKeySid() == null) {
            throw ApiException.invalid(
                    "EncryptionKeySid", "EncryptionKeySid is required when EncryptionEnabled is true");
        }
        check(call.account(), s);
        call.json(200, view(store.settings().put(s), call.baseUrl()));
    }

    /** Refuses settings that could not be applied, naming the parameter. */
    private void check(String account, MediaSettings s) {
        if (s.awsS3Url() != null) {
            try {
                S3Target.parse(s.awsS3Url(), S3Target.DEFAULT_REGION);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("AwsS3Url", "AwsS3Url is not a bucket URL: " + e.getMessage());
            }
        }
        if (s.awsCredentialsSid() != null
                && store.credentials()
                        .find(account, Credential.AWS, s.awsCredentialsSid())
                        .isEmpty()) {
            throw ApiException.invalid(
                    "AwsCredentialsSid",
                    "AwsCredentialsSid " + s.awsCredentialsSid()
                            + " is not an AWS credential of this account (/v1/Credentials/AWS)");
        }
        if (s.encryptionKeySid() != null) {
            Credential key = store.credentials()
                    .find(account, Credential.PUBLIC_KEY, s.encryptionKeySid())
                    .orElseThrow(() -> ApiException.invalid(
                            "EncryptionKeySid",
                            "EncryptionKeySid " + s.encryptionKeySid()
                                    + " is not a public key of this account (/v1/Credentials/PublicKeys)"));
            try {
                PublicKeys.parseRsa(key.publicKey());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("EncryptionKeySid", "EncryptionKeySid " + key.sid() + ": " + e.getMessage());
            }
        }
        if (s.awsStorageEnabled()) {
            if (s.awsCredentialsSid() == null) {
                throw ApiException.invalid(
                        "AwsCredentialsSid", "AwsCredentialsSid is required when AwsStorageEnabled is true");
            }
            if (buckets == null) {
                throw ApiException.invalid("AwsStorageEnabled", "This server cannot store media in external buckets");
            }
            try {
                buckets.check(account, s.awsS3Url(), s.awsCredentialsSid());
            } catch (IOException e) {
                throw ApiException.invalid(
                        "AwsS3Url",
                        "The bucket at AwsS3Url cannot be written with AwsCredentialsSid " + s.awsCredentialsSid()
                                + ": " + e.getMessage());
            }
        }
    }

    private static String credential(Params p, String name) {
        String v = p.string(name);
        if (v != null && !Sids.is("CR", v)) {
            throw ApiException.invalid(name, name + " must be a credential SID (CR…), got '" + v + "'");
        }
        return v == null ? null : Sids.canonical(v);
    }

    private static JsonObject view(MediaSettings s, String baseUrl) {
        String path = s.kind() == MediaSettings.Kind.RECORDING
                ? "/v1/RecordingSettings/Default"
                : "/v1/CompositionSettings/Default";
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

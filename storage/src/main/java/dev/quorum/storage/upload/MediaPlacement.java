package dev.quorum.storage.upload;

import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.settings.MediaSettings;
import java.util.Optional;

/**
 * Decides where a finished file goes, from its account's recording or composition settings and
 * the server's store: the account's bucket ({@code AwsStorageEnabled}), else the shared bucket
 * when servers share one, else this node's disk, encrypted if {@code EncryptionEnabled}. Empty
 * when the file is already where it belongs (on this disk, unencrypted).
 */
public final class MediaPlacement {

    private final MetadataStore store;
    private final MediaUploader uploader;

    public MediaPlacement(MetadataStore store, MediaUploader uploader) {
        this.store = store;
        this.uploader = uploader;
    }

    public MediaUploader uploader() {
        return uploader;
    }

    /** The upload a finished file needs, if any. */
    public Optional<NewUpload> plan(
            MediaSettings.Kind kind,
            String accountSid,
            String resourceSid,
            String resourceKind,
            String localKey,
            String node) {
        MediaSettings s = store.settings().find(accountSid, kind).orElse(null);
        boolean external = s != null && s.awsStorageEnabled() && s.awsS3Url() != null && s.awsCredentialsSid() != null;
        String encryptWith = s != null && s.encryptionEnabled() ? s.encryptionKeySid() : null;
        if (!external && !uploader.hasSharedStore() && encryptWith == null) {
            return Optional.empty();
        }
        UploadConfig c = uploader.config();
        return Optional.of(new NewUpload(
                accountSid,
                resourceSid,
                resourceKind,
                localKey,
                node,
                external ? Destination.EXTERNAL : Destination.SERVER,
                external ? s.awsS3Url() : null,
                external ? s.awsCredentialsSid() : null,
                encryptWith,
                c.fallback(),
                c.keepLocal(),
                c.window()));
    }

    /** Whether media of the account's recordings would be unreadable to the composer (encrypted or external). */
    public boolean storedOutOfReach(String accountSid, MediaSettings.Kind kind) {
        MediaSettings s = store.settings().find(accountSid, kind).orElse(null);
        return s != null && (s.encryptionEnabled() || s.awsStorageEnabled());
    }
}

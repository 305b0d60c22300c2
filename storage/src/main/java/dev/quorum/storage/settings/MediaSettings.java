package dev.quorum.storage.settings;

import java.time.Instant;

/**
 * An account's recording or composition settings (external storage and encryption). Stored and
 * shown as given; this server keeps media on its own storage whatever they say.
 */
public record MediaSettings(
        String accountSid,
        Kind kind,
        String friendlyName,
        String awsCredentialsSid,
        String awsS3Url,
        boolean awsStorageEnabled,
        String encryptionKeySid,
        boolean encryptionEnabled,
        Instant dateUpdated) {

    /** Which of the two per-account singletons. */
    public enum Kind {
        RECORDING,
        COMPOSITION;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

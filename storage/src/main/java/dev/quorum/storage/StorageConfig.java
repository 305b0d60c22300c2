package dev.quorum.storage;

import dev.quorum.storage.crypto.SecretsKey;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the storage module.
 *
 * @param databaseUrl            {@code jdbc:sqlite:<file>} (default, under the data directory) or
 *                               {@code jdbc:postgresql://host/db} for several servers
 * @param databaseUser           user, or empty
 * @param databasePassword       password, or empty
 * @param databasePoolSize       connections kept open (default 8)
 * @param databaseConnectTimeout how long start-up and requests wait for a connection (default 10 s)
 * @param mediaDir               root of the local media store (default {@code <data dir>/media})
 * @param mediaUrlSecret         key for signing media links; empty to generate one and keep it in
 *                               the metadata store (shared by servers sharing the database)
 * @param deletedRetention       how long deleted recordings' and compositions' metadata and
 *                               finished callbacks stay before they are purged (default 30 days)
 * @param secretsKey             Base64 of the 256-bit key that encrypts secrets kept in the store
 *                               ({@code storage.secrets-key}); empty to use {@code secretsKeyFile}
 * @param secretsKeyFile         where the key is generated and kept when none is configured
 *                               (default {@code <data dir>/secrets.key})
 */
public record StorageConfig(
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int databasePoolSize,
        Duration databaseConnectTimeout,
        Path mediaDir,
        String mediaUrlSecret,
        Duration deletedRetention,
        String secretsKey,
        Path secretsKeyFile) {

    public static final int DEFAULT_POOL_SIZE = 8;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    public StorageConfig {
        if (databaseUrl == null
                || !(databaseUrl.startsWith("jdbc:sqlite:") || databaseUrl.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException(
                    "database.url must be a jdbc:sqlite: or jdbc:postgresql: URL, was " + databaseUrl);
        }
        if (databasePoolSize < 1 || databasePoolSize > 200) {
            throw new IllegalArgumentException("database.pool-size must be between 1 and 200, was " + databasePoolSize);
        }
        if (mediaUrlSecret != null && !mediaUrlSecret.isEmpty() && mediaUrlSecret.length() < 32) {
            throw new IllegalArgumentException("media.url-secret must be at least 32 characters");
        }
        if (deletedRetention.isNegative()) {
            throw new IllegalArgumentException("storage.deleted-retention must not be negative");
        }
        databaseUser = databaseUser == null ? "" : databaseUser;
        databasePassword = databasePassword == null ? "" : databasePassword;
        mediaUrlSecret = mediaUrlSecret == null ? "" : mediaUrlSecret;
        secretsKey = secretsKey == null ? "" : secretsKey.trim();
        if (!secretsKey.isEmpty()) {
            SecretsKey.fromBase64(secretsKey); // refuses a key that is not 32 bytes of Base64
        }
    }

    /** This configuration with another secrets key (Base64). */
    public StorageConfig withSecretsKey(String base64) {
        return new StorageConfig(
                databaseUrl,
                databaseUser,
                databasePassword,
                databasePoolSize,
                databaseConnectTimeout,
                mediaDir,
                mediaUrlSecret,
                deletedRetention,
                base64,
                secretsKeyFile);
    }

    /** Defaults for a database URL and a data directory. */
    public static StorageConfig defaults(String databaseUrl, Path dataDir) {
        return new StorageConfig(
                databaseUrl,
                "",
                "",
                DEFAULT_POOL_SIZE,
                DEFAULT_CONNECT_TIMEOUT,
                dataDir.resolve("media"),
                "",
                DEFAULT_RETENTION,
                "",
                dataDir.resolve("secrets.key"));
    }
}

package dev.quorum.server.config;

import dev.quorum.storage.StorageConfig;
import java.time.Duration;

/** Reads the metadata and media store keys (docs/configuration.md, "Storage"). */
public final class StorageConfigs {

    private StorageConfigs() {}

    public static StorageConfig from(ServerConfig server, ConfigSource c) {
        String secret = c.string("storage.media-url-secret", "");
        if (!secret.isEmpty() && secret.length() < 32) {
            throw c.invalid("storage.media-url-secret", "(hidden)", "at least 32 characters, or empty to generate one");
        }
        return new StorageConfig(
                server.databaseUrl(),
                server.databaseUser(),
                server.databasePassword(),
                c.integer("database.pool-size", StorageConfig.DEFAULT_POOL_SIZE, 1, 200),
                c.duration(
                        "database.connect-timeout",
                        StorageConfig.DEFAULT_CONNECT_TIMEOUT,
                        Duration.ofMillis(250),
                        Duration.ofMinutes(5)),
                c.path("storage.media-dir", server.dataDir().resolve("media"))
                        .toAbsolutePath()
                        .normalize(),
                secret,
                c.duration(
                        "storage.deleted-retention",
                        StorageConfig.DEFAULT_RETENTION,
                        Duration.ZERO,
                        Duration.ofDays(3650)),
                secretsKey(c),
                server.dataDir().resolve("secrets.key"));
    }

    private static String secretsKey(ConfigSource c) {
        String key = c.string("storage.secrets-key", "");
        if (!key.isBlank()) {
            try {
                dev.quorum.storage.crypto.SecretsKey.fromBase64(key);
            } catch (IllegalArgumentException e) {
                throw c.invalid(
                        "storage.secrets-key", "(hidden)", "32 bytes in Base64 (openssl rand -base64 32), or empty");
            }
        }
        return key;
    }
}

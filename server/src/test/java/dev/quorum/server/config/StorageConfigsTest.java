package dev.quorum.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.storage.StorageConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageConfigsTest {

    private static StorageConfig read(Map<String, String> values) {
        ConfigSource source = ConfigSource.of(values);
        return StorageConfigs.from(ServerConfig.from(source), source);
    }

    @Test
    void withoutASecretsKeyOneIsKeptInTheDataDirectory() {
        StorageConfig c = read(Map.of("data.dir", "/srv/quorum"));
        assertThat(c.secretsKey()).isEmpty();
        assertThat(c.secretsKeyFile()).isEqualTo(Path.of("/srv/quorum/secrets.key"));
    }

    @Test
    void aConfiguredSecretsKeyIsUsed() {
        String key = "q2Zr4yE0c1m9mXbY2b3o8l6m6cXk8VtqK0m7eQ3o1uE=";
        assertThat(read(Map.of("storage.secrets-key", key)).secretsKey()).isEqualTo(key);
    }

    @Test
    void aSecretsKeyThatIsNotThirtyTwoBytesOfBase64IsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> read(Map.of("storage.secrets-key", "c2hvcnQ=")))
                .hasMessageContaining("storage.secrets-key")
                .hasMessageContaining("32 bytes in Base64 (openssl rand -base64 32)")
                .hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> read(Map.of("storage.secrets-key", "not base64 at all!")))
                .hasMessageContaining("storage.secrets-key");
    }
}

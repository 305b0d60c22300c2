package dev.quorum.signaling.token;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds an API key's secret and owning account by its SID. The server backs it with the
 * metadata store's API keys; {@link #inMemory()} serves tests and development.
 * Implementations are thread-safe and fast (called once per join).
 */
@FunctionalInterface
public interface ApiKeySecrets {

    Optional<ApiKeySecret> find(String keySid);

    /** A mutable in-memory set of keys. */
    static InMemory inMemory() {
        return new InMemory();
    }

    /** Keys held in a map. */
    final class InMemory implements ApiKeySecrets {
        private final Map<String, ApiKeySecret> keys = new ConcurrentHashMap<>();

        public InMemory add(ApiKeySecret key) {
            keys.put(key.keySid(), key);
            return this;
        }

        public void remove(String keySid) {
            keys.remove(keySid);
        }

        @Override
        public Optional<ApiKeySecret> find(String keySid) {
            return Optional.ofNullable(keySid == null ? null : keys.get(keySid));
        }
    }
}

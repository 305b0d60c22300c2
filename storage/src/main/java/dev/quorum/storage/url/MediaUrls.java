package dev.quorum.storage.url;

import dev.quorum.storage.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/** Builds the server's {@link MediaUrlSigner} from a configured or a stored, generated secret. */
public final class MediaUrls {

    static final String SECRET_NAME = "media-url-signing-key";

    private MediaUrls() {}

    /**
     * A signer keyed with {@code configuredSecret}, or (when it is empty) with a 256-bit secret
     * generated once and kept in the metadata store.
     */
    public static MediaUrlSigner signer(MetadataStore store, String configuredSecret, Clock clock) {
        if (configuredSecret != null && !configuredSecret.isEmpty()) {
            return new MediaUrlSigner(configuredSecret.getBytes(StandardCharsets.UTF_8), clock);
        }
        String stored = store.secrets().getOrCreate(SECRET_NAME, () -> {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            return Base64.getEncoder().encodeToString(b);
        });
        return new MediaUrlSigner(Base64.getDecoder().decode(stored), clock);
    }
}

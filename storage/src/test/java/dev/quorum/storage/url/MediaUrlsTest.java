package dev.quorum.storage.url;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.storage.testing.StoreTestBase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaUrlsTest extends StoreTestBase {

    private static final String KEY = "compositions/AC1/CJ1.mp4";

    @Test
    void theGeneratedSecretIsKeptSoLinksSurviveARestart() {
        String url = MediaUrls.signer(store, "", clock).sign(KEY, Duration.ofMinutes(10), null);
        restart();
        MediaUrlSigner after = MediaUrls.signer(store, "", clock);
        Map<String, String> q = query(url);
        assertThat(after.verify(KEY, q.get("Expires"), null, q.get("Signature")))
                .isEqualTo(MediaUrlSigner.Verdict.VALID);

        MediaUrlSigner configured = MediaUrls.signer(store, "c".repeat(40), clock);
        assertThat(configured.verify(KEY, q.get("Expires"), null, q.get("Signature")))
                .isEqualTo(MediaUrlSigner.Verdict.INVALID);
    }

    private static Map<String, String> query(String url) {
        var q = new java.util.HashMap<String, String>();
        for (String kv : url.substring(url.indexOf('?') + 1).split("&")) {
            q.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return q;
    }
}

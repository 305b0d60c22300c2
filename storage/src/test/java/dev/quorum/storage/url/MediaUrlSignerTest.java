package dev.quorum.storage.url;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.MutableClock;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaUrlSignerTest {

    private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    private final MediaUrlSigner signer = new MediaUrlSigner("k".repeat(32).getBytes(StandardCharsets.UTF_8), clock);
    private static final String KEY = "recordings/AC1/RM1/RT1.mka";

    private static Map<String, String> query(String url) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String kv : URI.create(url).getRawQuery().split("&")) {
            int eq = kv.indexOf('=');
            q.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private MediaUrlSigner.Verdict verify(String key, Map<String, String> q) {
        return signer.verify(key, q.get("Expires"), q.get("Disposition"), q.get("Signature"));
    }

    @Test
    void aSignedLinkIsValidUntilItExpires() {
        String url = signer.sign(KEY, Duration.ofSeconds(600), "attachment; filename=\"RT1.mka\"");
        assertThat(url).startsWith("/media/" + KEY + "?Expires=");
        Map<String, String> q = query(url);
        assertThat(q.get("Expires")).isEqualTo(String.valueOf(clock.instant().getEpochSecond() + 600));
        assertThat(q.get("Disposition")).isEqualTo("attachment; filename=\"RT1.mka\"");
        assertThat(verify(KEY, q)).isEqualTo(MediaUrlSigner.Verdict.VALID);
        clock.advance(Duration.ofSeconds(600));
        assertThat(verify(KEY, q)).isEqualTo(MediaUrlSigner.Verdict.VALID);
        clock.advance(Duration.ofSeconds(1));
        assertThat(verify(KEY, q)).isEqualTo(MediaUrlSigner.Verdict.EXPIRED);
    }

    @Test
    void anyChangeToTheLinkInvalidatesIt() {
        Map<String, String> q = query(signer.sign(KEY, Duration.ofSeconds(60), "inline"));
        assertThat(verify("recordings/AC1/RM1/RT2.mka", q)).isEqualTo(MediaUrlSigner.Verdict.INVALID);

        Map<String, String> later = new LinkedHashMap<>(q);
        later.put("Expires", String.valueOf(Long.parseLong(q.get("Expires")) + 3600));
        assertThat(verify(KEY, later)).isEqualTo(MediaUrlSigner.Verdict.INVALID);

        Map<String, String> disposition = new LinkedHashMap<>(q);
        disposition.put("Disposition", "attachment");
        assertThat(verify(KEY, disposition)).isEqualTo(MediaUrlSigner.Verdict.INVALID);
        disposition.remove("Disposition");
        assertThat(verify(KEY, disposition)).isEqualTo(MediaUrlSigner.Verdict.INVALID);

        Map<String, String> sig = new LinkedHashMap<>(q);
        char[] c = q.get("Signature").toCharArray();
        c[3] = c[3] == 'A' ? 'B' : 'A';
        sig.put("Signature", new String(c));
        assertThat(verify(KEY, sig)).isEqualTo(MediaUrlSigner.Verdict.INVALID);
        sig.put("Signature", "%%%not-base64");
        assertThat(verify(KEY, sig)).isEqualTo(MediaUrlSigner.Verdict.INVALID);
        sig.put("Expires", "soon");
        assertThat(verify(KEY, sig)).isEqualTo(MediaUrlSigner.Verdict.INVALID);
        assertThat(signer.verify("../x", q.get("Expires"), null, q.get("Signature")))
                .isEqualTo(MediaUrlSigner.Verdict.INVALID);

        MediaUrlSigner other = new MediaUrlSigner("o".repeat(32).getBytes(StandardCharsets.UTF_8), clock);
        assertThat(other.verify(KEY, q.get("Expires"), q.get("Disposition"), q.get("Signature")))
                .isEqualTo(MediaUrlSigner.Verdict.INVALID);
    }
}

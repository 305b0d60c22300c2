package dev.quorum.storage.url;

import dev.quorum.storage.media.MediaKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Temporary media links: {@code /media/<key>?Expires=<epoch seconds>[&Disposition=…]&Signature=…}
 * where the signature is HMAC-SHA256 (base64url) over the path, the expiry and the disposition,
 * keyed with a server secret. Anyone holding the link can download the file until it expires;
 * changing any part of it invalidates the signature.
 */
public final class MediaUrlSigner {

    /** The path prefix the media endpoint is mounted at. */
    public static final String PATH_PREFIX = "/media/";

    /** The outcome of checking a link. */
    public enum Verdict {
        VALID,
        EXPIRED,
        INVALID
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    /** @param secret at least 32 bytes */
    public MediaUrlSigner(byte[] secret, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("The media URL secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.clock = clock;
    }

    /**
     * A link to {@code mediaKey} valid for {@code ttl}, as a path and query to append to the
     * server's public URL.
     *
     * @param contentDisposition the {@code Content-Disposition} the download is served with, or null
     */
    public String sign(String mediaKey, Duration ttl, String contentDisposition) {
        MediaKeys.validate(mediaKey);
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String path = PATH_PREFIX + mediaKey;
        StringBuilder url = new StringBuilder(path).append("?Expires=").append(expires);
        if (contentDisposition != null) {
            url.append("&Disposition=")
                    .append(URLEncoder.encode(contentDisposition, StandardCharsets.UTF_8)
                            .replace("+", "%20"));
        }
        url.append("&Signature=").append(signature(path, expires, contentDisposition));
        return url.toString();
    }

    /**
     * Checks a link's parts as received (query values already URL-decoded).
     *
     * @param disposition the {@code Disposition} value, or null if absent
     */
    public Verdict verify(String mediaKey, String expiresParam, String disposition, String signatureParam) {
        if (mediaKey == null || expiresParam == null || signatureParam == null || !MediaKeys.isValid(mediaKey)) {
            return Verdict.INVALID;
        }
        long expires;
        byte[] given;
        try {
            expires = Long.parseLong(expiresParam);
            given = B64D.decode(signatureParam);
        } catch (IllegalArgumentException e) {
            return Verdict.INVALID;
        }
        byte[] expected = B64D.decode(signature(PATH_PREFIX + mediaKey, expires, disposition));
        if (!MessageDigest.isEqual(expected, given)) {
            return Verdict.INVALID;
        }
        return clock.instant().getEpochSecond() > expires ? Verdict.EXPIRED : Verdict.VALID;
    }

    private String signature(String path, long expires, String disposition) {
        String toSign = "GET\n" + path + "\n" + expires + "\n" + (disposition == null ? "" : disposition);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return B64.encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

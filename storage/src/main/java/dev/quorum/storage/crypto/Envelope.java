package dev.quorum.storage.crypto;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a customer needs, besides the private key, to decrypt one media file: the file's content
 * key wrapped with the customer's RSA public key, and the IV. Stored as the object's user metadata
 * under the names the hosted service's encrypted media uses ({@code x-amz-key}, {@code x-amz-iv},
 * served as {@code x-amz-meta-x-amz-key} and {@code x-amz-meta-x-amz-iv}).
 *
 * @param wrappedKey    Base64 of the 256-bit AES key encrypted with RSA (PKCS#1 v1.5 padding)
 * @param iv            Base64 of the 16-byte AES-CBC initialisation vector
 * @param keySid        the public key credential ({@code CR…}) it was wrapped with
 * @param plainLength   the size of the unencrypted file in bytes
 */
public record Envelope(String wrappedKey, String iv, String keySid, long plainLength) {

    public static final String KEY = "x-amz-key";
    public static final String IV = "x-amz-iv";
    public static final String MATDESC = "x-amz-matdesc";
    public static final String PLAIN_LENGTH = "x-amz-unencrypted-content-length";
    public static final String KEY_SID = "quorum-encryption-key-sid";

    /** The object metadata holding this envelope. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY, wrappedKey);
        m.put(IV, iv);
        m.put(MATDESC, "{}");
        m.put(PLAIN_LENGTH, Long.toString(plainLength));
        m.put(KEY_SID, keySid);
        return m;
    }

    /** The envelope in an object's metadata, or null if the object is not encrypted. */
    public static Envelope from(Map<String, String> metadata) {
        String key = metadata.get(KEY);
        String iv = metadata.get(IV);
        if (key == null || iv == null) {
            return null;
        }
        String plain = metadata.get(PLAIN_LENGTH);
        return new Envelope(key, iv, metadata.get(KEY_SID), plain == null ? -1 : Long.parseLong(plain));
    }
}

package dev.quorum.api.callbacks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Twilio-Signature}: Base64 of HMAC-SHA1, keyed with the account's auth token, over the
 * full URL followed (for a form POST) by each parameter name immediately followed by its value,
 * names in plain string order. A GET carries its parameters in the URL, so nothing is appended.
 * This is what the official request validators check.
 */
public final class CallbackSigner {

    private CallbackSigner() {}

    /**
     * @param url        the exact URL the request is sent to (with the query of a GET)
     * @param postParams the form parameters of a POST; empty for a GET
     */
    public static String sign(String authToken, String url, Map<String, String> postParams) {
        StringBuilder data = new StringBuilder(url);
        List<String> names = new ArrayList<>(postParams.keySet());
        Collections.sort(names);
        for (String n : names) {
            data.append(n).append(postParams.get(n));
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}

package dev.quorum.api.archives;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Session IDs in the hosted service's encoding: {@code 1_} followed by unpadded base64url of
 * {@code 1~<project>~<location>~<created ms>~<random>~}. The OpenTok SDK decodes an ID this way
 * and mints client tokens only for IDs that name its API key; the ID is also the unique name of
 * the session's room, so it stays within 128 characters.
 */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {}

    public static String mint(String projectId, String location, long createdMillis) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        String raw = "1~" + projectId + "~" + (location == null ? "" : location) + "~" + createdMillis + "~"
                + HexFormat.of().formatHex(r) + "~";
        return "1_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.quorum.storage.account;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random credentials in the hosted service's shapes. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Secrets() {}

    /** A SID: two letters and 32 lower-case hex digits. */
    public static String sid(String prefix) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    /** An auth token: 32 hex digits (128 bits). */
    public static String authToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** An API key secret: 32 letters and digits (about 190 bits). */
    public static String apiKeySecret() {
        StringBuilder s = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            s.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return s.toString();
    }
}

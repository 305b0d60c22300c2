package dev.quorum.sfu.transport;

import java.security.SecureRandom;

/**
 * One side's ICE username fragment and password ({@code a=ice-ufrag}, {@code a=ice-pwd}).
 *
 * <p>RFC 8839 §5.4: ice-chars are {@code A–Z a–z 0–9 + /}; the ufrag has at least 4 and the
 * password at least 22 of them (libwebrtc rejects shorter ones when it parses the SDP).
 */
public record IceCredentials(String ufrag, String password) {

    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    public IceCredentials {
        check("ufrag", ufrag, 4, 256);
        check("password", password, 22, 256);
    }

    /** Fresh random credentials: 8-char ufrag (48 bits) and 24-char password (144 bits). */
    public static IceCredentials random() {
        return new IceCredentials(randomIceChars(8), randomIceChars(24));
    }

    private static String randomIceChars(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length())));
        }
        return b.toString();
    }

    private static void check(String what, String value, int min, int max) {
        if (value == null || value.length() < min || value.length() > max) {
            throw new IllegalArgumentException("ICE " + what + " must have " + min + " to " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (ICE_CHARS.indexOf(value.charAt(i)) < 0) {
                throw new IllegalArgumentException("ICE " + what + " contains a character that is not an ice-char");
            }
        }
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", password=(hidden)]";
    }
}

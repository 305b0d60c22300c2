package dev.quorum.sfu.api;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Resource identifiers in the hosted service's format: two upper-case letters naming the kind
 * ({@code RM} room, {@code PA} participant, {@code MT} track, {@code RT} recording, {@code CJ}
 * composition, {@code HK} hook, {@code AC} account, {@code SK} API key) followed by 32 lower-case
 * hex digits.
 */
public final class Sid {

    public static final String ACCOUNT = "AC";
    public static final String API_KEY = "SK";
    public static final String ROOM = "RM";
    public static final String PARTICIPANT = "PA";
    public static final String TRACK = "MT";
    public static final String RECORDING = "RT";
    public static final String COMPOSITION = "CJ";
    public static final String HOOK = "HK";

    private static final Pattern ANY = Pattern.compile("^[A-Za-z]{2}[0-9a-fA-F]{32}$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Sid() {}

    /** A new random SID with the given two-letter prefix. */
    public static String generate(String prefix) {
        if (prefix.length() != 2) {
            throw new IllegalArgumentException("SID prefix must be two letters: " + prefix);
        }
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return prefix + HEX.formatHex(b);
    }

    /** True if {@code s} has the form of a SID with the given prefix (hex in either case). */
    public static boolean is(String prefix, String s) {
        return s != null && ANY.matcher(s).matches() && s.regionMatches(0, prefix, 0, 2);
    }

    /** True if {@code s} has the form of any SID. */
    public static boolean isAny(String s) {
        return s != null && ANY.matcher(s).matches();
    }
}

package dev.quorum.api.http;

import dev.quorum.sfu.api.Sid;
import java.util.Locale;

/** SIDs as clients send them (hex in either case) and as we store them (lower-case hex). */
public final class Sids {

    private Sids() {}

    /** The canonical spelling of a SID; anything that is not a SID is returned unchanged. */
    public static String canonical(String s) {
        if (Sid.isAny(s)) {
            return s.substring(0, 2).toUpperCase(Locale.ROOT) + s.substring(2).toLowerCase(Locale.ROOT);
        }
        return s;
    }

    /** True if {@code s} is a SID with this prefix (after canonicalisation). */
    public static boolean is(String prefix, String s) {
        return Sid.is(prefix, s) && s.substring(0, 2).equalsIgnoreCase(prefix);
    }
}

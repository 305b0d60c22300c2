package dev.quorum.signaling.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Field-level checks shared by the session and media parsers; each names the line it failed on. */
final class Lines {

    private static final Pattern HEX_PAIRS = Pattern.compile("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+$");

    private Lines() {}

    /** The space- or tab-separated words of {@code s}. */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>(8);
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean gap = i == s.length() || s.charAt(i) == ' ' || s.charAt(i) == '\t';
            if (gap && start >= 0) {
                out.add(s.substring(start, i));
                start = -1;
            } else if (!gap && start < 0) {
                start = i;
            }
        }
        return out;
    }

    static String required(int n, String name, String value) throws SdpParseException {
        if (value == null || value.isBlank()) {
            throw new SdpParseException(n, "'a=" + name + "' needs a value");
        }
        return value;
    }

    static long number(int n, String what, String text, long min, long max) throws SdpParseException {
        try {
            long v = Long.parseLong(text);
            if (v < min || v > max) {
                throw new SdpParseException(n, what + " " + v + " is outside " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new SdpParseException(n, what + " must be a number: '" + SdpParser.clip(text) + "'");
        }
    }

    static int payloadType(int n, String text) throws SdpParseException {
        return (int) number(n, "payload type", text, 0, 127);
    }

    static Fingerprint fingerprint(int n, String value) throws SdpParseException {
        List<String> t = tokens(required(n, "fingerprint", value));
        if (t.size() != 2 || !HEX_PAIRS.matcher(t.get(1)).matches()) {
            throw new SdpParseException(n, "'a=fingerprint' must be '<hash-function> <hex pairs joined by :>'");
        }
        return new Fingerprint(t.get(0), t.get(1));
    }

    static Setup setup(int n, String value) throws SdpParseException {
        Setup s = Setup.fromValue(required(n, "setup", value).trim());
        if (s == null) {
            throw new SdpParseException(
                    n, "'a=setup' must be actpass, active, passive or holdconn: '" + SdpParser.clip(value) + "'");
        }
        return s;
    }
}

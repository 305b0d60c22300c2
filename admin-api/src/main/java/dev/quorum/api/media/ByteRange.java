package dev.quorum.api.media;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single HTTP byte range (RFC 9110 §14) resolved against a file size. A header this server does
 * not serve as a range (several ranges, a unit other than bytes, malformed syntax) is ignored and
 * the whole file is sent, as the RFC allows; a well-formed range that starts past the end is
 * unsatisfiable (416).
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
public record ByteRange(Kind kind, long first, long last) {

    public enum Kind {
        WHOLE,
        PARTIAL,
        UNSATISFIABLE
    }

    private static final Pattern ONE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    public static ByteRange parse(String header, long size) {
        ByteRange whole = new ByteRange(Kind.WHOLE, 0, size - 1);
        if (header == null) {
            return whole;
        }
        Matcher m = ONE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return whole;
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    return new ByteRange(Kind.UNSATISFIABLE, 0, 0);
                }
                return new ByteRange(Kind.PARTIAL, Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                return whole; // last before first: not a valid range, so ignored
            }
            if (first >= size) {
                return new ByteRange(Kind.UNSATISFIABLE, 0, 0);
            }
            long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
            return new ByteRange(Kind.PARTIAL, first, Math.min(last, size - 1));
        } catch (NumberFormatException tooLong) {
            return whole;
        }
    }

    public long length() {
        return last - first + 1;
    }
}

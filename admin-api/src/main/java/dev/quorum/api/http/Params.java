package dev.quorum.api.http;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to a request's parameters (the query of a GET, the form of a POST). Names are
 * case-sensitive PascalCase; an empty value counts as absent. Every bad value is a 400 naming the
 * parameter and what it accepts.
 */
public final class Params {

    private final MultiMap values;

    public Params(MultiMap values) {
        this.values = values;
    }

    public boolean has(String name) {
        String v = values.get(name);
        return v != null && !v.isEmpty();
    }

    /** The value, or null when absent or empty. */
    public String string(String name) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The value, at most {@code maxLength} characters. */
    public String string(String name, int maxLength) {
        String v = string(name);
        if (v != null && v.length() > maxLength) {
            throw ApiException.invalid(name, name + " is longer than " + maxLength + " characters");
        }
        return v;
    }

    public String required(String name) {
        String v = string(name);
        if (v == null) {
            throw ApiException.invalid(name, "Missing required parameter " + name);
        }
        return v;
    }

    /** Every value of a repeated parameter, in order, empties dropped. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (String v : values.getAll(name)) {
            if (v != null && !v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    /** {@code true} / {@code false} (any case), or null when absent. */
    public Boolean bool(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiException.invalid(name, name + " must be true or false, got '" + v + "'");
    }

    public boolean bool(String name, boolean dflt) {
        Boolean b = bool(name);
        return b == null ? dflt : b;
    }

    /** An integer in [min, max], or null when absent. */
    public Integer integer(String name, int min, int max) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, name + " must be an integer, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw ApiException.invalid(
                    name, name + " " + n + " is out of range: it must be between " + min + " and " + max);
        }
        return (int) n;
    }

    /**
     * One of {@code allowed}, compared case-insensitively, returned in the allowed spelling; null
     * when absent.
     */
    public String oneOf(String name, List<String> allowed) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw ApiException.invalid(name, name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }

    /** A date filter in any accepted shape, or null when absent. */
    public Instant date(String name) {
        String v = string(name);
        return v == null ? null : Dates.parseFilter(name, v);
    }

    /** An absolute http(s) URL as {@link WebUrl} accepts it, or null when absent. */
    public String url(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        String problem = WebUrl.problem(v);
        if (problem != null) {
            throw ApiException.invalid(name, name + " must be " + problem + ", got '" + shorten(v) + "'");
        }
        return v;
    }

    private static String shorten(String v) {
        return v.length() <= 200 ? v : v.substring(0, 200) + "…";
    }

    /** {@code GET} or {@code POST}; {@code dflt} when absent. */
    public String method(String name, String dflt) {
        String m = oneOf(name, List.of("POST", "GET"));
        return m == null ? dflt : m;
    }

    /** The names present, for the filters a page URL repeats. */
    public MultiMap raw() {
        return values;
    }
}

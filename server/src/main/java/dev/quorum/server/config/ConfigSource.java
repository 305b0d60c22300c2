package dev.quorum.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Configuration values from one properties file, overridden by environment variables.
 *
 * <p>A key such as {@code http.port} is overridden by the variable {@code QUORUM_HTTP_PORT}: upper
 * case, with {@code .} and {@code -} turned into {@code _}. Every getter validates and throws a
 * {@link ConfigException} naming the key (and the variable) when a value cannot be used. Keys
 * present in the file but never read are reported by {@link #checkNoUnknownKeys()}, which catches
 * typos before the server runs with a default the user did not want.
 */
public final class ConfigSource {

    public static final String ENV_PREFIX = "QUORUM_";

    private final Map<String, String> fileValues;
    private final Map<String, String> env;
    private final String origin;
    private final Set<String> read = Collections.synchronizedSet(new HashSet<>());

    private ConfigSource(Map<String, String> fileValues, Map<String, String> env, String origin) {
        this.fileValues = fileValues;
        this.env = env;
        this.origin = origin;
    }

    /** Values from {@code file} (if not null) and the given environment. */
    public static ConfigSource load(Path file, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        String origin = "defaults";
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("Configuration file " + file + " does not exist");
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("Cannot read configuration file " + file + ": " + e.getMessage());
            }
            for (String k : p.stringPropertyNames()) {
                values.put(k.trim(), p.getProperty(k).trim());
            }
            origin = file.toString();
        }
        return new ConfigSource(values, Map.copyOf(env), origin);
    }

    /** Values from a map, as if read from a file; for tests and embedding. */
    public static ConfigSource of(Map<String, String> values) {
        return new ConfigSource(new HashMap<>(values), Map.of(), "map");
    }

    /** Where the file values came from, for the start-up banner. */
    public String origin() {
        return origin;
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The raw value of a key, environment first, then file; empty when neither sets it. */
    public Optional<String> raw(String key) {
        read.add(key);
        String v = env.get(envName(key));
        if (v == null) {
            v = fileValues.get(key);
        }
        return Optional.ofNullable(v).map(String::trim);
    }

    public String string(String key, String defaultValue) {
        return raw(key).orElse(defaultValue);
    }

    /** A value that must be set; {@code hint} says what it is for. */
    public String required(String key, String hint) {
        return raw(key).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new ConfigException("Missing configuration " + describe(key) + ": " + hint));
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            int i = Integer.parseInt(v.get());
            if (i < min || i > max) {
                throw invalid(key, v.get(), "an integer between " + min + " and " + max);
            }
            return i;
        } catch (NumberFormatException e) {
            throw invalid(key, v.get(), "an integer between " + min + " and " + max);
        }
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            long i = Long.parseLong(v.get());
            if (i < min || i > max) {
                throw invalid(key, v.get(), "an integer between " + min + " and " + max);
            }
            return i;
        } catch (NumberFormatException e) {
            throw invalid(key, v.get(), "an integer between " + min + " and " + max);
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, v.get(), "true or false");
        };
    }

    /**
     * A duration written as a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m},
     * {@code 2h}) or in ISO-8601 ({@code PT30S}).
     */
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String expected = "a duration such as 500ms, 30s, 5m or 2h, between " + min + " and " + max;
        Duration d;
        try {
            d = parseDuration(v.get());
        } catch (IllegalArgumentException e) {
            throw invalid(key, v.get(), expected);
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw invalid(key, v.get(), expected);
        }
        return d;
    }

    public Path path(String key, Path defaultValue) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Path.of(v.get());
        } catch (RuntimeException e) {
            throw invalid(key, v.get(), "a file system path");
        }
    }

    /** A comma-separated list; empty items are dropped. */
    public List<String> list(String key, List<String> defaultValue) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        List<String> out = new ArrayList<>();
        for (String s : v.get().split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return List.copyOf(out);
    }

    /** One of the given choices, case-insensitive; returned in the choice's spelling. */
    public String choice(String key, String defaultValue, List<String> choices) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        for (String c : choices) {
            if (c.equalsIgnoreCase(v.get())) {
                return c;
            }
        }
        throw invalid(key, v.get(), "one of " + String.join(", ", choices));
    }

    /** Fails if the file set keys that no component read. */
    public void checkNoUnknownKeys() {
        Set<String> unknown = new TreeSet<>(fileValues.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new ConfigException("Unknown configuration key(s) in " + origin + ": " + String.join(", ", unknown)
                    + " (see docs/configuration.md for the keys the server reads)");
        }
    }

    /** A {@link ConfigException} for a bad value of {@code key}; for module config readers. */
    public ConfigException invalid(String key, String value, String expected) {
        return new ConfigException("Invalid value '" + value + "' for " + describe(key) + ": expected " + expected);
    }

    private String describe(String key) {
        return key + " (environment " + envName(key) + ")";
    }

    static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(s, e);
            }
        }
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException(s);
        }
        long n = Long.parseLong(t.substring(0, i));
        return switch (t.substring(i).trim()) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(s);
        };
    }
}

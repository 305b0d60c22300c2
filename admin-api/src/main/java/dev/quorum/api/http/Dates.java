package dev.quorum.api.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Times as the API writes them and every shape clients send them in. */
public final class Dates {

    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private Dates() {}

    /** ISO 8601 UTC, second precision, {@code Z}: {@code 2026-11-23T10:00:00Z}; null stays null. */
    public static String iso(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** RFC 2822 as the 2010 API writes it: {@code Mon, 23 Nov 2026 10:00:00 +0000}. */
    public static String rfc2822(Instant t) {
        return t == null ? null : RFC_2822.format(t);
    }

    /**
     * A date filter: {@code 2026-11-01}, {@code 2026-11-01T00:00:00} (no zone, as twilio-java sends
     * it; read as UTC), with fractions, {@code Z} or an offset.
     *
     * @throws ApiException naming the parameter when the text is none of these
     */
    public static Instant parseFilter(String parameter, String text) {
        Instant t = parse(text.trim());
        if (t == null) {
            throw ApiException.invalid(
                    parameter,
                    parameter + " '" + text + "' is not a date: use ISO 8601, e.g. 2026-11-01 or 2026-11-01T00:00:00Z");
        }
        // ISO 8601 allows years far beyond what the stores keep (epoch milliseconds).
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw ApiException.invalid(
                    parameter,
                    parameter + " '" + text + "' is out of range: dates from 0001-01-01 to 9999-12-31 are accepted");
        }
        return t;
    }

    private static Instant parse(String t) {
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // next shape
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next shape
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

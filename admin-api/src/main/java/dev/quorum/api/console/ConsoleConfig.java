package dev.quorum.api.console;

import java.time.Duration;

/**
 * How long console sign-ins last.
 *
 * @param idleTimeout a session unused for this long ends (uses are recorded at most once a minute,
 *                    so it may end up to a minute sooner)
 * @param maxAge      a session ends this long after sign-in however busy it is
 */
public record ConsoleConfig(Duration idleTimeout, Duration maxAge) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(12);
    public static final ConsoleConfig DEFAULTS = new ConsoleConfig(DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_AGE);

    public ConsoleConfig {
        if (idleTimeout == null || idleTimeout.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException(
                    "console.session-idle-timeout must be at least 1 minute, was " + idleTimeout);
        }
        if (maxAge == null || maxAge.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("console.session-max-age must be at least console.session-idle-timeout ("
                    + idleTimeout + "), was " + maxAge);
        }
    }
}

package dev.quorum.api.archives;

import java.time.Duration;

/**
 * The archive API's timers and limits; the defaults are the hosted service's.
 *
 * @param noStreamTimeout     an archive that has recorded nothing this long after its start stops
 * @param maxRecorded         recorded (published) time after which an archive stops; automatic
 *                            archives roll over to a new one instead
 * @param maxTotal            time since the start, paused spans included, after which it stops
 * @param idleTimeout         an archive paused (nobody publishing) this long stops
 * @param emptySessionTimeout an archive stops this long after the last client left the session
 * @param rolloverOverlap     how long the next automatic archive records before the previous one stops
 * @param retention           an available archive expires this long after it was created
 * @param urlTtl              how long a download URL in a get or list answer is valid
 * @param checkInterval       how often timers are checked
 */
public record ArchiveSettings(
        Duration noStreamTimeout,
        Duration maxRecorded,
        Duration maxTotal,
        Duration idleTimeout,
        Duration emptySessionTimeout,
        Duration rolloverOverlap,
        Duration retention,
        Duration urlTtl,
        Duration checkInterval) {

    public static final ArchiveSettings DEFAULTS = new ArchiveSettings(
            Duration.ofSeconds(60),
            Duration.ofHours(4),
            Duration.ofHours(12),
            Duration.ofMinutes(60),
            Duration.ofSeconds(60),
            Duration.ofSeconds(2),
            Duration.ofHours(72),
            Duration.ofMinutes(10),
            Duration.ofSeconds(1));

    public ArchiveSettings {
        for (Duration d : new Duration[] {
            noStreamTimeout, maxRecorded, maxTotal, idleTimeout, emptySessionTimeout, retention, urlTtl, checkInterval
        }) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("archive timers must be positive");
            }
        }
        if (rolloverOverlap.isNegative() || rolloverOverlap.compareTo(maxRecorded) >= 0) {
            throw new IllegalArgumentException(
                    "archives.rollover-overlap must be at least 0 and below archives.max-recorded");
        }
    }
}

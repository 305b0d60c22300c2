package dev.quorum.composer;

import dev.quorum.sfu.api.Sid;
import java.util.Locale;

/**
 * One item of {@code video_sources}, {@code video_sources_excluded}, {@code AudioSources} or
 * {@code AudioSourcesExcluded}: a recording SID ({@code RT…}), a track SID ({@code MT…}), a
 * participant SID ({@code PA…}, all of that participant's tracks), or a track name in which
 * {@code *} stands for zero or more characters at its start and/or end ({@code student*},
 * {@code *-screen}, {@code *}).
 */
public record SourceSelector(String text, Kind kind, String value) {

    public enum Kind {
        ALL,
        RECORDING_SID,
        TRACK_SID,
        PARTICIPANT_SID,
        NAME,
        NAME_PREFIX,
        NAME_SUFFIX,
        NAME_CONTAINS
    }

    /** Longest track name a selector may name; the hosted service's limit. */
    public static final int MAX_LENGTH = 128;

    /**
     * Parses one selector.
     *
     * @throws IllegalArgumentException with a message fit for a user, e.g. for a {@code *} in
     *                                  the middle of a name or an empty string
     */
    public static SourceSelector parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("an empty source name");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "source '" + text.substring(0, 20) + "…' is longer than " + MAX_LENGTH + " characters");
        }
        if (text.chars().allMatch(c -> c == '*')) {
            return new SourceSelector(text, Kind.ALL, "");
        }
        if (Sid.is(Sid.RECORDING, text)) {
            return new SourceSelector(text, Kind.RECORDING_SID, text.toLowerCase(Locale.ROOT));
        }
        if (Sid.is(Sid.TRACK, text)) {
            return new SourceSelector(text, Kind.TRACK_SID, text.toLowerCase(Locale.ROOT));
        }
        if (Sid.is(Sid.PARTICIPANT, text)) {
            return new SourceSelector(text, Kind.PARTICIPANT_SID, text.toLowerCase(Locale.ROOT));
        }
        boolean lead = text.startsWith("*");
        boolean trail = text.endsWith("*");
        String core = text.substring(lead ? 1 : 0, text.length() - (trail ? 1 : 0));
        if (core.indexOf('*') >= 0) {
            throw new IllegalArgumentException(
                    "source '" + text + "' has a '*' inside the name; a wildcard may only open or close it");
        }
        Kind kind = lead && trail ? Kind.NAME_CONTAINS : lead ? Kind.NAME_SUFFIX : trail ? Kind.NAME_PREFIX : Kind.NAME;
        return new SourceSelector(text, kind, core);
    }

    /** True if this selector names the given recording (kind is not checked here). */
    public boolean matches(SourceRecording s) {
        return switch (kind) {
            case ALL -> true;
            case RECORDING_SID -> value.equalsIgnoreCase(s.recordingSid());
            case TRACK_SID -> value.equalsIgnoreCase(s.trackSid());
            case PARTICIPANT_SID -> value.equalsIgnoreCase(s.participantSid());
            case NAME -> value.equals(s.trackName());
            case NAME_PREFIX -> s.trackName().startsWith(value);
            case NAME_SUFFIX -> s.trackName().endsWith(value);
            case NAME_CONTAINS -> s.trackName().contains(value);
        };
    }

    /** True for a selector that names one thing rather than a pattern: a SID or an exact name. */
    public boolean isExplicit() {
        return kind != Kind.ALL && kind != Kind.NAME_PREFIX && kind != Kind.NAME_SUFFIX && kind != Kind.NAME_CONTAINS;
    }

    @Override
    public String toString() {
        return text;
    }
}

package dev.quorum.sfu.api;

import java.util.List;

/**
 * One recording rule of a room: {@code include} or {@code exclude} the tracks that match every
 * given filter. Rules are applied in order starting from the empty set (include = union, exclude
 * = difference), re-evaluated whenever tracks or rules change.
 *
 * @param include   true for {@code "type":"include"}, false for {@code "exclude"}
 * @param all       {@code "all": true}; cannot be combined with another filter
 * @param kind      {@code "kind"}: audio or video, or null
 * @param publisher {@code "publisher"}: participant identity or {@code PA} SID, or null
 * @param track     {@code "track"}: track name or {@code MT} SID, or null
 */
public record RecordingRule(boolean include, boolean all, TrackKind kind, String publisher, String track) {

    public RecordingRule {
        if (all && (kind != null || publisher != null || track != null)) {
            throw new IllegalArgumentException("'all' cannot be combined with another filter");
        }
        if (!all && kind == null && publisher == null && track == null) {
            throw new IllegalArgumentException("a rule needs 'all' or at least one filter");
        }
        if (kind == TrackKind.DATA) {
            throw new IllegalArgumentException("data tracks are not recorded");
        }
    }

    public static final List<RecordingRule> RECORD_ALL = List.of(new RecordingRule(true, true, null, null, null));

    /** True if this rule's filters all match the track. */
    public boolean matches(
            TrackKind trackKind, String participantSid, String identity, String trackSid, String trackName) {
        if (all) {
            return true;
        }
        if (kind != null && kind != trackKind) {
            return false;
        }
        if (publisher != null && !publisher.equals(identity) && !publisher.equals(participantSid)) {
            return false;
        }
        return track == null || track.equals(trackName) || track.equals(trackSid);
    }

    /** Evaluates an ordered rule list for one track: is it recorded? */
    public static boolean recorded(
            List<RecordingRule> rules,
            TrackKind trackKind,
            String participantSid,
            String identity,
            String trackSid,
            String trackName) {
        boolean in = false;
        for (RecordingRule r : rules) {
            if (r.matches(trackKind, participantSid, identity, trackSid, trackName)) {
                in = r.include;
            }
        }
        return in;
    }
}

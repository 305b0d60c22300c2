package dev.quorum.api.callbacks;

import dev.quorum.api.recordings.RecordingView;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.event.CompositionEvent;
import dev.quorum.sfu.event.ParticipantEvent;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.sfu.event.RoomEvent;
import dev.quorum.sfu.event.TrackEvent;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.composition.CompositionHook;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.room.RoomRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The form parameters of each status callback, named and valued as the hosted service sends them
 * (spec §5). {@code SequenceNumber} is added when the callback is sent, from its place in the
 * queue.
 */
final class CallbackRequests {

    private CallbackRequests() {}

    /** ISO 8601 UTC with milliseconds: enough to order events by {@code Timestamp}. */
    static String timestamp(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static Map<String, String> room(String event, RoomInfo room, Instant at) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", room.accountSid());
        p.put("RoomName", room.uniqueName() != null ? room.uniqueName() : room.sid());
        p.put("RoomSid", room.sid());
        p.put("RoomStatus", room.status());
        p.put("RoomType", room.settings().type());
        p.put("StatusCallbackEvent", event);
        p.put("Timestamp", timestamp(at));
        return p;
    }

    static Map<String, String> of(RoomEvent e) {
        Map<String, String> p = room(e.name(), e.room(), e.timestamp());
        if (e.name().equals(RoomEvent.ENDED)) {
            Instant end = e.room().endTime() != null ? e.room().endTime() : e.timestamp();
            p.put(
                    "RoomDuration",
                    Long.toString(Math.max(
                            0, Duration.between(e.room().dateCreated(), end).toSeconds())));
        }
        return p;
    }

    private static void participant(Map<String, String> p, ParticipantInfo pa, boolean withDuration) {
        p.put("ParticipantSid", pa.sid());
        p.put("ParticipantStatus", pa.status());
        p.put("ParticipantIdentity", pa.identity());
        if (withDuration && pa.endTime() != null && pa.startTime() != null) {
            p.put(
                    "ParticipantDuration",
                    Long.toString(Math.max(
                            0, Duration.between(pa.startTime(), pa.endTime()).toSeconds())));
        }
    }

    static Map<String, String> of(ParticipantEvent e) {
        Map<String, String> p = room(e.name(), e.room(), e.timestamp());
        participant(p, e.participant(), e.name().equals(ParticipantEvent.DISCONNECTED));
        return p;
    }

    static Map<String, String> of(TrackEvent e) {
        Map<String, String> p = room(e.name(), e.room(), e.timestamp());
        participant(p, e.participant(), false);
        p.put("TrackSid", e.track().sid());
        p.put("TrackKind", e.track().kind().wireName());
        p.put("TrackName", e.track().name());
        return p;
    }

    /**
     * @param room        the recording's room, or null if it is not (yet) stored
     * @param identity    the participant's identity, or null if unknown
     */
    static Map<String, String> of(RecordingEvent e, Recording r, RoomRecord room, String identity) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", r.accountSid());
        p.put("RecordingSid", r.sid());
        p.put("Timestamp", timestamp(e.timestamp()));
        p.put("StatusCallbackEvent", e.name());
        p.put("RoomSid", r.roomSid());
        p.put("RoomName", room != null ? room.uniqueName() : r.roomSid());
        p.put("RoomType", room != null ? room.type() : "group");
        p.put("ParticipantSid", r.participantSid());
        if (identity != null) {
            p.put("ParticipantIdentity", identity);
        }
        p.put("SourceSid", r.sourceSid());
        p.put("RecordingUri", "/v1/Recordings/" + r.sid());
        p.put("Container", r.containerFormat());
        p.put("Codec", r.codec() == null ? "" : r.codec().toUpperCase(Locale.ROOT));
        p.put("TrackName", r.trackName() != null ? r.trackName() : r.sourceSid());
        p.put("OffsetFromTwilioVideoEpoch", r.offsetMs() == null ? "0" : Long.toString(r.offsetMs()));
        p.put("Type", r.type());
        if (e.name().equals(RecordingEvent.COMPLETED)) {
            p.put("MediaUri", "/v1/Recordings/" + r.sid() + "/Media");
            Long seconds = RecordingView.seconds(r.durationMs());
            p.put("Duration", seconds == null ? "0" : seconds.toString());
            p.put("Size", r.sizeBytes() == null ? "0" : r.sizeBytes().toString());
            if (r.mediaExternalLocation() != null) {
                p.put("MediaExternalLocation", r.mediaExternalLocation());
            }
        }
        if (e.name().equals(RecordingEvent.FAILED)) {
            p.put("FailedOperation", e.failedOperation() != null ? e.failedOperation() : "RecordingComplete");
        }
        return p;
    }

    /**
     * @param c    the composition, or null for {@code composition-hook-failed}
     * @param hook the hook, or null when the composition was created over the API
     */
    static Map<String, String> of(CompositionEvent e, Composition c, CompositionHook hook) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", e.accountSid());
        p.put("RoomSid", e.roomSid());
        p.put("StatusCallbackEvent", e.name());
        p.put("Timestamp", timestamp(e.timestamp()));
        if (hook != null
                && (e.name().equals(CompositionEvent.ENQUEUED) || e.name().equals(CompositionEvent.HOOK_FAILED))) {
            p.put("HookSid", hook.sid());
            p.put("HookUri", "/v1/CompositionHooks/" + hook.sid());
            p.put("HookFriendlyName", hook.friendlyName());
        }
        if (c != null && !e.name().equals(CompositionEvent.HOOK_FAILED)) {
            p.put("CompositionSid", c.sid());
            p.put("CompositionUri", "/v1/Compositions/" + c.sid());
        }
        switch (e.name()) {
            case CompositionEvent.AVAILABLE -> {
                p.put("MediaUri", "/v1/Compositions/" + c.sid() + "/Media");
                Long seconds = RecordingView.seconds(c.durationMs());
                p.put("Duration", seconds == null ? "0" : seconds.toString());
                p.put("Size", c.sizeBytes() == null ? "0" : c.sizeBytes().toString());
                if (c.mediaExternalLocation() != null) {
                    p.put("MediaExternalLocation", c.mediaExternalLocation());
                }
            }
            case CompositionEvent.PROGRESS -> {
                p.put("PercentageDone", Integer.toString(Math.max(0, e.percentageDone())));
                p.put("SecondsRemaining", Long.toString(Math.max(0, e.secondsRemaining())));
            }
            case CompositionEvent.FAILED, CompositionEvent.HOOK_FAILED -> {
                p.put("FailedOperation", e.failedOperation() != null ? e.failedOperation() : "");
                p.put("ErrorMessage", e.errorMessage() != null ? e.errorMessage() : "");
            }
            default -> {}
        }
        return p;
    }
}

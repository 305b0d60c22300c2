package dev.quorum.api.compositions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.api.callbacks.CallbackTargets;
import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.Params;
import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.composer.SourceSelector;
import dev.quorum.composer.layout.Region;
import dev.quorum.storage.composition.CompositionSpec;
import dev.quorum.storage.recording.Recording;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates composition and hook parameters before anything is stored, so a bad request is a 400
 * naming what is wrong rather than a failed job later. The layout language itself (shape, region
 * geometry against the resolution, source syntax) is checked by the composer's
 * {@link CompositionRequest#parse} — the same code that will run the job; this class adds the
 * checks that need the room: the room's recordings and every SID a source names.
 */
public final class CompositionChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validated parameters, ready to store. */
    public record Checked(CompositionRequest request, CompositionSpec spec) {}

    private CompositionChecks() {}

    /**
     * Reads and validates {@code VideoLayout}, {@code AudioSources}, {@code AudioSourcesExcluded},
     * {@code Resolution}, {@code Format}, {@code Trim}, {@code StatusCallback} and
     * {@code StatusCallbackMethod}.
     *
     * @param normalizeLayout store the layout in its normalised echo form (hooks) rather than as
     *                        given (compositions)
     * @param targets         where the status callback may point
     */
    public static Checked parse(Params p, boolean normalizeLayout, CallbackTargets targets) {
        String layout = p.string("VideoLayout");
        List<String> audio = p.all("AudioSources");
        List<String> excluded = p.all("AudioSourcesExcluded");
        String callback = targets.url(p, "StatusCallback");
        String method = p.method("StatusCallbackMethod", "POST");
        Boolean trim = p.bool("Trim");
        CompositionRequest request;
        try {
            request =
                    CompositionRequest.parse(layout, audio, excluded, p.string("Resolution"), p.string("Format"), trim);
        } catch (InvalidCompositionException e) {
            throw ApiException.invalid(e.problems().get(0).parameter(), e.getMessage());
        }
        String storedLayout;
        if (request.videoLayout().isEmpty()) {
            storedLayout = "{}";
        } else if (normalizeLayout) {
            storedLayout = request.videoLayout().echoJson();
        } else {
            storedLayout = compact(layout);
        }
        CompositionSpec spec = new CompositionSpec(
                storedLayout,
                request.audioSourceTexts(),
                request.audioSourcesExcludedTexts(),
                request.resolution().wireForm(),
                request.format().wireName(),
                request.trim(),
                callback,
                method);
        return new Checked(request, spec);
    }

    /**
     * Checks a request against the room it composes: an ended room must have recordings, and
     * every recording, track or participant SID a source names must belong to the room (names and
     * wildcards may match nothing: {@code ["*"]} is valid in a room without video). A room in
     * progress may have no recordings yet: the composition follows it and the recordings that
     * start later are composed as the layout says.
     *
     * @param roomEnded       whether the room has ended (no recording can start any more)
     * @param participantSids the room's participants (past and present)
     * @param trackSids       the room's tracks (past and present)
     */
    public static void checkSources(
            CompositionRequest request,
            String roomSid,
            boolean roomEnded,
            List<Recording> recordings,
            Set<String> participantSids,
            Set<String> trackSids) {
        if (recordings.isEmpty() && roomEnded) {
            throw ApiException.invalid("RoomSid", "Room " + roomSid + " has no recordings to compose");
        }
        Set<String> recordingSids = recordings.stream().map(Recording::sid).collect(Collectors.toSet());
        Set<String> videoRecordings = recordings.stream()
                .filter(r -> r.type().equals("video"))
                .map(Recording::sid)
                .collect(Collectors.toSet());
        Set<String> tracks = new java.util.HashSet<>(trackSids);
        recordings.forEach(r -> tracks.add(r.sourceSid()));
        Set<String> participants = new java.util.HashSet<>(participantSids);
        recordings.forEach(r -> participants.add(r.participantSid()));

        List<String> problems = new ArrayList<>();
        for (Region region : request.videoLayout().regions()) {
            List<SourceSelector> all = new ArrayList<>(region.videoSources());
            all.addAll(region.videoSourcesExcluded());
            for (SourceSelector s : all) {
                String where = "VideoLayout region '" + region.name() + "'";
                check(s, where, recordingSids, tracks, participants, roomSid, problems);
                if (s.kind() == SourceSelector.Kind.RECORDING_SID
                        && recordingSids.contains(canonical(s))
                        && !videoRecordings.contains(canonical(s))) {
                    problems.add(where + ": " + s.text() + " is an audio recording; video_sources take video");
                }
            }
        }
        for (SourceSelector s : request.audioSources()) {
            check(s, "AudioSources", recordingSids, tracks, participants, roomSid, problems);
        }
        for (SourceSelector s : request.audioSourcesExcluded()) {
            check(s, "AudioSourcesExcluded", recordingSids, tracks, participants, roomSid, problems);
        }
        if (!problems.isEmpty()) {
            String parameter = problems.get(0).startsWith("VideoLayout")
                    ? "VideoLayout"
                    : problems.get(0).startsWith("AudioSourcesExcluded") ? "AudioSourcesExcluded" : "AudioSources";
            throw ApiException.invalid(parameter, String.join("; ", problems));
        }
    }

    private static void check(
            SourceSelector s,
            String where,
            Set<String> recordings,
            Set<String> tracks,
            Set<String> participants,
            String roomSid,
            List<String> problems) {
        String sid = canonical(s);
        boolean ok = switch (s.kind()) {
            case RECORDING_SID -> recordings.contains(sid);
            case TRACK_SID -> tracks.contains(sid);
            case PARTICIPANT_SID -> participants.contains(sid);
            default -> true;
        };
        if (!ok) {
            problems.add(where + ": " + s.text() + " is not a "
                    + switch (s.kind()) {
                        case RECORDING_SID -> "recording";
                        case TRACK_SID -> "track";
                        default -> "participant";
                    }
                    + " of room " + roomSid);
        }
    }

    private static String canonical(SourceSelector s) {
        return dev.quorum.api.http.Sids.canonical(s.text());
    }

    private static String compact(String json) {
        try {
            return JSON.writeValueAsString(JSON.readTree(json));
        } catch (Exception e) {
            return json;
        }
    }
}

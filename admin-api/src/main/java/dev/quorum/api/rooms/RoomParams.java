package dev.quorum.api.rooms;

import dev.quorum.api.callbacks.CallbackTargets;
import dev.quorum.api.http.ApiException;
import dev.quorum.api.http.Params;
import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.api.Sid;
import dev.quorum.storage.account.Account;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parameters of {@code POST /v1/Rooms}, validated into {@link RoomSettings}; faults answer 400
 * with the room error codes of the hosted service (53101 name too long, 53102 invalid characters,
 * 53107 MaxParticipants, 53108 Type, 53109 timeouts, 53110 StatusCallbackMethod, 53111
 * StatusCallback, 53115 MediaRegion, 53120 RecordingRules).
 */
public final class RoomParams {

    /** A validated create request. */
    public record Create(String uniqueName, RoomSettings settings) {}

    static final int MAX_NAME = 128;
    static final int MAX_PARTICIPANTS = 50;
    private static final List<String> TYPES = List.of("group", "group-small", "peer-to-peer", "go");
    private static final List<String> CODECS = List.of("VP8", "H264", "VP9");
    private static final List<String> REGIONS =
            List.of("us1", "us2", "ie1", "de1", "au1", "br1", "jp1", "sg1", "in1", "gll");
    private static final Pattern NAME_FORBIDDEN = Pattern.compile("[/?#%\\\\\\p{Cntrl}]");

    private RoomParams() {}

    public static Create parse(Params p, Account account, CallbackTargets targets) {
        String type = oneOf(p, "Type", TYPES, 53108, "RoomType is not valid");
        String name = p.string("UniqueName");
        if (name != null) {
            if (name.length() > MAX_NAME) {
                throw ApiException.badRequest(
                        53101, "Room name is too long: UniqueName has at most " + MAX_NAME + " characters");
            }
            if (NAME_FORBIDDEN.matcher(name).find()) {
                throw ApiException.badRequest(
                        53102,
                        "Room name contains invalid characters: UniqueName cannot contain / ? # % \\ or control characters");
            }
            if (Sid.isAny(name)) {
                throw ApiException.badRequest(53100, "Room name is invalid: UniqueName cannot have the form of a SID");
            }
        }
        String callback;
        try {
            callback = targets.url(p, "StatusCallback");
        } catch (ApiException e) {
            throw ApiException.badRequest(53111, e.getMessage());
        }
        String method =
                oneOf(p, "StatusCallbackMethod", List.of("POST", "GET"), 53110, "StatusCallbackMethod is invalid");
        Integer maxParticipants =
                bounded(p, "MaxParticipants", 1, MAX_PARTICIPANTS, 53107, "MaxParticipants is out of range");
        Integer maxDuration = p.integer("MaxParticipantDuration", 600, 86_400);
        Integer empty = bounded(p, "EmptyRoomTimeout", 1, 60, 53109, "Timeout is out of range");
        Integer unused = bounded(p, "UnusedRoomTimeout", 1, 60, 53109, "Timeout is out of range");
        String region = p.string("MediaRegion");
        if (region != null) {
            region = region.toLowerCase(Locale.ROOT);
            if (!REGIONS.contains(region)) {
                throw ApiException.badRequest(53115, "MediaRegion is invalid: one of " + String.join(", ", REGIONS));
            }
        }
        List<String> codecs = new ArrayList<>();
        for (String c : p.all("VideoCodecs")) {
            String canonical = CODECS.stream()
                    .filter(c::equalsIgnoreCase)
                    .findFirst()
                    .orElseThrow(() -> ApiException.invalid(
                            "VideoCodecs", "VideoCodecs must be VP8 or H264 (VP9 also works here), got '" + c + "'"));
            if (!codecs.contains(canonical)) {
                codecs.add(canonical);
            }
        }
        Boolean record = p.bool("RecordParticipantsOnConnect");
        boolean recordOnConnect = record != null ? record : account.recordParticipantsOnConnect();
        List<RecordingRule> rules = p.has("RecordingRules")
                ? RulesCodec.parse("RecordingRules", p.string("RecordingRules"))
                : recordOnConnect ? RecordingRule.RECORD_ALL : List.of();
        boolean audioOnly = p.bool("AudioOnly", false);
        boolean largeRoom = p.bool("LargeRoom", false);
        p.bool("EnableTurn");
        if (p.bool("TranscribeParticipantsOnConnect", false) || p.has("TranscriptionsConfiguration")) {
            throw ApiException.invalid(
                    "TranscribeParticipantsOnConnect",
                    "Transcriptions are not supported by this server:"
                            + " TranscribeParticipantsOnConnect and TranscriptionsConfiguration cannot be used");
        }
        RoomSettings settings = new RoomSettings(
                type == null ? "group" : type,
                callback == null ? null : URI.create(callback),
                method == null ? "POST" : method,
                maxParticipants == null ? MAX_PARTICIPANTS : maxParticipants,
                Duration.ofSeconds(maxDuration == null ? 14_400 : maxDuration),
                Duration.ofMinutes(empty == null ? 5 : empty),
                Duration.ofMinutes(unused == null ? 5 : unused),
                codecs.isEmpty() ? List.of("VP8", "H264") : codecs,
                recordOnConnect,
                rules,
                audioOnly,
                region == null ? "us1" : region,
                largeRoom);
        return new Create(name, settings);
    }

    private static String oneOf(Params p, String name, List<String> allowed, int code, String label) {
        try {
            return p.oneOf(name, allowed);
        } catch (ApiException e) {
            throw ApiException.badRequest(code, label + ": " + e.getMessage());
        }
    }

    private static Integer bounded(Params p, String name, int min, int max, int code, String label) {
        try {
            return p.integer(name, min, max);
        } catch (ApiException e) {
            throw ApiException.badRequest(code, label + ": " + e.getMessage());
        }
    }
}

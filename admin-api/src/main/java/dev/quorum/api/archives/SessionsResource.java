package dev.quorum.api.archives;

import dev.quorum.api.projects.ProjectCall;
import dev.quorum.api.projects.ProjectRouter;
import dev.quorum.api.projects.VideoApiException;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.archive.VideoProject;
import dev.quorum.storage.archive.VideoSession;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code POST /session/create}: a new session of the token's project. Form parameters:
 * {@code p2p.preference} ({@code disabled}, the default, routes media through this server;
 * {@code enabled} marks the session relayed — it cannot be archived), {@code archiveMode}
 * ({@code manual} or {@code always}), {@code location} (an IPv4 hint), {@code e2ee},
 * {@code archiveName} and {@code archiveResolution} (automatic archives). The answer is a JSON
 * array with one session, shaped for the project's flavour.
 */
final class SessionsResource {

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final DateTimeFormatter CREATE_DT = DateTimeFormatter.ofPattern(
                    "EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT)
            .withZone(ZoneId.of("UTC"));

    private final MetadataStore store;
    private final Clock clock;

    SessionsResource(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void register(ProjectRouter api) {
        api.sessionCreate(this::create);
    }

    private void create(ProjectCall call) {
        MultiMap f = call.form();
        String p2p = choice(f, "p2p.preference", List.of("enabled", "disabled"), "disabled");
        String archiveMode =
                choice(f, "archiveMode", List.of(VideoSession.MANUAL, VideoSession.ALWAYS), VideoSession.MANUAL);
        String location = value(f, "location");
        if (location != null && !IPV4.matcher(location).matches()) {
            throw VideoApiException.badRequest("location must be an IPv4 address, got '" + location + "'");
        }
        boolean e2ee = "true".equals(choice(f, "e2ee", List.of("true", "false"), "false"));
        String archiveName = value(f, "archiveName");
        if (archiveName != null && archiveName.length() > 80) {
            throw VideoApiException.badRequest("archiveName must be 1 to 80 characters");
        }
        String resolution = choice(f, "archiveResolution", ArchiveRequest.RESOLUTIONS, null);
        boolean routed = p2p.equals("disabled");
        if (archiveMode.equals(VideoSession.ALWAYS) && !routed) {
            throw VideoApiException.badRequest("archiveMode always needs a routed session (p2p.preference disabled)");
        }
        if (e2ee && (!routed || archiveMode.equals(VideoSession.ALWAYS))) {
            throw VideoApiException.badRequest(
                    "e2ee needs a routed session and cannot be combined with archiveMode always");
        }
        VideoProject p = call.project();
        Instant now = clock.instant();
        VideoSession s = store.sessions()
                .create(new VideoSession(
                        SessionIds.mint(p.id(), location, now.toEpochMilli()),
                        p.id(),
                        p.accountSid(),
                        routed ? VideoSession.ROUTED : VideoSession.RELAYED,
                        archiveMode,
                        location,
                        e2ee,
                        archiveName,
                        resolution,
                        now));
        JsonObject o = new JsonObject().put("session_id", s.sessionId());
        if (p.opentok()) {
            o.put("project_id", p.id()).put("partner_id", p.id());
        } else {
            o.put("application_id", p.id());
        }
        o.put("create_dt", CREATE_DT.format(now)).put("media_server_url", "");
        call.json(200, new JsonArray().add(o));
    }

    private static String value(MultiMap f, String name) {
        String v = f.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    private static String choice(MultiMap f, String name, List<String> allowed, String dflt) {
        String v = value(f, name);
        if (v == null) {
            return dflt;
        }
        if (!allowed.contains(v)) {
            throw VideoApiException.badRequest(
                    name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return v;
    }
}

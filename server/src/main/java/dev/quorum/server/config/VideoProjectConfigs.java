package dev.quorum.server.config;

import dev.quorum.api.archives.ArchiveSettings;
import dev.quorum.api.archives.ArchiveTarget;
import dev.quorum.api.projects.PublicKeys;
import dev.quorum.storage.archive.VideoProject;
import dev.quorum.storage.s3.S3Credentials;
import dev.quorum.storage.s3.S3Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the archive API's projects and timers (docs/configuration.md, "Video projects and
 * archives"): {@code video-projects = main, app} names them; an API-key project has
 * {@code video-projects.<name>.api-key} and {@code .api-secret}, an application
 * {@code .application-id} and {@code .public-key} (PEM text) or {@code .public-key-file}; each
 * has {@code .account} (a configured account's name or SID), {@code .video-codec},
 * {@code .archive-callback} and {@code .callback-secret}, and optionally an upload target
 * ({@code .archive-storage.*}). The {@code archives.*} keys set the timers.
 */
public final class VideoProjectConfigs {

    private VideoProjectConfigs() {}

    /**
     * @param accountSids the configured accounts, by name and by SID
     */
    public static List<VideoProject> from(ConfigSource c, Map<String, String> accountSids) {
        List<VideoProject> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String name : c.list("video-projects", List.of())) {
            String p = "video-projects." + name + ".";
            String owner = c.required(p + "account", "the name or SID of a configured account that owns the project");
            String account = accountSids.get(owner);
            if (account == null) {
                throw c.invalid(p + "account", owner, "the name or SID of an account listed in 'accounts'");
            }
            String codec = c.choice(p + "video-codec", "VP8", List.of("VP8", "H264"));
            String callback = c.string(p + "archive-callback", "");
            if (!callback.isEmpty() && !(callback.startsWith("http://") || callback.startsWith("https://"))) {
                throw c.invalid(p + "archive-callback", callback, "an absolute http(s) URL");
            }
            String apiKey = c.string(p + "api-key", "");
            String appId = c.string(p + "application-id", "");
            VideoProject project;
            if (!apiKey.isEmpty() == !appId.isEmpty()) {
                throw new ConfigException("Video project '" + name + "' needs exactly one of " + p + "api-key (with "
                        + p + "api-secret) and " + p + "application-id (with " + p + "public-key)");
            }
            if (!apiKey.isEmpty()) {
                if (!apiKey.matches("[1-9][0-9]{0,9}") || Long.parseLong(apiKey) > Integer.MAX_VALUE) {
                    throw c.invalid(p + "api-key", apiKey, "a positive integer (the SDKs hold API keys in an int)");
                }
                String secret = c.required(p + "api-secret", "the project's secret (signs REST and client tokens)");
                if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                    // The OpenTok SDK refuses to sign its HS256 REST tokens with a key under 256 bits.
                    throw c.invalid(
                            p + "api-secret", "(hidden)", "at least 32 bytes (hosted secrets are 40 hex digits)");
                }
                String callbackSecret = c.string(p + "callback-secret", secret);
                project = new VideoProject(
                        apiKey,
                        VideoProject.OPENTOK,
                        account,
                        secret,
                        null,
                        codec,
                        callback.isEmpty() ? null : callback,
                        callbackSecret,
                        VideoProject.CONFIGURED,
                        true,
                        null,
                        null);
            } else {
                try {
                    appId = UUID.fromString(appId).toString().toLowerCase(Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    throw c.invalid(p + "application-id", appId, "a UUID");
                }
                String pem = publicKey(c, p);
                String callbackSecret = c.string(p + "callback-secret", "");
                if (!callback.isEmpty() && callbackSecret.length() < 16) {
                    throw c.invalid(
                            p + "callback-secret",
                            "(hidden)",
                            "at least 16 characters (it signs the archive" + " callbacks of an application)");
                }
                project = new VideoProject(
                        appId,
                        VideoProject.VONAGE,
                        account,
                        null,
                        pem,
                        codec,
                        callback.isEmpty() ? null : callback,
                        callbackSecret.isEmpty() ? null : callbackSecret,
                        VideoProject.CONFIGURED,
                        true,
                        null,
                        null);
            }
            if (!ids.add(project.id())) {
                throw c.invalid(
                        p + (apiKey.isEmpty() ? "application-id" : "api-key"),
                        project.id(),
                        "an ID no other video project has");
            }
            out.add(project);
        }
        return out;
    }

    /**
     * The projects' upload targets, by project ID: {@code video-projects.<name>.archive-storage.s3-url}
     * (a bucket URL with an optional key prefix), the key pair {@code .access-key-id} and
     * {@code .secret-access-key} or {@code .credentials-sid} (an AWS credential of the project's
     * account), and {@code .fallback} = {@code local} (default: kept in the server's store when the
     * upload does not succeed in time) or {@code none} (the archive fails).
     *
     * @param projects the projects {@link #from} read, in the same order
     * @param region   the signing region of endpoints that name none ({@code storage.s3.region})
     */
    public static Map<String, ArchiveTarget> archiveStorage(
            ConfigSource c, List<VideoProject> projects, String region) {
        Map<String, ArchiveTarget> out = new LinkedHashMap<>();
        List<String> names = c.list("video-projects", List.of());
        for (int i = 0; i < names.size() && i < projects.size(); i++) {
            String p = "video-projects." + names.get(i) + ".archive-storage.";
            String url = c.string(p + "s3-url", "");
            String keyId = c.string(p + "access-key-id", "");
            String secret = c.string(p + "secret-access-key", "");
            String sid = c.string(p + "credentials-sid", "");
            String fallback = c.choice(p + "fallback", "local", List.of("local", "none"));
            if (url.isEmpty()) {
                if (!keyId.isEmpty() || !secret.isEmpty() || !sid.isEmpty()) {
                    throw new ConfigException("Video project '" + names.get(i) + "' has archive storage credentials but"
                            + " no " + p + "s3-url (the bucket URL its archives go to)");
                }
                continue;
            }
            try {
                S3Target.parse(url, region);
            } catch (IllegalArgumentException e) {
                throw c.invalid(
                        p + "s3-url",
                        url,
                        "a bucket URL such as https://my-bucket.s3.eu-west-1.amazonaws.com/prefix"
                                + " or http://host:9000/my-bucket/prefix (" + e.getMessage() + ")");
            }
            boolean pair = !keyId.isEmpty() || !secret.isEmpty();
            if (pair == !sid.isEmpty()) {
                throw new ConfigException("Video project '" + names.get(i) + "' needs exactly one of " + p
                        + "access-key-id with " + p + "secret-access-key, and " + p + "credentials-sid");
            }
            if (pair && (keyId.isEmpty() || secret.isEmpty())) {
                throw new ConfigException("Give both " + p + "access-key-id and " + p + "secret-access-key");
            }
            if (!pair && !sid.matches("CR[0-9a-fA-F]{32}")) {
                throw c.invalid(
                        p + "credentials-sid", sid, "the SID (CR…) of an AWS credential of the project's account");
            }
            out.put(
                    projects.get(i).id(),
                    new ArchiveTarget(
                            url,
                            pair ? new S3Credentials(keyId, secret) : null,
                            pair ? null : sid,
                            fallback.equals("local")));
        }
        return out;
    }

    private static String publicKey(ConfigSource c, String p) {
        String text = c.string(p + "public-key", "");
        String file = c.string(p + "public-key-file", "");
        if (text.isEmpty() == file.isEmpty()) {
            throw new ConfigException(
                    "Give exactly one of " + p + "public-key (PEM text) and " + p + "public-key-file");
        }
        if (!file.isEmpty()) {
            try {
                text = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw c.invalid(p + "public-key-file", file, "a readable PEM file (" + e.getMessage() + ")");
            }
        }
        text = text.replace("\\n", "\n");
        try {
            PublicKeys.rsa(text);
        } catch (IllegalArgumentException e) {
            throw c.invalid(
                    file.isEmpty() ? p + "public-key" : p + "public-key-file",
                    "(key)",
                    "an RSA public key in PEM: " + e.getMessage());
        }
        return text;
    }

    /** The {@code archives.*} timers; the hosted service's values by default. */
    public static ArchiveSettings settings(ConfigSource c) {
        ArchiveSettings d = ArchiveSettings.DEFAULTS;
        Duration max = Duration.ofDays(365);
        try {
            return new ArchiveSettings(
                    c.duration("archives.no-stream-timeout", d.noStreamTimeout(), Duration.ofSeconds(1), max),
                    c.duration("archives.max-recorded", d.maxRecorded(), Duration.ofSeconds(10), max),
                    c.duration("archives.max-total", d.maxTotal(), Duration.ofSeconds(10), max),
                    c.duration("archives.idle-timeout", d.idleTimeout(), Duration.ofSeconds(1), max),
                    c.duration("archives.empty-session-timeout", d.emptySessionTimeout(), Duration.ofSeconds(1), max),
                    c.duration("archives.rollover-overlap", d.rolloverOverlap(), Duration.ZERO, Duration.ofMinutes(10)),
                    c.duration("archives.retention", d.retention(), Duration.ofMinutes(1), max),
                    c.duration("archives.url-ttl", d.urlTtl(), Duration.ofSeconds(10), Duration.ofHours(1)),
                    c.duration(
                            "archives.check-interval",
                            d.checkInterval(),
                            Duration.ofMillis(10),
                            Duration.ofMinutes(1)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid archive configuration: " + e.getMessage());
        }
    }
}

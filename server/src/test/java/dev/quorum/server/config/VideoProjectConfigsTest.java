package dev.quorum.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.api.archives.ArchiveSettings;
import dev.quorum.api.archives.ArchiveTarget;
import dev.quorum.storage.archive.VideoProject;
import dev.quorum.storage.s3.S3Credentials;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VideoProjectConfigsTest {

    static final String AC = "AC0123456789abcdef0123456789abcdef";
    static final Map<String, String> ACCOUNTS = Map.of("main", AC, AC, AC);
    static final String SECRET = "6f1ed002ab5595859014ebf0951522d9f0c1a5b4";

    static String pem() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return "-----BEGIN PUBLIC KEY-----\\n"
                + Base64.getEncoder()
                        .encodeToString(g.generateKeyPair().getPublic().getEncoded()) + "\\n-----END PUBLIC KEY-----";
    }

    static ConfigSource source(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return ConfigSource.of(m);
    }

    @Test
    void readsBothFlavoursAndEveryArchiveKey() throws Exception {
        ConfigSource c = source(
                "video-projects",
                "web, app",
                "video-projects.web.account",
                "main",
                "video-projects.web.api-key",
                "4711",
                "video-projects.web.api-secret",
                SECRET,
                "video-projects.web.archive-callback",
                "https://a.example/cb",
                "video-projects.app.account",
                AC,
                "video-projects.app.application-id",
                "0F8FAD5B-D9CB-469F-A165-70867728950E",
                "video-projects.app.public-key",
                pem(),
                "video-projects.app.video-codec",
                "H264",
                "archives.no-stream-timeout",
                "30s",
                "archives.max-recorded",
                "2h",
                "archives.max-total",
                "6h",
                "archives.idle-timeout",
                "10m",
                "archives.empty-session-timeout",
                "5s",
                "archives.rollover-overlap",
                "1s",
                "archives.retention",
                "24h",
                "archives.url-ttl",
                "5m",
                "archives.check-interval",
                "500ms");
        List<VideoProject> projects = VideoProjectConfigs.from(c, ACCOUNTS);
        ArchiveSettings s = VideoProjectConfigs.settings(c);
        c.checkNoUnknownKeys();
        assertThat(projects)
                .extracting(VideoProject::id)
                .containsExactly("4711", "0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(projects.get(0).callbackSecret())
                .as("defaults to the API secret")
                .isEqualTo(SECRET);
        assertThat(projects.get(0).videoCodec()).isEqualTo("VP8");
        assertThat(projects.get(1).publicKey()).contains("\n-----END PUBLIC KEY-----");
        assertThat(projects.get(1).videoCodec()).isEqualTo("H264");
        assertThat(s)
                .isEqualTo(new ArchiveSettings(
                        Duration.ofSeconds(30),
                        Duration.ofHours(2),
                        Duration.ofHours(6),
                        Duration.ofMinutes(10),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(1),
                        Duration.ofHours(24),
                        Duration.ofMinutes(5),
                        Duration.ofMillis(500)));
        assertThat(VideoProjectConfigs.settings(source())).isEqualTo(ArchiveSettings.DEFAULTS);
    }

    @Test
    void badProjectsAreRefusedNamingTheKey() throws Exception {
        assertThatThrownBy(() -> VideoProjectConfigs.from(
                        source(
                                "video-projects",
                                "p",
                                "video-projects.p.account",
                                "main",
                                "video-projects.p.api-key",
                                "4711",
                                "video-projects.p.api-secret",
                                "too-short-for-hs256"),
                        ACCOUNTS))
                .hasMessageContaining("video-projects.p.api-secret")
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> VideoProjectConfigs.from(
                        source(
                                "video-projects",
                                "p",
                                "video-projects.p.account",
                                "main",
                                "video-projects.p.api-key",
                                "12ab",
                                "video-projects.p.api-secret",
                                SECRET),
                        ACCOUNTS))
                .hasMessageContaining("video-projects.p.api-key");
        assertThatThrownBy(() -> VideoProjectConfigs.from(
                        source(
                                "video-projects",
                                "p",
                                "video-projects.p.account",
                                "other",
                                "video-projects.p.api-key",
                                "4711",
                                "video-projects.p.api-secret",
                                SECRET),
                        ACCOUNTS))
                .hasMessageContaining("video-projects.p.account");
        assertThatThrownBy(() -> VideoProjectConfigs.from(
                        source("video-projects", "p", "video-projects.p.account", "main"), ACCOUNTS))
                .hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> VideoProjectConfigs.from(
                        source(
                                "video-projects",
                                "p",
                                "video-projects.p.account",
                                "main",
                                "video-projects.p.application-id",
                                "0f8fad5b-d9cb-469f-a165-70867728950e",
                                "video-projects.p.public-key",
                                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"),
                        ACCOUNTS))
                .hasMessageContaining("video-projects.p.public-key");
        assertThatThrownBy(() -> VideoProjectConfigs.from(
                        source(
                                "video-projects",
                                "p",
                                "video-projects.p.account",
                                "main",
                                "video-projects.p.application-id",
                                "0f8fad5b-d9cb-469f-a165-70867728950e",
                                "video-projects.p.public-key",
                                pem(),
                                "video-projects.p.archive-callback",
                                "https://a.example/cb"),
                        ACCOUNTS))
                .as("an application's callbacks need their own secret")
                .hasMessageContaining("video-projects.p.callback-secret");
        assertThatThrownBy(() -> VideoProjectConfigs.settings(source("archives.rollover-overlap", "5h")))
                .hasMessageContaining("archives.rollover-overlap");
    }

    @Test
    void readsEachProjectsArchiveUploadTarget() throws Exception {
        ConfigSource c = source(
                "video-projects",
                "web, app, plain",
                "video-projects.web.account",
                "main",
                "video-projects.web.api-key",
                "4711",
                "video-projects.web.api-secret",
                SECRET,
                "video-projects.web.archive-storage.s3-url",
                "http://127.0.0.1:9000/archives/web",
                "video-projects.web.archive-storage.access-key-id",
                "AKIA1",
                "video-projects.web.archive-storage.secret-access-key",
                "secret-1",
                "video-projects.app.account",
                AC,
                "video-projects.app.application-id",
                "0F8FAD5B-D9CB-469F-A165-70867728950E",
                "video-projects.app.public-key",
                pem(),
                "video-projects.app.archive-storage.s3-url",
                "https://acme.s3.eu-west-1.amazonaws.com/video",
                "video-projects.app.archive-storage.credentials-sid",
                "CR" + "a".repeat(32),
                "video-projects.app.archive-storage.fallback",
                "none",
                "video-projects.plain.account",
                "main",
                "video-projects.plain.api-key",
                "4712",
                "video-projects.plain.api-secret",
                SECRET);
        List<VideoProject> projects = VideoProjectConfigs.from(c, ACCOUNTS);
        Map<String, ArchiveTarget> targets = VideoProjectConfigs.archiveStorage(c, projects, "us-east-1");
        c.checkNoUnknownKeys();
        assertThat(targets).containsOnlyKeys("4711", "0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(targets.get("4711"))
                .isEqualTo(new ArchiveTarget(
                        "http://127.0.0.1:9000/archives/web", new S3Credentials("AKIA1", "secret-1"), null, true));
        assertThat(targets.get("0f8fad5b-d9cb-469f-a165-70867728950e"))
                .isEqualTo(new ArchiveTarget(
                        "https://acme.s3.eu-west-1.amazonaws.com/video", null, "CR" + "a".repeat(32), false));
    }

    @Test
    void refusesAnUploadTargetItCannotUse() {
        String[] base = {
            "video-projects",
            "web",
            "video-projects.web.account",
            "main",
            "video-projects.web.api-key",
            "4711",
            "video-projects.web.api-secret",
            SECRET
        };
        Map<String[], String> bad = Map.of(
                new String[] {"video-projects.web.archive-storage.s3-url", "ftp://host/bucket"}, "s3-url",
                new String[] {"video-projects.web.archive-storage.s3-url", "http://minio:9000/bucket"},
                        "exactly one of",
                new String[] {"video-projects.web.archive-storage.access-key-id", "AKIA1"},
                        "no video-projects.web.archive-storage.s3-url",
                new String[] {
                            "video-projects.web.archive-storage.s3-url",
                            "http://minio:9000/bucket",
                            "video-projects.web.archive-storage.credentials-sid",
                            "AKIA"
                        },
                        "credentials-sid",
                new String[] {
                            "video-projects.web.archive-storage.s3-url",
                            "http://minio:9000/bucket",
                            "video-projects.web.archive-storage.credentials-sid",
                            "CR" + "a".repeat(32),
                            "video-projects.web.archive-storage.fallback",
                            "vonage"
                        },
                        "fallback");
        bad.forEach((extra, message) -> {
            String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
            System.arraycopy(extra, 0, all, base.length, extra.length);
            ConfigSource c = source(all);
            assertThatThrownBy(() ->
                            VideoProjectConfigs.archiveStorage(c, VideoProjectConfigs.from(c, ACCOUNTS), "us-east-1"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(message);
        });
    }
}

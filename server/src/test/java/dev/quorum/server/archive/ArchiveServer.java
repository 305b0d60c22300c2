package dev.quorum.server.archive;

import com.opentok.OpenTok;
import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.video.VideoClient;
import dev.quorum.server.api.ConfiguredServer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole server with two video projects — an API-key project (VP8) and an application (H.264)
 * — and the two official SDKs pointed at it with only their base URL changed.
 */
public final class ArchiveServer {

    public static final int API_KEY = 4711;
    static final String SECRET = "6f1ed002ab5595859014ebf0951522d9f0c1a5b4";
    static final String APP = "0f8fad5b-d9cb-469f-a165-70867728950e";
    static final String APP_CALLBACK_SECRET = "application-callback-secret-0123456789";
    static final KeyPair APP_KEY = rsa();

    private ArchiveServer() {}

    public static ConfiguredServer start(Path dir, String callbackUrl, Map<String, String> extra) throws Exception {
        Map<String, String> s = new HashMap<>(Map.of(
                "video-projects", "ot, app",
                "video-projects.ot.api-key", Integer.toString(API_KEY),
                "video-projects.ot.api-secret", SECRET,
                "video-projects.ot.account", "main",
                "video-projects.app.application-id", APP,
                "video-projects.app.public-key", publicPem(),
                "video-projects.app.account", "main",
                "video-projects.app.video-codec", "H264",
                "archives.check-interval", "100ms"));
        if (callbackUrl != null) {
            s.put("video-projects.ot.archive-callback", callbackUrl);
            s.put("video-projects.app.archive-callback", callbackUrl);
            s.put("video-projects.app.callback-secret", APP_CALLBACK_SECRET);
        }
        s.putAll(extra);
        return ConfiguredServer.start(dir, s);
    }

    /** OpenTok SDK 4.9.0, as a customer builds it, on this server. */
    public static OpenTok opentok(ConfiguredServer server) {
        return new OpenTok.Builder(API_KEY, SECRET)
                .apiUrl(server.baseUrl())
                .requestTimeout(20)
                .build();
    }

    /** Vonage SDK 9.3.1, as a customer builds it, on this server. */
    static VideoClient vonage(ConfiguredServer server) {
        return VonageClient.builder()
                .applicationId(APP)
                .privateKeyContents(privatePem())
                .httpConfig(HttpConfig.builder()
                        .videoBaseUri(server.baseUrl())
                        .timeoutMillis(20_000)
                        .build())
                .build()
                .getVideoClient();
    }

    static String privatePem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(APP_KEY.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static String publicPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(APP_KEY.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

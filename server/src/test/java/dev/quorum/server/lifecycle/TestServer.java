package dev.quorum.server.lifecycle;

import dev.quorum.server.QuorumServer;
import dev.quorum.server.api.RestClient;
import dev.quorum.server.config.ConfigSource;
import dev.quorum.server.config.ServerConfig;
import dev.quorum.storage.account.AccountStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts a server on a data directory; its REST API is called as the development account. */
final class TestServer {

    private TestServer() {}

    /** A server on {@code data}, loopback only, ephemeral ports, fast callbacks, no composer workers. */
    static QuorumServer start(Path data, Map<String, String> extra) throws Exception {
        Map<String, String> values = new HashMap<>(Map.of(
                "http.port",
                "0",
                "http.host",
                "127.0.0.1",
                "media.port",
                "0",
                "media.announced-addresses",
                "127.0.0.1",
                "data.dir",
                data.toString(),
                "dev-mode",
                "true",
                "callbacks.poll-interval",
                "50ms",
                "composer.workers",
                "0"));
        values.putAll(extra);
        ConfigSource source = ConfigSource.of(values);
        QuorumServer s = new QuorumServer(ServerConfig.from(source), source);
        try {
            s.start();
        } catch (Exception e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The REST API as the server's development account. */
    static RestClient rest(QuorumServer s) {
        AccountStore.DevelopmentCredentials dev = s.developmentCredentials().orElseThrow();
        return new RestClient(
                "http://127.0.0.1:" + s.httpPort(),
                dev.account().sid(),
                dev.account().authToken());
    }
}

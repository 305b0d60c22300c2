package dev.quorum.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's own settings: where it listens, where it keeps data, how it shuts down.
 *
 * @param httpHost        interface the HTTP server binds ({@code http.host}, default all)
 * @param httpPort        HTTP port for REST, signaling, demo and metrics ({@code http.port}, 8080)
 * @param publicUrl       base URL clients use to reach the HTTP port ({@code http.public-url});
 *                        used in resource URLs and signed media links
 * @param dataDir         directory for media and the embedded database ({@code data.dir}, ./data)
 * @param databaseUrl     JDBC URL of the metadata store ({@code database.url}); SQLite under
 *                        the data directory by default
 * @param databaseUser    user for the metadata store, if it needs one ({@code database.user})
 * @param databasePassword password for the metadata store ({@code database.password})
 * @param devMode         development mode ({@code dev-mode}, default true): the demo page may mint
 *                        its own access tokens; never enable on a server reachable by others
 * @param shutdownGrace   how long a graceful shutdown waits for in-flight work
 *                        ({@code shutdown.grace}, 30s)
 * @param httpIdleTimeout an HTTP connection on which nothing is sent or received for this long is
 *                        closed, so half-sent requests do not hold connections for ever
 *                        ({@code http.idle-timeout}, 60s; at least 15s, since signaling pings
 *                        WebSockets only every 10s)
 * @param h2c             whether the HTTP port also speaks HTTP/2 over cleartext, by upgrade or
 *                        prior knowledge ({@code http.h2c}, default false)
 */
public record ServerConfig(
        String httpHost,
        int httpPort,
        URI publicUrl,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        boolean devMode,
        Duration shutdownGrace,
        Duration httpIdleTimeout,
        boolean h2c) {

    public static ServerConfig from(ConfigSource c) {
        String host = c.string("http.host", "0.0.0.0");
        int port = c.integer("http.port", 8080, 0, 65535);
        String publicUrlText = c.string("http.public-url", "http://localhost:" + port);
        URI publicUrl;
        try {
            publicUrl = URI.create(
                    publicUrlText.endsWith("/")
                            ? publicUrlText.substring(0, publicUrlText.length() - 1)
                            : publicUrlText);
            if (publicUrl.getScheme() == null
                    || publicUrl.getHost() == null
                    || !(publicUrl.getScheme().equals("http")
                            || publicUrl.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw c.invalid(
                    "http.public-url", publicUrlText, "an absolute http(s) URL such as https://sfu.example.com");
        }
        Path dataDir = c.path("data.dir", Path.of("data")).toAbsolutePath().normalize();
        String dbUrl = c.string("database.url", "jdbc:sqlite:" + dataDir.resolve("quorum.db"));
        if (!dbUrl.startsWith("jdbc:sqlite:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw c.invalid("database.url", dbUrl, "a jdbc:sqlite: or jdbc:postgresql: URL");
        }
        return new ServerConfig(
                host,
                port,
                publicUrl,
                dataDir,
                dbUrl,
                c.string("database.user", ""),
                c.string("database.password", ""),
                c.bool("dev-mode", true),
                c.duration("shutdown.grace", Duration.ofSeconds(30), Duration.ZERO, Duration.ofMinutes(10)),
                c.duration("http.idle-timeout", Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofHours(1)),
                c.bool("http.h2c", false));
    }
}

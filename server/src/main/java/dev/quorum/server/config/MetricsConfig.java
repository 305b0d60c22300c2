package dev.quorum.server.config;

import java.util.Optional;

/**
 * Where {@code /metrics} is served and who may read it.
 *
 * @param port  its own port ({@code metrics.port}; {@code 0} picks a free one), or empty to serve
 *              it on the HTTP port next to the API
 * @param host  interface its own port binds ({@code metrics.host}, default {@code http.host})
 * @param token when not empty, a scrape must send {@code Authorization: Bearer <token>}
 *              ({@code metrics.token}, at least 16 characters)
 */
public record MetricsConfig(Optional<Integer> port, String host, String token) {

    public static MetricsConfig from(ServerConfig server, ConfigSource c) {
        Optional<Integer> port =
                c.raw("metrics.port").filter(v -> !v.isEmpty()).map(v -> c.integer("metrics.port", 0, 0, 65535));
        String token = c.string("metrics.token", "");
        if (!token.isEmpty() && token.length() < 16) {
            throw c.invalid("metrics.token", "(hidden)", "at least 16 characters");
        }
        return new MetricsConfig(port, c.string("metrics.host", server.httpHost()), token);
    }
}

package dev.quorum.server;

import dev.quorum.server.config.ServerConfig;

/** The start-up lines telling a person where to find everything. */
final class Banner {

    private Banner() {}

    static void print(QuorumServer server) {
        System.out.println(text(server));
    }

    static String text(QuorumServer server) {
        ServerConfig c = server.config();
        String base = c.publicUrl().toString();
        if (c.httpPort() == 0) {
            base = "http://localhost:" + server.httpPort();
        }
        StringBuilder b = new StringBuilder();
        b.append("\nQuorum ").append(Version.get()).append(" is running\n");
        b.append("  Demo page:  ")
                .append(base)
                .append(
                        c.devMode()
                                ? "/   (open it in two tabs to see and hear yourself)\n"
                                : "/   (paste an access token your backend minted: dev-mode is off)\n");
        b.append("  Signaling:  ")
                .append(base.replaceFirst("^http", "ws"))
                .append("/ws   SDK: ")
                .append(base)
                .append("/sdk/quorum.js\n");
        b.append("  Health:     ").append(base).append("/health\n");
        int metricsPort = server.metricsPort();
        b.append("  Metrics:    ")
                .append(metricsPort < 0 ? base + "/metrics" : "port " + metricsPort + ", /metrics")
                .append(server.metricsNeedToken() ? " (bearer token: metrics.token)" : "")
                .append('\n');
        if (server.media() != null) {
            b.append("  Media:      ")
                    .append(String.join(", ", server.media().listeningOn()))
                    .append(" (SRTP on ")
                    .append(server.media().srtpProvider())
                    .append(")\n");
        } else {
            b.append("  Media:      none (node.roles = ").append(server.roles()).append(")\n");
        }
        b.append("  Data:       ").append(c.dataDir()).append('\n');
        server.developmentCredentials()
                .ifPresent(d -> b.append("  Dev account: ")
                        .append(d.account().sid())
                        .append("  auth token ")
                        .append(d.account().authToken())
                        .append('\n')
                        .append("  Dev API key: ")
                        .append(d.apiKey().sid())
                        .append("  secret ")
                        .append(d.apiKey().secret())
                        .append('\n'));
        if (c.devMode()) {
            b.append("  Development mode is on (dev-mode=true): turn it off on a server others can reach.\n");
        }
        return b.toString();
    }
}

package dev.quorum.server.config;

import dev.quorum.api.ApiConfig;
import dev.quorum.api.callbacks.CallbackPolicy;
import dev.quorum.api.callbacks.CallbackTargets;
import dev.quorum.api.console.ConsoleConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Reads the REST API and status-callback keys (docs/configuration.md, "REST API and status callbacks"). */
public final class ApiConfigs {

    private ApiConfigs() {}

    public static ApiConfig from(ServerConfig server, ConfigSource c) {
        CallbackPolicy d = CallbackPolicy.DEFAULT;
        Duration initial =
                c.duration("callbacks.initial-backoff", d.initialBackoff(), Duration.ofMillis(10), Duration.ofHours(1));
        Duration max = c.duration("callbacks.max-backoff", d.maxBackoff(), Duration.ofMillis(10), Duration.ofDays(1));
        if (max.compareTo(initial) < 0) {
            throw c.invalid(
                    "callbacks.max-backoff", max.toString(), "at least callbacks.initial-backoff (" + initial + ")");
        }
        CallbackPolicy policy = new CallbackPolicy(
                c.duration(
                        "callbacks.request-timeout", d.requestTimeout(), Duration.ofMillis(100), Duration.ofMinutes(5)),
                initial,
                max,
                c.integer("callbacks.jitter-percent", (int) Math.round(d.jitter() * 100), 0, 100) / 100.0,
                c.duration("callbacks.give-up-after", d.giveUpAfter(), Duration.ofSeconds(1), Duration.ofDays(30)),
                c.duration("callbacks.poll-interval", d.pollInterval(), Duration.ofMillis(10), Duration.ofMinutes(10)),
                c.integer("callbacks.concurrency", d.concurrency(), 1, 1024));
        return new ApiConfig(
                server.publicUrl().toString(),
                policy,
                targets(server, c),
                nodeId(),
                c.duration("storage.purge-interval", Duration.ofHours(6), Duration.ofMinutes(1), Duration.ofDays(7)),
                c.duration("storage.media-retention", Duration.ZERO, Duration.ZERO, Duration.ofDays(36500)),
                console(c));
    }

    /** How long console sign-ins last (docs/configuration.md, "Console"). */
    static ConsoleConfig console(ConfigSource c) {
        Duration idle = c.duration(
                "console.session-idle-timeout",
                ConsoleConfig.DEFAULT_IDLE_TIMEOUT,
                Duration.ofMinutes(1),
                Duration.ofDays(30));
        Duration max = c.duration(
                "console.session-max-age", ConsoleConfig.DEFAULT_MAX_AGE, Duration.ofMinutes(1), Duration.ofDays(90));
        if (max.compareTo(idle) < 0) {
            throw c.invalid(
                    "console.session-max-age", max.toString(), "at least console.session-idle-timeout (" + idle + ")");
        }
        return new ConsoleConfig(idle, max);
    }

    /**
     * In development mode callbacks may go anywhere (a receiver on localhost is the usual test);
     * otherwise only to public addresses and to the networks and hosts the operator allows.
     */
    static CallbackTargets targets(ServerConfig server, ConfigSource c) {
        List<String> allowed = c.list("callbacks.allowed-networks", List.of());
        CallbackTargets targets;
        try {
            targets = CallbackTargets.publicOnly(allowed);
        } catch (IllegalArgumentException e) {
            throw c.invalid(
                    "callbacks.allowed-networks",
                    String.join(",", allowed),
                    "comma-separated networks and host names (" + e.getMessage() + ")");
        }
        return server.devMode() ? CallbackTargets.ANY : targets;
    }

    /** Names this running server in callback leases: host name plus a random part per start. */
    static String nodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "server";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

package dev.quorum.server.config;

import dev.quorum.sfu.transport.TransportConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code media.*} keys (docs/configuration.md, "Media transport"). */
public final class MediaConfigs {

    private static final int MIB = 1024 * 1024;

    private MediaConfigs() {}

    public static TransportConfig from(ConfigSource c) {
        TransportConfig d = TransportConfig.defaults();
        Path certificate = c.raw("media.dtls.certificate")
                .filter(s -> !s.isEmpty())
                .map(Path::of)
                .orElse(null);
        Path privateKey = c.raw("media.dtls.private-key")
                .filter(s -> !s.isEmpty())
                .map(Path::of)
                .orElse(null);
        try {
            return new TransportConfig(
                    c.integer("media.port", d.port(), 0, 65535),
                    address(c, "media.bind-address"),
                    addresses(c, "media.announced-addresses"),
                    c.bool("media.tcp", d.tcp()),
                    c.duration(
                            "media.consent-timeout", d.consentTimeout(), Duration.ofSeconds(1), Duration.ofMinutes(10)),
                    c.duration(
                            "media.dtls.handshake-timeout",
                            d.handshakeTimeout(),
                            Duration.ofSeconds(1),
                            Duration.ofMinutes(5)),
                    c.integer("media.event-loops", d.eventLoops(), 1, 256),
                    c.integer("media.dtls.workers", d.dtlsWorkers(), 1, 1024),
                    c.integer("media.dtls.max-handshakes", d.maxHandshakes(), 1, 10000),
                    c.duration(
                            "media.dtls.silent-peer-timeout",
                            d.silentPeerTimeout(),
                            Duration.ofSeconds(1),
                            Duration.ofMinutes(5)),
                    c.integer("media.socket.receive-buffer-mb", d.receiveBufferBytes() / MIB, 1, 1024) * MIB,
                    c.integer("media.socket.send-buffer-mb", d.sendBufferBytes() / MIB, 1, 1024) * MIB,
                    certificate,
                    privateKey,
                    c.bool("media.native-transport", d.nativeTransport()));
        } catch (IllegalArgumentException e) {
            // TransportConfig names the key in its message.
            throw new ConfigException("Invalid media configuration: " + e.getMessage());
        }
    }

    private static InetAddress address(ConfigSource c, String key) {
        String v = c.string(key, "");
        if (v.isEmpty()) {
            return null;
        }
        return parse(c, key, v);
    }

    private static List<InetAddress> addresses(ConfigSource c, String key) {
        List<InetAddress> out = new ArrayList<>();
        for (String v : c.list(key, List.of())) {
            out.add(parse(c, key, v));
        }
        return out;
    }

    /** A literal IPv4 or IPv6 address, or a host name resolved once at start. */
    private static InetAddress parse(ConfigSource c, String key, String value) {
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException | SecurityException e) {
            throw c.invalid(key, value, "an IP address (or resolvable host name)");
        }
    }
}

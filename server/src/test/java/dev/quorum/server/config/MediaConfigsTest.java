package dev.quorum.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.sfu.transport.TransportConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaConfigsTest {

    @Test
    void defaultsMatchTheDocumentedOnes() {
        TransportConfig c = MediaConfigs.from(ConfigSource.of(Map.of()));
        assertThat(c.port()).isEqualTo(10000);
        assertThat(c.tcp()).isTrue();
        assertThat(c.announcedAddresses()).isEmpty();
        assertThat(c.bindAddress()).isNull();
        assertThat(c.consentTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.handshakeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.receiveBufferBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(c.nativeTransport()).isTrue();
        assertThat(c.dtlsWorkers()).isEqualTo(8);
        assertThat(c.maxHandshakes()).isEqualTo(256);
        assertThat(c.silentPeerTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        TransportConfig c = MediaConfigs.from(ConfigSource.of(Map.ofEntries(
                Map.entry("media.port", "40000"),
                Map.entry("media.bind-address", "127.0.0.1"),
                Map.entry("media.announced-addresses", "203.0.113.7, 2001:db8::7"),
                Map.entry("media.tcp", "false"),
                Map.entry("media.consent-timeout", "20s"),
                Map.entry("media.dtls.handshake-timeout", "10s"),
                Map.entry("media.event-loops", "3"),
                Map.entry("media.dtls.workers", "4"),
                Map.entry("media.dtls.max-handshakes", "50"),
                Map.entry("media.dtls.silent-peer-timeout", "3s"),
                Map.entry("media.socket.receive-buffer-mb", "8"),
                Map.entry("media.socket.send-buffer-mb", "2"),
                Map.entry("media.native-transport", "false"))));
        assertThat(c.port()).isEqualTo(40000);
        assertThat(c.bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(c.announcedAddresses())
                .containsExactly(InetAddress.getByName("203.0.113.7"), InetAddress.getByName("2001:db8::7"));
        assertThat(c.tcp()).isFalse();
        assertThat(c.consentTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.eventLoops()).isEqualTo(3);
        assertThat(c.dtlsWorkers()).isEqualTo(4);
        assertThat(c.maxHandshakes()).isEqualTo(50);
        assertThat(c.silentPeerTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.receiveBufferBytes()).isEqualTo(8 * 1024 * 1024);
        assertThat(c.sendBufferBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(c.nativeTransport()).isFalse();
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> MediaConfigs.from(ConfigSource.of(Map.of("media.port", "70000"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("media.port");
        assertThatThrownBy(() -> MediaConfigs.from(ConfigSource.of(Map.of("media.announced-addresses", "0.0.0.0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("media.announced-addresses");
        assertThatThrownBy(
                        () -> MediaConfigs.from(ConfigSource.of(Map.of("media.dtls.certificate", "/nonexistent.pem"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("media.dtls.certificate");
        assertThatThrownBy(() -> MediaConfigs.from(ConfigSource.of(Map.of("media.consent-timeout", "soon"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("media.consent-timeout");
        assertThatThrownBy(() -> MediaConfigs.from(ConfigSource.of(Map.of("media.dtls.max-handshakes", "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("media.dtls.max-handshakes");
        assertThatThrownBy(() -> MediaConfigs.from(ConfigSource.of(Map.of("media.dtls.silent-peer-timeout", "0s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("media.dtls.silent-peer-timeout");
    }
}

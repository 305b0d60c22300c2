package dev.quorum.sfu.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportConfigTest {

    final TransportConfig d = TransportConfig.defaults();

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(d.port()).isEqualTo(10000);
        assertThat(d.tcp()).isTrue();
        assertThat(d.consentTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.handshakeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.announcedAddresses()).isEmpty();
        assertThat(d.certificateFile()).isNull();
    }

    @Test
    void invalidValuesNameTheirKey() throws Exception {
        assertThatThrownBy(() -> d.withPort(65536)).hasMessageContaining("media.port");
        assertThatThrownBy(() -> d.withAddresses(null, List.of(InetAddress.getByName("0.0.0.0"))))
                .hasMessageContaining("media.announced-addresses");
        assertThatThrownBy(() -> d.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("media.consent-timeout");
        assertThatThrownBy(() -> d.withTimeouts(Duration.ofSeconds(1), Duration.ofHours(2)))
                .hasMessageContaining("media.dtls.handshake-timeout");
        assertThatThrownBy(() -> d.withThreads(0, 1, true)).hasMessageContaining("media.event-loops");
        assertThatThrownBy(() -> d.withThreads(1, 0, true)).hasMessageContaining("media.dtls.workers");
        assertThatThrownBy(() -> d.withHandshakeLimits(0, Duration.ofSeconds(1)))
                .hasMessageContaining("media.dtls.max-handshakes");
        assertThatThrownBy(() -> d.withHandshakeLimits(1, Duration.ZERO))
                .hasMessageContaining("media.dtls.silent-peer-timeout");
        assertThatThrownBy(() -> new TransportConfig(
                        0,
                        null,
                        List.of(),
                        true,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1,
                        1,
                        1,
                        Duration.ofSeconds(1),
                        65536,
                        65536,
                        Path.of("cert.pem"),
                        null,
                        true))
                .hasMessageContaining("media.dtls.certificate and media.dtls.private-key");
        assertThatThrownBy(() -> new TransportConfig(
                        0,
                        null,
                        List.of(),
                        true,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1,
                        1,
                        1,
                        Duration.ofSeconds(1),
                        1024,
                        65536,
                        null,
                        null,
                        true))
                .hasMessageContaining("media.socket.receive-buffer-mb");
    }

    @Test
    void candidatesAnnounceEveryAddressOverUdpThenTcpWithDecreasingPriority() throws Exception {
        List<IceCandidate> c = MediaPort.candidates(
                List.of(InetAddress.getByName("203.0.113.7"), InetAddress.getByName("2001:db8::7")), 10000, true);
        assertThat(c)
                .extracting(IceCandidate::toSdpValue)
                .containsExactly(
                        "candidate:u0 1 udp 2130706431 203.0.113.7 10000 typ host",
                        "candidate:u1 1 udp 2130706175 2001:db8:0:0:0:0:0:7 10000 typ host",
                        "candidate:t0 1 tcp 2124414975 203.0.113.7 10000 typ host tcptype passive",
                        "candidate:t1 1 tcp 2124414719 2001:db8:0:0:0:0:0:7 10000 typ host tcptype passive");
        assertThat(MediaPort.candidates(List.of(InetAddress.getByName("203.0.113.7")), 10000, false))
                .hasSize(1);
    }

    @Test
    void detectedHostAddressesAreNeverEmptyOrWildcard() {
        assertThat(MediaPort.detectHostAddresses())
                .isNotEmpty()
                .noneMatch(InetAddress::isAnyLocalAddress)
                .noneMatch(InetAddress::isLinkLocalAddress);
    }
}

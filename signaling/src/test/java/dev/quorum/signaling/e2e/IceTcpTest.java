package dev.quorum.signaling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.MediaServer;
import dev.quorum.signaling.testing.MediaStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A browser that may not use UDP reaches the server over ICE-TCP, and the call works both ways. */
@Tag("slow")
class IceTcpTest {

    /** The protocol of the selected candidate pair's local candidate, per peer connection. */
    static final String SELECTED_PROTOCOLS = """
            const out = [];
            for (const pc of [room._publisher, room._subscriber]) {
              const stats = await pc.getStats();
              let pairId = null;
              stats.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId; });
              const pair = pairId && stats.get(pairId);
              const local = pair && stats.get(pair.localCandidateId);
              out.push(local ? local.protocol : null);
            }
            return out;
            """;

    @Test
    void aClientWithUdpBlockedConnectsOverTcp() throws Exception {
        Map<String, Object> video = Map.of("video", Map.of("width", 640, "height", 360));
        try (MediaServer server = new MediaServer();
                Chromium udp = Chromium.start();
                // In Chromium 156 the switch alone still gathered UDP; the profile preference applies the policy.
                Chromium tcpOnly = Chromium.start(
                        List.of("--force-webrtc-ip-handling-policy=disable_non_proxied_udp"),
                        Map.of("webrtc.ip_handling_policy", "disable_non_proxied_udp"))) {
            BrowserParticipant alice = BrowserParticipant.open(udp, server.pageUrl(), "alice", false);
            alice.join(server.token("alice"), "tcp", video);
            BrowserParticipant walled = BrowserParticipant.open(tcpOnly, server.pageUrl(), "walled", false);
            walled.join(server.token("walled"), "tcp", video);

            walled.await(MediaStats.MARK);
            walled.waitFor("media from alice", MediaStats.flowingFrom(alice.sid()));
            alice.await(MediaStats.MARK);
            alice.waitFor("media from the TCP client", MediaStats.flowingFrom(walled.sid()));
            assertThat(walled.await(SELECTED_PROTOCOLS)).isEqualTo(List.of("tcp", "tcp"));
            assertThat(alice.await(SELECTED_PROTOCOLS)).isEqualTo(List.of("udp", "udp"));
        }
    }
}

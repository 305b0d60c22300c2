package dev.quorum.sfu.transport;

import static dev.quorum.sfu.transport.MediaPortFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sfu.transport.MediaPortFixture.Connection;
import dev.quorum.sfu.transport.srtp.SrtpProfile;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How the media port bounds what a DTLS handshake may hold: a peer silent after our flight is
 * abandoned after the silent-peer timeout (not the whole handshake timeout), one that keeps
 * sending is not, and beyond the limit of handshakes in progress a ClientHello is dropped,
 * counted, and served when the client sends it again.
 */
@Tag("slow")
class DtlsHandshakeLimitsTest {

    MediaPortFixture f;

    @AfterEach
    void stop() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void peersSilentAfterTheirClientHelloAreAbandonedAfterTheSilentPeerTimeout() throws Exception {
        f = new MediaPortFixture(false, c -> c.withHandshakeLimits(256, Duration.ofSeconds(1)));
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            f.open(false).peer().connectAndFallSilent();
        }
        await("five handshakes abandoned", () -> f.closedFor(CloseReason.DTLS_TIMEOUT) == 5);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MediaPortFixture.HANDSHAKE);
        await("their threads released", () -> f.gauge("quorum.media.dtls.handshakes") == 0);
        assertThat(f.gauge("quorum.media.transports", "state", "connecting")).isZero();
    }

    @Test
    void aPeerThatKeepsRetransmittingIsNotTakenForSilent() throws Exception {
        // The client's ClientHello goes out at 0, 1 and 3 s (bctls backs off 1 s, 2 s); every
        // server flight before 2.2 s is lost. The server never waits 2.8 s without hearing from
        // the peer, although the handshake takes longer than that.
        f = new MediaPortFixture(false, c -> c.withHandshakeLimits(256, Duration.ofMillis(2800)));
        Connection c = f.open(false);
        c.peer().loseServerDtlsFor(2200);
        long start = System.nanoTime();
        c.peer().connect(SrtpProfile.values());
        c.listener().connected.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(2800));
        assertThat(f.closedFor(CloseReason.DTLS_TIMEOUT)).isZero();
        f.exchange(c, 0x1234, 1);
    }

    @Test
    void beyondTheHandshakeLimitAClientHelloIsDroppedCountedAndServedWhenRetransmitted() throws Exception {
        f = new MediaPortFixture(false, c -> c.withHandshakeLimits(2, Duration.ofSeconds(1)));
        f.open(false).peer().connectAndFallSilent();
        f.open(false).peer().connectAndFallSilent();
        await("two handshakes in progress", () -> f.gauge("quorum.media.dtls.handshakes") == 2);

        Connection live = f.open(false);
        CompletableFuture<Void> connected = CompletableFuture.runAsync(() -> {
            try {
                live.peer().connect(SrtpProfile.values());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await("the live peer's ClientHello refused", () -> f.drops(DropReason.DTLS_HANDSHAKE_LIMIT) >= 1);
        connected.get(10, TimeUnit.SECONDS);
        live.listener().connected.get(5, TimeUnit.SECONDS);
        assertThat(f.closedFor(CloseReason.DTLS_TIMEOUT)).isEqualTo(2);
        f.exchange(live, 0x4321, 1);
    }
}

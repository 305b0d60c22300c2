package dev.quorum.sfu.transport;

import static dev.quorum.sfu.transport.MediaPortFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.sfu.transport.MediaPortFixture.Connection;
import dev.quorum.sfu.transport.srtp.SrtpProfile;
import dev.quorum.sfu.transport.stun.StunAttribute;
import dev.quorum.sfu.transport.stun.StunMessage;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client-role test peer (ICE controlling, bctls DTLS client, jitsi-srtp) against the media
 * port over loopback UDP and ICE-TCP.
 */
@Tag("slow")
class MediaPortIntegrationTest {

    MediaPortFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new MediaPortFixture(true);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void udpPeerExchangesSrtpAndSrtcpBothWays(SrtpProfile profile) throws Exception {
        Connection c = f.open(false);
        c.peer().connect(profile);
        c.listener().connected.get(5, TimeUnit.SECONDS);

        assertThat(c.transport().state()).isEqualTo(TransportState.CONNECTED);
        assertThat(c.transport().srtpProfile()).isEqualTo(profile);
        assertThat(c.transport().selectedTuple().remoteAddress())
                .isEqualTo(c.peer().localAddress());
        for (int seq = 65530; seq < 65540; seq++) {
            f.exchange(c, 0x1234ABCD, seq & 0xFFFF);
        }
        assertThat(f.gauge("quorum.media.transports", "state", "connected")).isEqualTo(1);
        assertThat(f.counter("quorum.media.packets", "direction", "in", "kind", "rtp"))
                .isEqualTo(10);
        assertThat(f.counter("quorum.media.packets", "direction", "out", "kind", "rtcp"))
                .isEqualTo(10);
        assertThat(f.registry.get("quorum.media.dtls.handshake").timer().count())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tcpPeerExchangesSrtpAndSrtcpBothWays(SrtpProfile profile) throws Exception {
        Connection c = f.open(true);
        c.peer().connect(profile);
        c.listener().connected.get(5, TimeUnit.SECONDS);

        assertThat(c.transport().selectedTuple().protocol()).isEqualTo(IceCandidate.Protocol.TCP);
        assertThat(c.transport().srtpProfile()).isEqualTo(profile);
        for (int seq = 0; seq < 10; seq++) {
            f.exchange(c, 0x0BADCAFE, seq);
        }
    }

    @Test
    void theBrowserDefaultOfferingBothProfilesGetsGcm() throws Exception {
        Connection c = f.open(false);
        c.peer().connect(SrtpProfile.AES128_CM_HMAC_SHA1_80, SrtpProfile.AEAD_AES_128_GCM);
        c.listener().connected.get(5, TimeUnit.SECONDS);
        assertThat(c.transport().srtpProfile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
    }

    @Test
    void successResponsesCarryThePeersAddressAndSignatures() throws Exception {
        Connection c = f.open(false);
        StunMessage response = c.peer().check(false);
        assertThat(response.type()).isEqualTo(StunMessage.BINDING_SUCCESS_RESPONSE);
        assertThat(response.attribute(StunAttribute.XorMappedAddress.class))
                .contains(new StunAttribute.XorMappedAddress(c.peer().localAddress()));
        assertThat(response.has(StunAttribute.MessageIntegrity.class)).isTrue();
        assertThat(response.has(StunAttribute.Fingerprint.class)).isTrue();
        assertThat(c.transport().state()).isEqualTo(TransportState.CONNECTING);
    }

    @Test
    void twoPeersOnTheSamePortGetTheirOwnMedia() throws Exception {
        Connection a = f.open(false);
        Connection b = f.open(true);
        a.peer().connect(SrtpProfile.AEAD_AES_128_GCM);
        b.peer().connect(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        for (int seq = 0; seq < 5; seq++) {
            f.exchange(a, 1, seq);
            f.exchange(b, 2, seq);
        }
        assertThat(a.listener().rtp).isEmpty();
        assertThat(b.listener().rtp).isEmpty();
    }

    @Test
    void transportsPinnedToEitherLoopServePeersWhicheverSocketReadsThem() throws Exception {
        // Two event loops, two SO_REUSEPORT sockets: the kernel picks the socket by the peer's
        // address, so some peers are read on the other loop than their transport's.
        java.util.List<Connection> connections = new java.util.ArrayList<>();
        java.util.Iterator<io.netty.util.concurrent.EventExecutor> loops =
                f.port.eventLoops().iterator();
        io.netty.channel.EventLoop first = (io.netty.channel.EventLoop) loops.next();
        io.netty.channel.EventLoop second = (io.netty.channel.EventLoop) loops.next();
        for (int i = 0; i < 6; i++) {
            TestPeer peer = new TestPeer(false);
            f.peers.add(peer);
            EchoListener listener = new EchoListener();
            Transport t = f.port.createTransport(peer.fingerprint(), i % 2 == 0 ? first : second, listener);
            listener.transport = t;
            peer.start(t.description());
            peer.connect(SrtpProfile.AEAD_AES_128_GCM);
            connections.add(new Connection(t, listener, peer));
        }
        for (int seq = 0; seq < 3; seq++) {
            for (int i = 0; i < connections.size(); i++) {
                f.exchange(connections.get(i), 100 + i, seq);
            }
        }
        assertThat(connections)
                .allSatisfy(c -> assertThat(c.listener().wrongThread).isEmpty());
    }

    @Nested
    class AddressChange {

        @Test
        void aPeerThatMovesToANewPortAndNominatesItKeepsExchangingMedia() throws Exception {
            Connection c = f.open(false);
            c.peer().connect(SrtpProfile.AEAD_AES_128_GCM);
            f.exchange(c, 7, 1);
            InetSocketAddress before = c.peer().localAddress();

            c.peer().moveToNewPort();
            c.peer().check(true);

            assertThat(c.peer().localAddress()).isNotEqualTo(before);
            assertThat(c.transport().selectedTuple().remoteAddress())
                    .isEqualTo(c.peer().localAddress());
            for (int seq = 2; seq < 6; seq++) {
                f.exchange(c, 7, seq);
            }
            assertThat(c.listener().selections)
                    .extracting(IceTuple::remoteAddress)
                    .containsExactly(before, c.peer().localAddress());
        }

        @Test
        void aNewAddressTakesOverWithoutNominationOnceTheOldOneWentQuiet() throws Exception {
            Connection c = f.open(false);
            c.peer().connect(SrtpProfile.AES128_CM_HMAC_SHA1_80);
            f.exchange(c, 9, 1);

            c.peer().moveToNewPort();
            c.peer().check(false);
            assertThat(c.transport().selectedTuple().remoteAddress())
                    .as("the old address is still fresh")
                    .isNotEqualTo(c.peer().localAddress());

            f.advance(MediaPortFixture.CONSENT.dividedBy(3).plusSeconds(1));
            c.peer().check(false);

            assertThat(c.transport().selectedTuple().remoteAddress())
                    .isEqualTo(c.peer().localAddress());
            f.exchange(c, 9, 2);
        }
    }

    @Nested
    class Consent {

        @Test
        void aConnectedTransportWithoutChecksForTheConsentTimeoutIsClosed() throws Exception {
            Connection c = f.open(false);
            c.peer().connect(SrtpProfile.AEAD_AES_128_GCM);
            f.exchange(c, 3, 1);

            f.advance(MediaPortFixture.CONSENT.plusSeconds(1));

            assertThat(c.listener().closed.get(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.CONSENT_EXPIRED);
            assertThat(c.transport().state()).isEqualTo(TransportState.CLOSED);
            assertThat(f.closedFor(CloseReason.CONSENT_EXPIRED)).isEqualTo(1);
            double before = f.drops(DropReason.UNVALIDATED_SOURCE);
            c.peer().sendRtp(3, 2, f.payload(100));
            await(
                    "media from the expired peer to be refused",
                    () -> f.drops(DropReason.UNVALIDATED_SOURCE) == before + 1);
        }

        @Test
        void checksKeepConsentAlive() throws Exception {
            Connection c = f.open(false);
            c.peer().connect(SrtpProfile.AEAD_AES_128_GCM);
            for (int i = 0; i < 3; i++) {
                f.advance(MediaPortFixture.CONSENT.minusSeconds(5));
                c.peer().check(false);
            }
            f.exchange(c, 4, 1);
            assertThat(c.listener().closed).isNotDone();
        }

        @Test
        void aTransportNoPeerEverChecksTimesOut() throws Exception {
            Connection c = f.open(false);
            f.advance(MediaPortFixture.CONSENT.plusSeconds(1));
            assertThat(c.listener().closed.get(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.ICE_TIMEOUT);
        }

        @Test
        void aPeerThatNeverStartsDtlsTimesOut() throws Exception {
            Connection c = f.open(false);
            c.peer().check(true);
            f.advance(MediaPortFixture.HANDSHAKE.plusSeconds(1));
            assertThat(c.listener().closed.get(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.DTLS_TIMEOUT);
        }
    }

    @Test
    void iceRestartAcceptsOldCredentialsUntilTheNewOnesAreUsed() throws Exception {
        Connection c = f.open(false);
        c.peer().connect(SrtpProfile.AEAD_AES_128_GCM);
        IceCredentials old = c.transport().description().ice();

        IceCredentials fresh = c.transport().restartIce();

        assertThat(fresh.ufrag()).isNotEqualTo(old.ufrag());
        assertThat(c.transport().description().ice()).isEqualTo(fresh);
        assertThat(c.peer().check(false, old).isSuccessResponse()).isTrue();
        c.peer().useCredentials(fresh);
        assertThat(c.peer().check(true, fresh).isSuccessResponse()).isTrue();
        double before = f.drops(DropReason.STUN_UNKNOWN_USERNAME);
        c.peer().sendCheck(false, old);
        await("the retired ufrag to be refused", () -> f.drops(DropReason.STUN_UNKNOWN_USERNAME) == before + 1);
        f.exchange(c, 5, 1);
    }

    @Test
    void aCertificateThatDoesNotMatchTheOfferedFingerprintFailsTheTransport() throws Exception {
        TestPeer peer = new TestPeer(false);
        f.peers.add(peer);
        EchoListener listener = new EchoListener();
        Transport t = f.port.createTransport(
                dev.quorum.sfu.transport.dtls.DtlsCertificate.generate().fingerprint(), listener);
        listener.transport = t;
        peer.start(t.description());

        assertThatThrownBy(() -> peer.connect(SrtpProfile.AEAD_AES_128_GCM)).isInstanceOf(Exception.class);
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.DTLS_FAILED);
        assertThat(listener.connected).isNotDone();
    }

    @Test
    void whenWeOfferThePeersFingerprintMayComeAfterItsDtlsStarted() throws Exception {
        TestPeer peer = new TestPeer(false);
        f.peers.add(peer);
        EchoListener listener = new EchoListener();
        Transport t = f.port.createTransport(f.port.eventLoops().next(), listener);
        listener.transport = t;
        peer.start(t.description());
        java.util.concurrent.CompletableFuture<Void> connecting =
                java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        peer.connect(SrtpProfile.AEAD_AES_128_GCM);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        await(
                "the peer's DTLS to reach the port",
                () -> f.counter("quorum.media.packets", "direction", "in", "kind", "dtls") >= 1);

        t.setRemoteFingerprint(peer.fingerprint());

        connecting.get(10, TimeUnit.SECONDS);
        listener.connected.get(5, TimeUnit.SECONDS);
        f.exchange(new Connection(t, listener, peer), 21, 1);
    }

    @Test
    void closeNotifyFromThePeerClosesTheTransport() throws Exception {
        Connection c = f.open(false);
        c.peer().connect(SrtpProfile.AEAD_AES_128_GCM);
        c.peer().closeDtls();
        assertThat(c.listener().closed.get(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.DTLS_CLOSED_BY_PEER);
    }

    @Test
    void closingLocallyAndClosingThePortReportOnceEach() throws Exception {
        Connection a = f.open(false);
        Connection b = f.open(true);
        a.peer().connect(SrtpProfile.AEAD_AES_128_GCM);
        b.peer().connect(SrtpProfile.AEAD_AES_128_GCM);

        a.transport().close();
        assertThat(a.listener().closed.get(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.CLOSED_LOCALLY);
        f.port.close();
        assertThat(b.listener().closed.get(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.PORT_CLOSED);
        assertThat(f.closedFor(CloseReason.CLOSED_LOCALLY)).isEqualTo(1);
    }

    @Test
    void theDescriptionHasWhatTheSdpAnswerNeeds() throws Exception {
        Connection c = f.open(false);
        TransportDescription d = c.transport().description();
        int port = f.port.port();

        assertThat(d.sessionAttributes()).containsExactly("ice-lite");
        assertThat(d.mediaAttributes())
                .containsExactly(
                        "ice-ufrag:" + d.ice().ufrag(),
                        "ice-pwd:" + d.ice().password(),
                        "fingerprint:" + f.port.fingerprint().toSdpValue(),
                        "setup:passive",
                        "candidate:u0 1 udp 2130706431 127.0.0.1 " + port + " typ host",
                        "candidate:t0 1 tcp 2124414975 127.0.0.1 " + port + " typ host tcptype passive",
                        "end-of-candidates");
        assertThat(d.ice().ufrag()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(d.ice().password()).hasSizeGreaterThanOrEqualTo(22);
    }

    @Test
    void nioTransportWorksAsWellOverUdpAndTcp() throws Exception {
        f.close();
        f = new MediaPortFixture(false);
        Connection udp = f.open(false);
        Connection tcp = f.open(true);
        udp.peer().connect(SrtpProfile.AEAD_AES_128_GCM);
        tcp.peer().connect(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        for (int seq = 0; seq < 5; seq++) {
            f.exchange(udp, 11, seq);
            f.exchange(tcp, 12, seq);
        }
    }
}

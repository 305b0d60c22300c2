package dev.quorum.signaling.negotiation;

import static dev.quorum.signaling.testing.TestDescriptions.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.signaling.sdp.Direction;
import dev.quorum.signaling.sdp.MediaDescription;
import dev.quorum.signaling.sdp.Rid;
import dev.quorum.signaling.sdp.SdpWriter;
import dev.quorum.signaling.sdp.SessionDescription;
import dev.quorum.signaling.sdp.Setup;
import dev.quorum.signaling.testing.Fixtures;
import dev.quorum.signaling.testing.TestDescriptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishAnswerWriterTest {

    final PublishNegotiator negotiator = new PublishNegotiator(EngineCapabilities.DEFAULT);

    SessionDescription answer(String fixture, CodecPolicy policy) throws NegotiationException {
        PublishPlan plan = negotiator.negotiate(parse(Fixtures.text(fixture)), policy, Map.of());
        // Through text and back: what the browser receives is the text.
        return parse(SdpWriter.write(PublishAnswerWriter.write(plan, TestDescriptions.transport(), "7001", 3)));
    }

    @Test
    void sessionLevelDeclaresIceLiteAndBundlesTheAcceptedMids() throws NegotiationException {
        SessionDescription a = answer(Fixtures.SIMULCAST_OFFER, PublishNegotiatorTest.VP8_ROOM);
        assertThat(a.iceLite()).isTrue();
        assertThat(a.bundle()).containsExactly("0", "1");
        assertThat(a.extmapAllowMixed()).isTrue();
        assertThat(a.origin().sessionId()).isEqualTo("7001");
        assertThat(a.origin().sessionVersion()).isEqualTo(3);
    }

    @Test
    void everyAcceptedSectionCarriesTheServersTransportAsDtlsServer() throws NegotiationException {
        for (MediaDescription m :
                answer(Fixtures.SIMULCAST_OFFER, PublishNegotiatorTest.VP8_ROOM).media()) {
            assertThat(m.setup()).isEqualTo(Setup.PASSIVE);
            assertThat(m.fingerprint().value()).isEqualTo(TestDescriptions.FINGERPRINT);
            assertThat(m.iceUfrag()).isEqualTo("q7Rz");
            assertThat(m.icePwd()).isEqualTo("Vf3bN0pQ2sLm8Kx1Yc5Ht9Wj");
            assertThat(m.candidates()).hasSize(2);
            assertThat(m.candidates().get(1).extension("tcptype")).isEqualTo("passive");
            assertThat(m.endOfCandidates()).isTrue();
            assertThat(m.rtcpMux()).isTrue();
            assertThat(m.direction()).isEqualTo(Direction.RECVONLY);
            assertThat(m.ssrcs()).isEmpty();
            assertThat(m.msids()).isEmpty();
        }
    }

    @Test
    void sectionsKeepTheOffersOrderMidsAndPayloadTypes() throws NegotiationException {
        List<MediaDescription> media =
                answer(Fixtures.SIMULCAST_OFFER, PublishNegotiatorTest.VP8_ROOM).media();
        assertThat(media).extracting(MediaDescription::mid).containsExactly("0", "1");
        assertThat(media.get(0).formats()).containsExactly("111");
        assertThat(media.get(0).codec(111).fmtp()).isEqualTo("minptime=10;useinbandfec=1");
        assertThat(media.get(1).formats()).containsExactly("96", "97");
        assertThat(media.get(1).codec(97).fmtp()).isEqualTo("apt=96");
        assertThat(media.get(1).codec(97).feedback()).isEmpty();
        assertThat(media.get(1).extmapId(HeaderExtensions.RID)).isEqualTo(10);
    }

    @Test
    void simulcastIsMirroredAsReceiveRids() throws NegotiationException {
        MediaDescription v = answer(Fixtures.SIMULCAST_OFFER, PublishNegotiatorTest.VP8_ROOM)
                .media()
                .get(1);
        assertThat(v.rids())
                .containsExactly(new Rid("q", "recv", null), new Rid("h", "recv", null), new Rid("f", "recv", null));
        assertThat(v.simulcast().recv()).containsExactly("q", "h", "f");
        assertThat(v.simulcast().send()).isEmpty();
    }

    @Test
    void refusedSectionsKeepTheirMidWithPortZeroOutsideTheBundle() throws NegotiationException {
        SessionDescription a = answer(Fixtures.SIMULCAST_OFFER, new CodecPolicy(List.of("VP8"), true));
        assertThat(a.bundle()).containsExactly("0");
        MediaDescription v = a.media().get(1);
        assertThat(v.port()).isZero();
        assertThat(v.mid()).isEqualTo("1");
        assertThat(v.candidates()).isEmpty();
    }
}

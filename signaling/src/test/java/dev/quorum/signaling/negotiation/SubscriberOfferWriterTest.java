package dev.quorum.signaling.negotiation;

import static dev.quorum.signaling.testing.TestDescriptions.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.OutgoingTrack;
import dev.quorum.sfu.room.SubscriberOffer;
import dev.quorum.signaling.sdp.Direction;
import dev.quorum.signaling.sdp.MediaDescription;
import dev.quorum.signaling.sdp.Msid;
import dev.quorum.signaling.sdp.SdpWriter;
import dev.quorum.signaling.sdp.SessionDescription;
import dev.quorum.signaling.sdp.Setup;
import dev.quorum.signaling.sdp.SsrcGroup;
import dev.quorum.signaling.testing.TestDescriptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriberOfferWriterTest {

    static final String AUDIO_SID = "MT00000000000000000000000000000a01";
    static final String CLIENT_FINGERPRINT = TestDescriptions.FINGERPRINT.replace("3C:4A", "00:11");
    static final String VIDEO_SID = "MT00000000000000000000000000000v01".replace('v', 'b');

    static SessionDescription offer(long version, OutgoingTrack... sections) {
        return parse(SdpWriter.write(SubscriberOfferWriter.write(
                new SubscriberOffer(version, List.of(sections)), TestDescriptions.transport(), "9001")));
    }

    @Test
    void anOfferIsIceLiteActpassAndBundlesEverySection() {
        SessionDescription o = offer(
                1,
                TestDescriptions.track("0", TrackKind.AUDIO, AUDIO_SID, 1111),
                TestDescriptions.track("1", TrackKind.VIDEO, VIDEO_SID, 2222));
        assertThat(o.iceLite()).isTrue();
        assertThat(o.bundle()).containsExactly("0", "1");
        assertThat(o.origin().sessionVersion()).isEqualTo(1);
        for (MediaDescription m : o.media()) {
            assertThat(m.setup()).isEqualTo(Setup.ACTPASS);
            assertThat(m.fingerprint().value()).isEqualTo(TestDescriptions.FINGERPRINT);
            assertThat(m.rtcpMux()).isTrue();
            assertThat(m.endOfCandidates()).isTrue();
            assertThat(m.direction()).isEqualTo(Direction.SENDONLY);
        }
    }

    @Test
    void anOccupiedSectionNamesItsPublisherStreamTrackAndSsrcs() {
        MediaDescription v = offer(1, TestDescriptions.track("1", TrackKind.VIDEO, VIDEO_SID, 2222))
                .media()
                .get(0);
        assertThat(v.msids()).containsExactly(new Msid("PA00000000000000000000000000000001", VIDEO_SID));
        assertThat(v.ssrcGroups()).containsExactly(new SsrcGroup(SsrcGroup.FID, List.of(2222L, 2223L)));
        assertThat(v.ssrcAttribute(2222, "cname")).isEqualTo("alice-cname");
        assertThat(v.ssrcAttribute(2223, "cname")).isEqualTo("alice-cname");
        assertThat(v.formats()).containsExactly("96", "97");
        assertThat(v.codec(97).fmtp()).isEqualTo("apt=96");
        assertThat(v.codec(96).feedback()).contains("nack", "nack pli", "transport-cc");
        assertThat(v.extmapId(HeaderExtensions.MID)).isEqualTo(1);
        assertThat(v.extmapId(HeaderExtensions.VIDEO_ORIENTATION)).isEqualTo(4);
        MediaDescription a = offer(1, TestDescriptions.track("0", TrackKind.AUDIO, AUDIO_SID, 1111))
                .media()
                .get(0);
        assertThat(a.codec(111).rtpmapText()).isEqualTo("111 opus/48000/2");
        assertThat(a.ssrcGroups()).isEmpty();
        assertThat(a.distinctSsrcs()).containsExactly(1111L);
    }

    @Test
    void aVacantSectionIsInactiveWithoutStreamsAndKeepsItsPlace() {
        OutgoingTrack gone = TestDescriptions.track("0", TrackKind.AUDIO, AUDIO_SID, 1111);
        OutgoingTrack vacant = new OutgoingTrack(
                gone.mid(),
                false,
                gone.trackSid(),
                gone.participantSid(),
                gone.identity(),
                gone.trackName(),
                gone.kind(),
                gone.codec(),
                gone.ssrc(),
                gone.rtxSsrc(),
                gone.cname(),
                gone.streamId(),
                gone.headerExtensions());
        SessionDescription o = offer(2, vacant, TestDescriptions.track("1", TrackKind.VIDEO, VIDEO_SID, 2222));
        assertThat(o.bundle()).containsExactly("0", "1");
        MediaDescription a = o.media().get(0);
        assertThat(a.mid()).isEqualTo("0");
        assertThat(a.direction()).isEqualTo(Direction.INACTIVE);
        assertThat(a.port()).isNotZero();
        assertThat(a.ssrcs()).isEmpty();
        assertThat(a.msids()).isEmpty();
        assertThat(o.origin().sessionVersion()).isEqualTo(2);
    }

    @Test
    void theAnswerReaderExtractsFingerprintAndAcceptedExtensions() throws NegotiationException {
        SessionDescription o = offer(1, TestDescriptions.track("0", TrackKind.AUDIO, AUDIO_SID, 1111));
        String answer = SdpWriter.write(o)
                .replace("a=setup:actpass", "a=setup:active")
                .replace(TestDescriptions.FINGERPRINT, CLIENT_FINGERPRINT)
                .replace("a=extmap:2 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n", "")
                .replace("a=ice-lite\r\n", "")
                .replace("a=sendonly", "a=recvonly");
        SubscriberAnswerReader.Accepted accepted = SubscriberAnswerReader.read(o, parse(answer));
        assertThat(accepted.fingerprint().value()).isEqualTo(CLIENT_FINGERPRINT);
        assertThat(accepted.extensions()).containsOnlyKeys(HeaderExtensions.MID, HeaderExtensions.TRANSPORT_WIDE_CC);
    }

    @Test
    void answersThatDoNotMatchTheOfferAreRefused() {
        SessionDescription o = offer(
                1,
                TestDescriptions.track("0", TrackKind.AUDIO, AUDIO_SID, 1111),
                TestDescriptions.track("1", TrackKind.VIDEO, VIDEO_SID, 2222));
        String good = SdpWriter.write(o).replace("a=setup:actpass", "a=setup:active");
        assertThatThrownBy(() -> SubscriberAnswerReader.read(
                        o, parse(good.replace("a=mid:1", "a=mid:7").replace("BUNDLE 0 1", "BUNDLE 0 7"))))
                .hasMessageContaining("mid '7'");
        assertThatThrownBy(() -> SubscriberAnswerReader.read(o, parse(good.substring(0, good.indexOf("m=video")))))
                .hasMessageContaining("1 m-sections but the offer has 2");
        assertThatThrownBy(
                        () -> SubscriberAnswerReader.read(o, parse(good.replace("a=setup:active", "a=setup:passive"))))
                .hasMessageContaining("setup:passive");
        assertThatThrownBy(() -> SubscriberAnswerReader.read(o, parse(good.replace("sha-256 3C:4A", "md5 3C:4A"))))
                .hasMessageContaining("'md5'");
        assertThatThrownBy(() -> SubscriberAnswerReader.read(o, parse(good.replace("sha-256 3C:4A:AA:", "sha-256 "))))
                .hasMessageContaining("32 bytes");
    }
}

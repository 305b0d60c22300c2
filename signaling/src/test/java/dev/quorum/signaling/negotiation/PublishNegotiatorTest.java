package dev.quorum.signaling.negotiation;

import static dev.quorum.signaling.testing.TestDescriptions.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.PublishedMedia;
import dev.quorum.signaling.negotiation.NegotiationException.Kind;
import dev.quorum.signaling.sdp.Extmap;
import dev.quorum.signaling.sdp.MediaDescription;
import dev.quorum.signaling.sdp.SdpWriter;
import dev.quorum.signaling.sdp.SessionDescription;
import dev.quorum.signaling.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PublishNegotiatorTest {

    static final CodecPolicy VP8_ROOM = new CodecPolicy(List.of("VP8"), false);
    static final CodecPolicy H264_ROOM = new CodecPolicy(List.of("H264"), false);
    final PublishNegotiator negotiator = new PublishNegotiator(EngineCapabilities.DEFAULT);

    PublishPlan plan(String fixture, CodecPolicy policy) throws NegotiationException {
        return negotiator.negotiate(parse(Fixtures.text(fixture)), policy, Map.of("0", "microphone", "1", "camera"));
    }

    @Nested
    class ChromeSimulcastOfferInAVp8Room {
        final PublishPlan plan;

        ChromeSimulcastOfferInAVp8Room() throws NegotiationException {
            plan = plan(Fixtures.SIMULCAST_OFFER, VP8_ROOM);
        }

        @Test
        void bothSectionsAreAcceptedAndBundled() {
            assertThat(plan.bundle()).containsExactly("0", "1");
            assertThat(plan.remoteFingerprint().value()).startsWith("FB:F4:B9");
            assertThat(plan.remoteIceUfrag()).isEqualTo("i1aI");
        }

        @Test
        void audioIsOpusWithItsReceiveOptionsNeverRed() {
            PublishPlan.Section a = plan.sections().get(0);
            assertThat(a.codec().payloadType()).isEqualTo(111);
            assertThat(a.codec().fmtp()).isEqualTo("minptime=10;useinbandfec=1");
            assertThat(a.rtx()).isNull();
            assertThat(a.feedback()).containsExactly("transport-cc");
            assertThat(a.extmaps())
                    .extracting(Extmap::uri)
                    .containsExactly(
                            HeaderExtensions.AUDIO_LEVEL,
                            HeaderExtensions.ABS_SEND_TIME,
                            HeaderExtensions.TRANSPORT_WIDE_CC,
                            HeaderExtensions.MID);
        }

        @Test
        void videoIsVp8WithRtxAndOnlyTheExtensionsTheEngineImplements() {
            PublishPlan.Section v = plan.sections().get(1);
            assertThat(v.codec().payloadType()).isEqualTo(96);
            assertThat(v.rtx().payloadType()).isEqualTo(97);
            assertThat(v.feedback()).containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
            assertThat(v.extmaps()).extracting(Extmap::id).containsExactly(2, 13, 3, 4, 10, 11);
            assertThat(v.extmaps())
                    .extracting(Extmap::uri)
                    .doesNotContain(
                            "urn:ietf:params:rtp-hdrext:toffset",
                            "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension");
            assertThat(v.simulcast().recv()).containsExactly("q", "h", "f");
        }

        @Test
        void theEngineIsToldWhatEachSectionPublishes() {
            List<PublishedMedia> media = plan.publications();
            assertThat(media).extracting(PublishedMedia::mid).containsExactly("0", "1");
            PublishedMedia audio = media.get(0);
            assertThat(audio.kind()).isEqualTo(TrackKind.AUDIO);
            assertThat(audio.trackName()).isEqualTo("microphone");
            assertThat(audio.codec().name()).isEqualTo("opus");
            assertThat(audio.codec().channels()).isEqualTo(2);
            assertThat(audio.codec().fmtp()).containsEntry("useinbandfec", "1");
            assertThat(audio.ssrcs()).containsExactly(1207745800L);
            assertThat(audio.headerExtensions()).containsEntry(HeaderExtensions.AUDIO_LEVEL, 1);
            PublishedMedia video = media.get(1);
            assertThat(video.trackName()).isEqualTo("camera");
            assertThat(video.rids()).containsExactly("q", "h", "f");
            assertThat(video.ssrcs()).isEmpty();
            assertThat(video.codec().rtxPayloadType()).isEqualTo(97);
            assertThat(video.headerExtensions())
                    .containsEntry(HeaderExtensions.RID, 10)
                    .containsEntry(HeaderExtensions.REPAIRED_RID, 11)
                    .containsEntry(HeaderExtensions.VIDEO_ORIENTATION, 13);
        }
    }

    @Test
    void singleLayerVideoReportsItsSsrcAndRtxPartner() throws NegotiationException {
        PublishedMedia video =
                plan(Fixtures.SINGLE_LAYER_OFFER, VP8_ROOM).publications().get(1);
        assertThat(video.rids()).isEmpty();
        assertThat(video.ssrcs()).containsExactly(2382707264L);
        assertThat(video.rtxSsrcs()).containsExactly(Map.entry(2382707264L, 709368831L));
    }

    @Test
    void anH264RoomPrefersConstrainedBaselineWithPacketizationModeOne() throws NegotiationException {
        PublishPlan.Section v =
                plan(Fixtures.SIMULCAST_OFFER, H264_ROOM).sections().get(1);
        assertThat(v.codec().payloadType()).isEqualTo(108);
        assertThat(v.codec().parameter("profile-level-id")).isEqualTo("42e01f");
        assertThat(v.codec().parameter("packetization-mode")).isEqualTo("1");
        assertThat(v.rtx().payloadType()).isEqualTo(109);
    }

    @Test
    void withoutConstrainedBaselineAnH264RoomTakesAnotherModeOneProfileButNeverModeZero() throws NegotiationException {
        SessionDescription offer =
                edit(Fixtures.SIMULCAST_OFFER, "1", m -> withCodecs(m, 102, 103, 104, 107, 116, 117));
        assertThat(negotiator
                        .negotiate(offer, H264_ROOM, Map.of())
                        .sections()
                        .get(1)
                        .codec()
                        .payloadType())
                .isEqualTo(102);
        SessionDescription modeZeroOnly = edit(Fixtures.SIMULCAST_OFFER, "1", m -> withCodecs(m, 104, 107));
        PublishPlan plan = negotiator.negotiate(modeZeroOnly, H264_ROOM, Map.of());
        assertThat(plan.sections().get(1).accepted()).isFalse();
        assertThat(plan.sections().get(1).reason()).contains("no codec").contains("H264");
    }

    @Test
    void aVp9RoomTakesProfileZero() throws NegotiationException {
        PublishPlan.Section v = plan(Fixtures.SIMULCAST_OFFER, new CodecPolicy(List.of("VP9"), false))
                .sections()
                .get(1);
        assertThat(v.codec().payloadType()).isEqualTo(98);
        assertThat(v.rtx().payloadType()).isEqualTo(99);
    }

    @Test
    void theRoomsPreferenceOrderDecidesBetweenOfferedCodecs() throws NegotiationException {
        assertThat(plan(Fixtures.SIMULCAST_OFFER, new CodecPolicy(List.of("H264", "VP8"), false))
                        .sections()
                        .get(1)
                        .codec()
                        .is("H264"))
                .isTrue();
        SessionDescription noH264 = edit(Fixtures.SIMULCAST_OFFER, "1", m -> withCodecs(m, 96, 97, 98, 99));
        assertThat(negotiator
                        .negotiate(noH264, new CodecPolicy(List.of("H264", "VP8"), false), Map.of())
                        .sections()
                        .get(1)
                        .codec()
                        .is("VP8"))
                .isTrue();
    }

    @Test
    void anAudioOnlyRoomRefusesVideoWithPortZero() throws NegotiationException {
        PublishPlan plan = plan(Fixtures.SIMULCAST_OFFER, new CodecPolicy(List.of("VP8"), true));
        assertThat(plan.bundle()).containsExactly("0");
        assertThat(plan.rejected()).singleElement().satisfies(r -> {
            assertThat(r.offered().mid()).isEqualTo("1");
            assertThat(r.reason()).contains("audio-only");
        });
        assertThat(plan.publications()).extracting(PublishedMedia::mid).containsExactly("0");
    }

    @Test
    void anOfferWithNoUsableCodecAnywhereFailsNamingWhatWasOffered() {
        SessionDescription offer = edit(Fixtures.SIMULCAST_OFFER, "0", m -> withCodecs(m, 63, 9, 0));
        SessionDescription both = editModel(offer, "1", m -> withCodecs(m, 104, 107, 120));
        assertThatThrownBy(() -> negotiator.negotiate(both, VP8_ROOM, Map.of()))
                .isInstanceOf(NegotiationException.class)
                .satisfies(e -> assertThat(((NegotiationException) e).kind()).isEqualTo(Kind.NO_USABLE_CODEC))
                .hasMessageContaining("offered red, G722, PCMU")
                .hasMessageContaining("allows VP8");
    }

    @Test
    void inactiveSectionsStayNegotiatedButPublishNothing() throws NegotiationException {
        SessionDescription offer = edit(
                Fixtures.SIMULCAST_OFFER,
                "1",
                m -> m.toBuilder()
                        .direction(dev.quorum.signaling.sdp.Direction.INACTIVE)
                        .build());
        PublishPlan plan = negotiator.negotiate(offer, VP8_ROOM, Map.of());
        assertThat(plan.bundle()).containsExactly("0", "1");
        assertThat(plan.publications()).extracting(PublishedMedia::mid).containsExactly("0");
    }

    @Test
    void stoppedAndDataSectionsAreRefused() throws NegotiationException {
        SessionDescription offer =
                edit(Fixtures.SIMULCAST_OFFER, "1", m -> m.toBuilder().port(0).build());
        assertThat(negotiator.negotiate(offer, VP8_ROOM, Map.of()).rejected())
                .extracting(r -> r.offered().mid())
                .containsExactly("1");
        String withData = Fixtures.text(Fixtures.AUDIO_OFFER).replace("a=group:BUNDLE 0", "a=group:BUNDLE 0 2")
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\n"
                + "a=sctp-port:5000\r\n";
        PublishPlan plan = negotiator.negotiate(parse(withData), VP8_ROOM, Map.of());
        assertThat(plan.bundle()).containsExactly("0");
        assertThat(plan.rejected())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("audio and video"));
    }

    @Test
    void offersBreakingTransportRulesAreRefusedWithTheRuleNamed() {
        String base = Fixtures.text(Fixtures.SIMULCAST_OFFER);
        assertRefused(base.replace("a=group:BUNDLE 0 1\r\n", ""), "BUNDLE");
        assertRefused(base.replaceAll("a=fingerprint:[^\r]*\r\n", ""), "fingerprint");
        assertRefused(base.replaceAll("a=ice-pwd:[^\r]*\r\n", ""), "ice-pwd");
        assertRefused(base.replace("a=setup:actpass", "a=setup:passive"), "setup:passive");
        assertRefused(base.replace("a=fingerprint:sha-256", "a=fingerprint:md5"), "'md5'");
        assertRefused(base.replace("a=fingerprint:sha-256 FB:F4:", "a=fingerprint:sha-256 "), "32 bytes");
        assertRefused(base.replace("a=rtcp-mux\r\n", ""), "rtcp-mux");
        assertRefused(base.replace("a=mid:1\r\n", "").replace("BUNDLE 0 1", "BUNDLE 0"), "a=mid");
    }

    private void assertRefused(String offer, String mentions) {
        assertThatThrownBy(() -> negotiator.negotiate(parse(offer), VP8_ROOM, Map.of()))
                .isInstanceOf(NegotiationException.class)
                .hasMessageContaining(mentions)
                .satisfies(e -> assertThat(((NegotiationException) e).kind()).isEqualTo(Kind.UNSUPPORTED_OFFER));
    }

    static SessionDescription edit(String fixture, String mid, UnaryOperator<MediaDescription> change) {
        return editModel(parse(Fixtures.text(fixture)), mid, change);
    }

    static SessionDescription editModel(SessionDescription d, String mid, UnaryOperator<MediaDescription> change) {
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : d.media()) {
            media.add(mid.equals(m.mid()) ? change.apply(m) : m);
        }
        SessionDescription edited = new SessionDescription(
                d.origin(),
                d.sessionName(),
                d.bundle(),
                d.iceLite(),
                d.extmapAllowMixed(),
                d.iceUfrag(),
                d.icePwd(),
                d.iceOptions(),
                d.fingerprint(),
                d.setup(),
                d.otherAttributes(),
                media);
        return parse(SdpWriter.write(edited));
    }

    static MediaDescription withCodecs(MediaDescription m, Integer... payloadTypes) {
        return m.toBuilder()
                .codecs(List.of(payloadTypes).stream().map(m::codec).toList())
                .build();
    }
}

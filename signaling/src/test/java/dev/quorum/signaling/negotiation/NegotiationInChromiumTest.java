package dev.quorum.signaling.negotiation;

import static dev.quorum.signaling.testing.TestDescriptions.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.OutgoingTrack;
import dev.quorum.sfu.room.SubscriberOffer;
import dev.quorum.signaling.sdp.SdpParser;
import dev.quorum.signaling.sdp.SdpWriter;
import dev.quorum.signaling.sdp.SessionDescription;
import dev.quorum.signaling.sdp.Setup;
import dev.quorum.signaling.testing.BrowserOffers;
import dev.quorum.signaling.testing.Chromium;
import dev.quorum.signaling.testing.StaticPageServer;
import dev.quorum.signaling.testing.TestDescriptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The installed Chromium is the judge: offers it creates right now are parsed and answered, and
 * the answers and the server's subscriber offers must be accepted by its setRemoteDescription.
 */
@Tag("slow")
class NegotiationInChromiumTest {

    static StaticPageServer page;
    static Chromium chromium;
    final PublishNegotiator negotiator = new PublishNegotiator(EngineCapabilities.DEFAULT);

    @BeforeAll
    static void start() throws Exception {
        page = new StaticPageServer("<!doctype html><title>negotiation</title>");
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        chromium.close();
        page.close();
    }

    @BeforeEach
    void freshPage() {
        chromium.open(page.url());
    }

    String answerTo(String offerText, CodecPolicy policy) throws Exception {
        SessionDescription offer = SdpParser.parse(offerText);
        // Round trip what the browser sent through our model first: nothing may be lost.
        assertThat(SdpParser.parse(SdpWriter.write(offer))).isEqualTo(offer);
        assertThat(sortedLines(SdpWriter.write(offer))).isEqualTo(sortedLines(offerText));
        PublishPlan plan = negotiator.negotiate(offer, policy, Map.of());
        return SdpWriter.write(PublishAnswerWriter.write(plan, TestDescriptions.transport(), "42", 1));
    }

    static List<String> sortedLines(String sdp) {
        return java.util.Arrays.stream(sdp.split("\r\n"))
                .filter(l -> !l.isEmpty())
                .sorted()
                .toList();
    }

    @Test
    void chromiumAcceptsTheAnswerToItsSimulcastOfferAndKeepsThreeLayers() throws Exception {
        String offer = (String) chromium.await(BrowserOffers.SIMULCAST);
        assertThat(chromium.await(BrowserOffers.APPLY_ANSWER, answerTo(offer, PublishNegotiatorTest.VP8_ROOM)))
                .isEqualTo("stable");
        assertThat(chromium.run("return window.__pc.getTransceivers().map(t => t.currentDirection)"))
                .isEqualTo(List.of("sendonly", "sendonly"));
        assertThat(chromium.run(
                        "return window.__pc.getTransceivers()[1].sender.getParameters().encodings.map(e => e.rid)"))
                .isEqualTo(List.of("q", "h", "f"));
        assertThat(chromium.run(
                        "return window.__pc.getTransceivers()[1].sender.getParameters().codecs.map(c => c.mimeType)"))
                .isEqualTo(List.of("video/VP8", "video/rtx"));
    }

    @Test
    void chromiumAcceptsAnH264Answer() throws Exception {
        String offer = (String) chromium.await(BrowserOffers.SIMULCAST);
        chromium.await(BrowserOffers.APPLY_ANSWER, answerTo(offer, PublishNegotiatorTest.H264_ROOM));
        assertThat(chromium.run("return window.__pc.getTransceivers()[1].sender.getParameters().codecs[0].sdpFmtpLine"))
                .asString()
                .contains("profile-level-id=42e01f")
                .contains("packetization-mode=1");
    }

    @Test
    void chromiumStopsTheVideoTransceiverAnAudioOnlyRoomRefused() throws Exception {
        String offer = (String) chromium.await(BrowserOffers.SINGLE_LAYER);
        assertThat(chromium.await(BrowserOffers.APPLY_ANSWER, answerTo(offer, new CodecPolicy(List.of("VP8"), true))))
                .isEqualTo("stable");
        // A transceiver whose section the answer rejected is stopped and leaves the list.
        assertThat(chromium.run("return window.__pc.getTransceivers().map(t => t.mid + ':' + t.currentDirection)"))
                .isEqualTo(List.of("0:sendonly"));
    }

    @Test
    void chromiumAnswersTheSubscriberOfferAsDtlsClientAndRecyclesVacantSections() throws Exception {
        OutgoingTrack audio = TestDescriptions.track("0", TrackKind.AUDIO, SubscriberOfferWriterTest.AUDIO_SID, 1111);
        OutgoingTrack video = TestDescriptions.track("1", TrackKind.VIDEO, SubscriberOfferWriterTest.VIDEO_SID, 2222);
        SessionDescription first = SubscriberOfferWriter.write(
                new SubscriberOffer(1, List.of(audio, video)), TestDescriptions.transport(), "77");
        String answerText = (String) chromium.await(BrowserOffers.ANSWER_REMOTE_OFFER, SdpWriter.write(first));
        SessionDescription answer = parse(answerText);
        assertThat(sortedLines(SdpWriter.write(answer))).isEqualTo(sortedLines(answerText));
        assertThat(answer.media()).allSatisfy(m -> assertThat(answer.setupOf(m)).isEqualTo(Setup.ACTIVE));
        SubscriberAnswerReader.Accepted accepted = SubscriberAnswerReader.read(first, answer);
        assertThat(accepted.fingerprint()).isNotNull();
        assertThat(accepted.extensions())
                .containsKeys(
                        HeaderExtensions.MID,
                        HeaderExtensions.TRANSPORT_WIDE_CC,
                        HeaderExtensions.AUDIO_LEVEL,
                        HeaderExtensions.VIDEO_ORIENTATION);
        assertThat(chromium.run("return window.__sub.getReceivers().map(r => r.track.kind)"))
                .isEqualTo(List.of("audio", "video"));
        assertThat(chromium.run("return window.__sub.getTransceivers().map(t => t.mid)"))
                .isEqualTo(List.of("0", "1"));

        // The audio track goes away (section vacant), then another participant's audio reuses it.
        OutgoingTrack vacant = new OutgoingTrack(
                "0",
                false,
                audio.trackSid(),
                audio.participantSid(),
                audio.identity(),
                audio.trackName(),
                audio.kind(),
                audio.codec(),
                audio.ssrc(),
                0,
                audio.cname(),
                audio.streamId(),
                audio.headerExtensions());
        SessionDescription second = SubscriberOfferWriter.write(
                new SubscriberOffer(2, List.of(vacant, video)), TestDescriptions.transport(), "77");
        chromium.await(BrowserOffers.ANSWER_REMOTE_OFFER, SdpWriter.write(second));
        assertThat(chromium.run("return window.__sub.getTransceivers().map(t => t.currentDirection)"))
                .isEqualTo(List.of("inactive", "recvonly"));
        OutgoingTrack bob = new OutgoingTrack(
                "0",
                true,
                "MT00000000000000000000000000000c01",
                "PA00000000000000000000000000000002",
                "bob",
                "microphone",
                TrackKind.AUDIO,
                audio.codec(),
                3333,
                0,
                "bob-cname",
                "PA00000000000000000000000000000002",
                audio.headerExtensions());
        SessionDescription third = SubscriberOfferWriter.write(
                new SubscriberOffer(3, List.of(bob, video)), TestDescriptions.transport(), "77");
        chromium.await(BrowserOffers.ANSWER_REMOTE_OFFER, SdpWriter.write(third));
        assertThat(chromium.run("return window.__sub.getTransceivers().map(t => t.currentDirection)"))
                .isEqualTo(List.of("recvonly", "recvonly"));
        assertThat(chromium.run("return window.__sub.getTransceivers().map(t => t.mid)"))
                .isEqualTo(List.of("0", "1"));
    }
}

package dev.quorum.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.DisconnectReason;
import dev.quorum.sfu.room.OutgoingTrack;
import dev.quorum.signaling.negotiation.HeaderExtensions;
import dev.quorum.signaling.protocol.CloseCodes;
import dev.quorum.signaling.sdp.SdpParseException;
import dev.quorum.signaling.sdp.SdpParser;
import dev.quorum.signaling.sdp.SessionDescription;
import dev.quorum.signaling.testing.FakeParticipant;
import dev.quorum.signaling.testing.Fixtures;
import dev.quorum.signaling.testing.TestDescriptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ParticipantSessionTest extends SignalingTestBase {

    final Client alice = new Client().join("alice", "daily");
    final FakeParticipant engine = rooms.last();

    Client publish(Client c, String sdp) {
        return c.send(msg("publish")
                .put("id", "pub")
                .put("sdp", sdp)
                .set(
                        "trackNames",
                        JSON.createObjectNode().put("0", "microphone").put("1", "camera")));
    }

    static SessionDescription sdp(JsonNode message) throws SdpParseException {
        return SdpParser.parse(message.path("sdp").asText());
    }

    @Nested
    class Publishing {

        @Test
        void anOfferIsAnsweredWithTheTracksTheEngineCreated() throws SdpParseException {
            publish(alice, Fixtures.text(Fixtures.SIMULCAST_OFFER));
            JsonNode answer = alice.socket.last("publishAnswer");
            assertThat(answer.path("re").asText()).isEqualTo("pub");
            SessionDescription sdp = sdp(answer);
            assertThat(sdp.iceLite()).isTrue();
            assertThat(sdp.bundle()).containsExactly("0", "1");
            assertThat(answer.path("tracks")).hasSize(2);
            assertThat(answer.path("tracks").get(1).path("mid").asText()).isEqualTo("1");
            assertThat(answer.path("tracks").get(1).path("name").asText()).isEqualTo("camera");
            assertThat(answer.path("tracks").get(1).path("kind").asText()).isEqualTo("video");
            assertThat(answer.path("tracks").get(1).path("sid").asText()).startsWith("MT");
            assertThat(engine.publications.get(1).rids()).containsExactly("q", "h", "f");
            assertThat(engine.calls)
                    .contains("publisherTransport sha-256 "
                            + sdp(JSON.createObjectNode().put("sdp", Fixtures.text(Fixtures.SIMULCAST_OFFER)))
                                    .media()
                                    .get(0)
                                    .fingerprint()
                                    .value());
        }

        @Test
        void tracksArePairedWithTheirSectionsByTheEnginesMidsWhenOneIsRefused() {
            engine.refusedMids = java.util.Set.of("0");
            alice.send(msg("publish").put("id", "pub").put("sdp", Fixtures.text(Fixtures.SIMULCAST_OFFER)));
            JsonNode tracks = alice.socket.last("publishAnswer").path("tracks");
            assertThat(tracks).hasSize(1);
            assertThat(tracks.get(0).path("mid").asText()).isEqualTo("1");
            assertThat(tracks.get(0).path("kind").asText()).isEqualTo("video");
        }

        @Test
        void laterOffersReuseTheTransportUnlessIceRestarts() throws SdpParseException {
            String offer = Fixtures.text(Fixtures.SIMULCAST_OFFER);
            publish(alice, offer);
            publish(alice, offer.replace("o=- 4367198886996728976 2", "o=- 4367198886996728976 3"));
            assertThat(engine.calls.stream().filter(c -> c.startsWith("publisherTransport")))
                    .hasSize(1);
            List<JsonNode> answers = alice.socket.ofType("publishAnswer");
            assertThat(sdp(answers.get(1)).origin().sessionVersion())
                    .isEqualTo(sdp(answers.get(0)).origin().sessionVersion() + 1);
            assertThat(sdp(answers.get(1)).origin().sessionId())
                    .isEqualTo(sdp(answers.get(0)).origin().sessionId());
            publish(alice, offer.replace("a=ice-ufrag:i1aI", "a=ice-ufrag:nEw1"));
            assertThat(engine.calls.stream().filter(c -> c.startsWith("publisherTransport")))
                    .hasSize(2);
        }

        @Test
        void aBrokenSdpIsReportedWithItsLineAndTheSessionGoesOn() {
            publish(
                    alice,
                    Fixtures.text(Fixtures.AUDIO_OFFER).replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 opus"));
            JsonNode error = alice.socket.last("error");
            assertThat(error.path("code").asInt()).isEqualTo(53403);
            assertThat(error.path("name").asText()).isEqualTo("invalid_sdp");
            assertThat(error.path("line").asInt()).isEqualTo(26);
            assertThat(error.path("re").path("type").asText()).isEqualTo("publish");
            assertThat(alice.socket.open()).isTrue();
            publish(alice, Fixtures.text(Fixtures.AUDIO_OFFER));
            assertThat(alice.socket.ofType("publishAnswer")).hasSize(1);
        }

        @Test
        void anOfferWithoutUsableCodecGets53404AndNoAnswer() {
            String h264Only = Fixtures.text(Fixtures.SIMULCAST_OFFER)
                    .replaceAll("m=audio 9 UDP/TLS/RTP/SAVPF [0-9 ]+", "m=audio 9 UDP/TLS/RTP/SAVPF 0")
                    .replaceAll("a=(rtpmap|fmtp|rtcp-fb):(111|63|9|8|13|110|126) [^\r]*\r\n", "")
                    .replaceAll("m=video 9 UDP/TLS/RTP/SAVPF [0-9 ]+", "m=video 9 UDP/TLS/RTP/SAVPF 104 107")
                    .replaceAll(
                            "a=(rtpmap|fmtp|rtcp-fb):(96|97|102|103|108|109|114|115|116|117|39|40|45|46|98|99|100|101|118|119|120) [^\r]*\r\n",
                            "");
            publish(alice, h264Only);
            JsonNode error = alice.socket.last("error");
            assertThat(error.path("code").asInt()).isEqualTo(53404);
            assertThat(error.path("message").asText()).contains("H264").contains("allows VP8");
            assertThat(alice.socket.ofType("publishAnswer")).isEmpty();
            assertThat(engine.calls).noneMatch(c -> c.startsWith("updatePublications"));
        }

        @Test
        void malformedAndUnknownMessagesAfterJoiningAreReportedWithoutClosing() {
            alice.send("{\"type\":\"publish\"")
                    .send(msg("publish").put("sdp", 5))
                    .send(msg("teleport"));
            List<JsonNode> errors = alice.socket.ofType("error");
            assertThat(errors).extracting(e -> e.path("code").asInt()).containsExactly(53004, 53004, 53005);
            assertThat(errors.get(1).path("message").asText()).contains("'sdp' must be a string");
            assertThat(alice.socket.open()).isTrue();
        }

        @Test
        void muteAndVideoPreferencesReachTheEngine() {
            alice.send(msg("setTrackEnabled").put("track", "1").put("enabled", false));
            alice.send(msg("setVideoPreference")
                    .put("track", "MT1")
                    .put("maxWidth", 320)
                    .put("maxHeight", 180));
            assertThat(engine.calls).contains("setTrackEnabled 1 false", "setVideoPreference MT1 320x180");
        }

        @Test
        void qualityReportsReachTheEngineForTheParticipantsOwnMeters() {
            alice.send(msg("quality")
                    .put("framesDecoded", 290)
                    .put("freezes", 2)
                    .put("frozenMs", 640)
                    .put("audioSamples", 480_000)
                    .put("concealedSamples", 1200));
            assertThat(engine.calls).contains("reportQuality 290 2 640 480000 1200");
        }
    }

    @Nested
    class Subscribing {

        OutgoingTrack bobAudio = TestDescriptions.track("0", TrackKind.AUDIO, "MT000000000000000000000000000000b1", 11);
        OutgoingTrack bobVideo = TestDescriptions.track("1", TrackKind.VIDEO, "MT000000000000000000000000000000b2", 22);

        String answerTo(JsonNode offer) {
            return offer.path("sdp")
                    .asText()
                    .replace("a=setup:actpass", "a=setup:active")
                    .replace("a=sendonly", "a=recvonly")
                    .replace("a=ice-lite\r\n", "");
        }

        @Test
        void theFirstOfferFollowsTheFirstTracksAndTheAnswerReachesTheEngine() throws SdpParseException {
            assertThat(alice.socket.ofType("offer")).isEmpty();
            engine.sections = List.of(bobAudio, bobVideo);
            engine.listener.onSubscriptionsChanged();
            JsonNode offer = alice.socket.last("offer");
            assertThat(offer.path("version").asLong()).isEqualTo(2);
            assertThat(sdp(offer).media()).hasSize(2);
            assertThat(offer.path("tracks").get(1).path("trackSid").asText()).isEqualTo(bobVideo.trackSid());
            assertThat(offer.path("tracks").get(1).path("identity").asText()).isEqualTo("alice");
            alice.send(msg("answer").put("version", 2).put("sdp", answerTo(offer)));
            assertThat(engine.answeredVersion).isEqualTo(2);
            assertThat(engine.answeredExtensions).containsKey(HeaderExtensions.MID);
        }

        @Test
        void noSubscriberTransportIsMadeWhileThereIsNothingToOffer() {
            engine.listener.onSubscriptionsChanged();
            assertThat(engine.calls).doesNotContain("subscriberTransport false");
            engine.sections = List.of(bobAudio);
            engine.listener.onSubscriptionsChanged();
            assertThat(engine.calls).containsOnlyOnce("subscriberTransport false");
            assertThat(alice.socket.ofType("offer")).hasSize(1);
        }

        @Test
        void changesWhileAnOfferIsOutstandingAreOfferedAfterTheAnswer() {
            engine.sections = List.of(bobAudio);
            engine.listener.onSubscriptionsChanged();
            engine.sections = List.of(bobAudio, bobVideo);
            engine.listener.onSubscriptionsChanged();
            engine.listener.onSubscriptionsChanged();
            assertThat(alice.socket.ofType("offer")).hasSize(1);
            JsonNode first = alice.socket.last("offer");
            alice.send(
                    msg("answer").put("version", first.path("version").asLong()).put("sdp", answerTo(first)));
            List<JsonNode> offers = alice.socket.ofType("offer");
            assertThat(offers).hasSize(2);
            assertThat(offers.get(1).path("tracks")).hasSize(2);
            assertThat(offers.get(1).path("version").asLong())
                    .isGreaterThan(first.path("version").asLong());
        }

        @Test
        void anAnswerToNoOutstandingOfferIsRefused() {
            alice.send(msg("answer").put("version", 9).put("sdp", "v=0"));
            assertThat(alice.socket.last("error").path("code").asInt()).isEqualTo(53006);
            assertThat(alice.socket.last("error").path("message").asText()).contains("version 9");
        }

        @Test
        void aBrokenAnswerIsReportedAndAFreshOfferFollows() {
            engine.sections = List.of(bobAudio);
            engine.listener.onSubscriptionsChanged();
            long v = alice.socket.last("offer").path("version").asLong();
            alice.send(msg("answer").put("version", v).put("sdp", "v=0\r\nbogus\r\n"));
            assertThat(alice.socket.last("error").path("code").asInt()).isEqualTo(53403);
            assertThat(alice.socket.last("offer").path("version").asLong()).isGreaterThan(v);
        }
    }

    @Nested
    class RoomEvents {

        final ParticipantInfo bob = new ParticipantInfo(
                "PA000000000000000000000000000000b0",
                "RM1",
                "AC1",
                "bob",
                ParticipantInfo.CONNECTED,
                Instant.EPOCH,
                null);
        final TrackInfo bobCamera = new TrackInfo(
                "MT000000000000000000000000000000b2",
                bob.sid(),
                "RM1",
                "camera",
                TrackKind.VIDEO,
                true,
                "VP8",
                Instant.EPOCH);

        @Test
        void eventsBecomeMessagesInOrder() {
            engine.listener.onParticipantConnected(bob, List.of());
            engine.listener.onTrackPublished(bob, bobCamera);
            engine.listener.onDominantSpeakerChanged(bob.sid());
            engine.listener.onTrackUnpublished(bob, bobCamera);
            engine.listener.onParticipantDisconnected(bob);
            assertThat(alice.socket.sent)
                    .extracting(m -> m.path("type").asText())
                    .containsSubsequence(
                            "joined",
                            "participantConnected",
                            "trackPublished",
                            "dominantSpeaker",
                            "trackUnpublished",
                            "participantDisconnected");
            assertThat(alice.socket
                            .last("trackPublished")
                            .path("track")
                            .path("name")
                            .asText())
                    .isEqualTo("camera");
            assertThat(alice.socket
                            .last("dominantSpeaker")
                            .path("participantSid")
                            .asText())
                    .isEqualTo(bob.sid());
        }

        @Test
        void beingReplacedByTheSameIdentityClosesWith4409() {
            engine.listener.onDisconnected(DisconnectReason.DUPLICATE_IDENTITY, "joined from another connection");
            assertThat(alice.socket.last("disconnected").path("code").asInt()).isEqualTo(53205);
            assertThat(alice.socket.closeCode).isEqualTo(CloseCodes.REPLACED);
            assertThat(signaling.sessions()).isZero();
        }

        @Test
        void beingRemovedClosesWith4410() {
            engine.listener.onDisconnected(DisconnectReason.ROOM_COMPLETED, "room completed");
            assertThat(alice.socket.closeCode).isEqualTo(CloseCodes.DISCONNECTED);
            assertThat(alice.socket.closeReason).isEqualTo("53118 room completed");
        }

        @Test
        void aClientThatClosedItsPeerConnectionIsClosedNormallyWithoutAnError() {
            engine.listener.onLeft("the client closed its publisher connection");
            assertThat(alice.socket.closeCode).isEqualTo(CloseCodes.NORMAL);
            assertThat(alice.socket.ofType("disconnected")).isEmpty();
            assertThat(alice.socket.ofType("error")).isEmpty();
            assertThat(signaling.sessions()).isZero();
        }

        @Test
        void leavingReleasesTheParticipantAndClosesNormally() {
            alice.send(msg("leave"));
            assertThat(engine.leftWith).isEqualTo("left");
            assertThat(alice.socket.closeCode).isEqualTo(CloseCodes.NORMAL);
            assertThat(signaling.sessions()).isZero();
        }
    }

    @Nested
    class Resuming {

        final ParticipantInfo bob = new ParticipantInfo(
                "PA000000000000000000000000000000b0",
                "RM1",
                "AC1",
                "bob",
                ParticipantInfo.CONNECTED,
                Instant.EPOCH,
                null);

        Client resume(String identity, String resumeToken) {
            return new Client()
                    .send(msg("resume")
                            .put("token", minter.mint(identity, null, Duration.ofHours(1)))
                            .put("participantSid", engine.sid)
                            .put("resumeToken", resumeToken));
        }

        String resumeToken() {
            return alice.socket.last("joined").path("resumeToken").asText();
        }

        @Test
        void aDroppedSocketResumesAndGetsWhatHappenedMeanwhile() {
            engine.sections =
                    List.of(TestDescriptions.track("0", TrackKind.AUDIO, "MT000000000000000000000000000000b1", 1));
            engine.listener.onSubscriptionsChanged();
            long firstOffer = alice.socket.last("offer").path("version").asLong();
            alice.drop();
            engine.listener.onParticipantConnected(bob, List.of());
            scheduler.advance(Duration.ofSeconds(5));
            Client again = resume("alice", resumeToken());
            assertThat(again.socket.sent)
                    .extracting(m -> m.path("type").asText())
                    .containsExactly("resumed", "participantConnected", "offer");
            assertThat(again.socket
                            .last("resumed")
                            .path("participant")
                            .path("sid")
                            .asText())
                    .isEqualTo(engine.sid);
            assertThat(again.socket.last("offer").path("version").asLong()).isGreaterThan(firstOffer);
            scheduler.advance(Duration.ofMinutes(1));
            assertThat(engine.leftWith).isNull();
            again.send(msg("ping"));
            assertThat(again.socket.ofType("pong")).hasSize(1);
        }

        @Test
        void changesWhileAwayBecomeOneFreshOfferOnResume() {
            engine.sections =
                    List.of(TestDescriptions.track("0", TrackKind.AUDIO, "MT000000000000000000000000000000b1", 1));
            engine.listener.onSubscriptionsChanged();
            JsonNode first = alice.socket.last("offer");
            alice.send(msg("answer")
                    .put("version", first.path("version").asLong())
                    .put("sdp", first.path("sdp").asText().replace("a=setup:actpass", "a=setup:active")));
            alice.drop();
            engine.sections = List.of(
                    TestDescriptions.track("0", TrackKind.AUDIO, "MT000000000000000000000000000000b1", 1),
                    TestDescriptions.track("1", TrackKind.VIDEO, "MT000000000000000000000000000000b2", 2));
            engine.listener.onSubscriptionsChanged();
            engine.listener.onSubscriptionsChanged();
            Client again = resume("alice", resumeToken());
            assertThat(again.socket.ofType("offer")).hasSize(1);
            assertThat(again.socket.last("offer").path("tracks")).hasSize(2);
        }

        @Test
        void anOfferOutstandingWhenTheSocketDroppedIsReplacedNotRepeated() {
            engine.sections =
                    List.of(TestDescriptions.track("0", TrackKind.AUDIO, "MT000000000000000000000000000000b1", 1));
            engine.listener.onSubscriptionsChanged();
            long before = alice.socket.last("offer").path("version").asLong();
            alice.drop();
            Client again = resume("alice", resumeToken());
            assertThat(again.socket.ofType("offer"))
                    .singleElement()
                    .satisfies(o -> assertThat(o.path("version").asLong()).isGreaterThan(before));
            again.send(msg("answer").put("version", before).put("sdp", "v=0"));
            assertThat(again.socket.last("error").path("code").asInt()).isEqualTo(53006);
        }

        @Test
        void withoutResumeTheParticipantLeavesAfterTheWindow() {
            alice.drop();
            scheduler.advance(Duration.ofSeconds(19));
            assertThat(engine.leftWith).isNull();
            scheduler.advance(Duration.ofSeconds(2));
            assertThat(engine.leftWith).isEqualTo("signaling connection lost");
            Client late = resume("alice", resumeToken());
            assertThat(late.socket.last("error").path("code").asInt()).isEqualTo(53003);
            assertThat(late.socket.open()).isTrue();
            late.send(msg("join")
                    .put("token", minter.mint("alice", null, Duration.ofHours(1)))
                    .put("room", "daily"));
            assertThat(late.socket.ofType("joined")).hasSize(1);
        }

        @Test
        void aPageClosedWithoutLeaveLeavesAtOnce() {
            alice.closeWith(1001);
            assertThat(engine.leftWith).isEqualTo("the client closed the signaling connection");
            assertThat(signaling.sessions()).isZero();
            Client late = resume("alice", resumeToken());
            assertThat(late.socket.last("error").path("code").asInt()).isEqualTo(53003);
        }

        @Test
        void aNormalCloseWithoutLeaveLeavesAtOnceButAnAbnormalOneWaitsForAResume() {
            alice.closeWith(4000);
            assertThat(engine.leftWith).isNull();
            Client again = resume("alice", resumeToken());
            assertThat(again.socket.ofType("resumed")).hasSize(1);
            again.closeWith(1000);
            assertThat(engine.leftWith).isEqualTo("the client closed the signaling connection");
        }

        @Test
        void aWrongResumeTokenOrIdentityCannotTakeTheSessionOver() {
            alice.drop();
            assertThat(resume("alice", "0".repeat(32))
                            .socket
                            .last("error")
                            .path("code")
                            .asInt())
                    .isEqualTo(53003);
            assertThat(resume("mallory", resumeToken())
                            .socket
                            .last("error")
                            .path("code")
                            .asInt())
                    .isEqualTo(53003);
            assertThat(resume("alice", resumeToken()).socket.ofType("resumed")).hasSize(1);
        }

        @Test
        void resumingWhileTheOldSocketSeemsAliveReplacesIt() {
            Client again = resume("alice", resumeToken());
            assertThat(again.socket.ofType("resumed")).hasSize(1);
            assertThat(alice.socket.closeCode).isEqualTo(CloseCodes.REPLACED);
            alice.drop();
            scheduler.advance(Duration.ofMinutes(1));
            assertThat(engine.leftWith).isNull();
        }
    }
}

package dev.quorum.sfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.event.ParticipantEvent;
import dev.quorum.sfu.event.RoomEvent;
import dev.quorum.sfu.event.TrackEvent;
import dev.quorum.sfu.transport.TransportDescription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RoomsTest {

    private EngineHarness h = new EngineHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static RoomSettings settings(
            int maxParticipants, Duration empty, Duration unused, Duration maxDuration, boolean audioOnly) {
        return new RoomSettings(
                "group",
                null,
                "POST",
                maxParticipants,
                maxDuration,
                empty,
                unused,
                List.of("VP8"),
                false,
                List.of(),
                audioOnly,
                "us1",
                false);
    }

    private static RoomException failure(Throwable t) {
        Throwable c = t instanceof ExecutionException || t instanceof CompletionException ? t.getCause() : t;
        assertThat(c).isInstanceOf(RoomException.class);
        return (RoomException) c;
    }

    @Nested
    class Joining {

        @Test
        void firstJoinCreatesAnAdHocRoomAndEveryoneHearsAboutEveryone() {
            RecordingListener alice = new RecordingListener();
            RecordingListener bob = new RecordingListener();
            Participant a = h.join("daily", "alice", alice);
            Participant b = h.join("daily", "bob", bob);

            assertThat(a.room().uniqueName()).isEqualTo("daily");
            assertThat(b.room().sid()).isEqualTo(a.room().sid());
            assertThat(alice.calls).containsExactly("connected bob tracks=0");
            assertThat(bob.calls).containsExactly("connected alice tracks=0");
            h.awaitEvent(ParticipantEvent.CONNECTED, 2);
            assertThat(h.registry
                            .get("quorum.sfu.room.participants")
                            .tag("room", a.room().sid())
                            .gauge()
                            .value())
                    .isEqualTo(2);
            assertThat(h.registry.get("quorum.sfu.participants").gauge().value())
                    .isEqualTo(2);
            assertThat(h.eventNames()).startsWith(RoomEvent.CREATED);
            assertThat(h.rooms.participants(EngineHarness.ACCOUNT, a.room().sid()))
                    .extracting(ParticipantInfo::identity)
                    .containsExactly("alice", "bob");
        }

        @Test
        void aFullRoomRefusesWith53105() {
            h.rooms.close();
            h = new EngineHarness(
                    RoomsConfig.defaults(),
                    acc -> settings(2, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(4), false));
            h.join("r", "a", new RecordingListener());
            h.join("r", "b", new RecordingListener());

            assertThatThrownBy(() -> h.rooms
                            .join(EngineHarness.ACCOUNT, "r", "c", new RecordingListener())
                            .toCompletableFuture()
                            .get(5, TimeUnit.SECONDS))
                    .satisfies(t -> assertThat(failure(t).code()).isEqualTo(53105));
            // The same identity again replaces, so it is not refused.
            h.join("r", "b", new RecordingListener());
        }

        @Test
        void aSecondJoinWithTheSameIdentityReplacesTheFirst() {
            RecordingListener first = new RecordingListener();
            RecordingListener other = new RecordingListener();
            Participant p1 = h.join("r", "alice", first);
            h.join("r", "bob", other);
            Participant p2 = h.join("r", "alice", new RecordingListener());

            assertThat(first.disconnectCode).isEqualTo(DisconnectReason.DUPLICATE_IDENTITY);
            assertThat(p1.info().status()).isEqualTo(ParticipantInfo.DISCONNECTED);
            assertThat(p2.info().status()).isEqualTo(ParticipantInfo.CONNECTED);
            assertThat(other.calls).containsSubsequence("disconnected alice", "connected alice tracks=0");
            assertThat(h.rooms.participants(EngineHarness.ACCOUNT, p2.room().sid()))
                    .extracting(ParticipantInfo::sid)
                    .containsExactlyInAnyOrder(
                            p2.sid(),
                            h
                                    .rooms
                                    .participants(
                                            EngineHarness.ACCOUNT, p2.room().sid())
                                    .stream()
                                    .filter(i -> i.identity().equals("bob"))
                                    .findFirst()
                                    .orElseThrow()
                                    .sid());
            // The replaced session's stages fail from now on.
            assertThatThrownBy(() -> p1.subscriberOffer().toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .satisfies(t -> assertThat(failure(t).code()).isEqualTo(DisconnectReason.REMOVED));
        }

        @Test
        void joiningAnUnknownRoomSidFailsWith53106() {
            assertThatThrownBy(() -> h.rooms
                            .join(
                                    EngineHarness.ACCOUNT,
                                    "RM0123456789abcdef0123456789abcdef",
                                    "a",
                                    new RecordingListener())
                            .toCompletableFuture()
                            .get(5, TimeUnit.SECONDS))
                    .satisfies(t -> assertThat(failure(t).code()).isEqualTo(53106));
        }
    }

    @Nested
    class RestControl {

        @Test
        void createRoomRefusesADuplicateNameAndJoinsFindTheRoomByName() throws Exception {
            RoomInfo created = h.rooms.createRoom(EngineHarness.ACCOUNT, "standup", RoomSettings.defaults(false));
            assertThatThrownBy(() -> h.rooms.createRoom(EngineHarness.ACCOUNT, "standup", RoomSettings.defaults(false)))
                    .isInstanceOf(RoomException.class)
                    .satisfies(t -> assertThat(((RoomException) t).code()).isEqualTo(53113));
            Participant p = h.join("standup", "a", new RecordingListener());
            assertThat(p.room().sid()).isEqualTo(created.sid());
            assertThat(h.rooms.findRoom(EngineHarness.ACCOUNT, "standup"))
                    .map(RoomInfo::sid)
                    .contains(created.sid());
            assertThat(h.rooms.findRoom("AC11111111111111111111111111111111", "standup"))
                    .isEmpty();
        }

        @Test
        void completingARoomDisconnectsEveryoneAndEndsIt() throws Exception {
            RecordingListener a = new RecordingListener();
            Participant p = h.join("r", "a", a);
            RoomInfo ended =
                    h.rooms.completeRoom(EngineHarness.ACCOUNT, p.room().sid());

            assertThat(ended.status()).isEqualTo(RoomInfo.COMPLETED);
            assertThat(ended.endTime()).isNotNull();
            assertThat(a.disconnectCode).isEqualTo(DisconnectReason.ROOM_COMPLETED);
            assertThat(h.rooms.findRoom(EngineHarness.ACCOUNT, "r")).isEmpty();
            assertThat(h.registry
                            .find("quorum.sfu.room.participants")
                            .tag("room", p.room().sid())
                            .gauge())
                    .as("the room's meters are gone")
                    .isNull();
            assertThat(h.registry.get("quorum.sfu.rooms").gauge().value()).isZero();
            h.awaitEvent(RoomEvent.ENDED, 1);
            assertThat(h.eventNames()).containsSubsequence(ParticipantEvent.DISCONNECTED, RoomEvent.ENDED);
            // The name is free again: a new join makes a new room.
            assertThat(h.join("r", "a", new RecordingListener()).room().sid())
                    .isNotEqualTo(p.room().sid());
        }

        @Test
        void byDefaultNoMeterIsTaggedWithARoom() throws Exception {
            h.close();
            h = new EngineHarness(RoomsConfig.defaults(), acc -> RoomSettings.defaults(false));
            for (int i = 0; i < 20; i++) {
                h.join("room-" + i, "alice", new RecordingListener());
            }
            assertThat(h.registry.get("quorum.sfu.rooms").gauge().value()).isEqualTo(20);
            assertThat(h.registry.get("quorum.sfu.participants").gauge().value())
                    .isEqualTo(20);
            assertThat(h.registry.getMeters())
                    .allSatisfy(m -> assertThat(m.getId().getTag("room"))
                            .as(m.getId().toString())
                            .isNull());
        }

        @Test
        void disconnectParticipantKicksWithACode() throws Exception {
            RecordingListener a = new RecordingListener();
            Participant p = h.join("r", "a", a);
            ParticipantInfo gone = h.rooms.disconnectParticipant(
                    EngineHarness.ACCOUNT, p.room().sid(), p.sid());
            assertThat(gone.status()).isEqualTo(ParticipantInfo.DISCONNECTED);
            assertThat(gone.endTime()).isNotNull();
            assertThat(a.disconnectCode).isEqualTo(DisconnectReason.REMOVED);
            assertThatThrownBy(() -> h.rooms.disconnectParticipant(
                            EngineHarness.ACCOUNT, p.room().sid(), p.sid()))
                    .isInstanceOf(RoomException.class);
        }
    }

    @Nested
    class Timeouts {

        @Test
        void anUnusedRoomEndsAfterTheUnusedRoomTimeout() throws Exception {
            RoomInfo r = h.rooms.createRoom(
                    EngineHarness.ACCOUNT,
                    "later",
                    settings(10, Duration.ofMinutes(5), Duration.ofMinutes(7), Duration.ofHours(4), false));
            h.advance(Duration.ofMinutes(6));
            assertThat(h.rooms.findRoom(EngineHarness.ACCOUNT, r.sid())).isPresent();
            h.advance(Duration.ofMinutes(1));
            assertThat(h.rooms.findRoom(EngineHarness.ACCOUNT, r.sid())).isEmpty();
            h.awaitEvent(RoomEvent.ENDED, 1);
        }

        @Test
        void anEmptyRoomEndsAfterTheEmptyRoomTimeoutUnlessSomeoneComesBack() {
            h.rooms.close();
            h = new EngineHarness(
                    RoomsConfig.defaults(),
                    acc -> settings(10, Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofHours(4), false));
            Participant p = h.join("r", "a", new RecordingListener());
            String sid = p.room().sid();
            p.leave("bye");
            h.sync();
            h.advance(Duration.ofSeconds(90));
            h.join("r", "b", new RecordingListener()).leave("bye");
            h.sync();
            h.advance(Duration.ofSeconds(90));
            assertThat(h.rooms.findRoom(EngineHarness.ACCOUNT, sid))
                    .as("timer restarted when b left")
                    .isPresent();
            h.advance(Duration.ofSeconds(30));
            assertThat(h.rooms.findRoom(EngineHarness.ACCOUNT, sid)).isEmpty();
        }

        @Test
        void aParticipantIsDisconnectedAfterTheMaximumDuration() {
            h.rooms.close();
            h = new EngineHarness(
                    RoomsConfig.defaults(),
                    acc -> settings(10, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(10), false));
            RecordingListener a = new RecordingListener();
            h.join("r", "a", a);
            h.advance(Duration.ofMinutes(9));
            assertThat(a.disconnectCode).isZero();
            h.advance(Duration.ofMinutes(1));
            assertThat(a.disconnectCode).isEqualTo(DisconnectReason.MAX_DURATION_EXCEEDED);
        }
    }

    @Nested
    class Tracks {

        @Test
        void publishingFansOutToOthersAndUnpublishingVacatesTheirSections() throws Exception {
            RecordingListener bobL = new RecordingListener();
            Participant alice = h.join("r", "alice", new RecordingListener());
            Participant bob = h.join("r", "bob", bobL);
            List<Publication> published = alice.updatePublications(
                            List.of(TestMedia.audio("0", "mic", 1111), TestMedia.video("1", "cam", 2222, 2223)))
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            List<TrackInfo> tracks = published.stream().map(Publication::track).toList();

            assertThat(published).extracting(Publication::mid).containsExactly("0", "1");
            assertThat(tracks).extracting(TrackInfo::name).containsExactly("mic", "cam");
            assertThat(bobL.calls).contains("published alice mic", "published alice cam");
            assertThat(bobL.subscriptionChanges).isGreaterThanOrEqualTo(2);
            SubscriberOffer offer = bob.subscriberOffer().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(offer.sections())
                    .extracting(OutgoingTrack::trackSid)
                    .containsExactly(tracks.get(0).sid(), tracks.get(1).sid());
            assertThat(offer.sections()).allMatch(OutgoingTrack::active);
            assertThat(offer.sections().get(1).rtxSsrc()).isNotZero();
            assertThat(h.rooms.subscribedTracks(
                            EngineHarness.ACCOUNT, bob.room().sid(), bob.sid()))
                    .extracting(TrackInfo::sid)
                    .containsExactlyInAnyOrder(
                            tracks.get(0).sid(), tracks.get(1).sid());
            assertThat(h.rooms.publishedTracks(
                            EngineHarness.ACCOUNT, alice.room().sid(), alice.sid()))
                    .hasSize(2);
            h.awaitEvent(TrackEvent.ADDED, 2);

            bob.subscriberAnswered(offer.version(), "sha-256", "CC", TestMedia.EXTENSIONS)
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            alice.updatePublications(List.of(TestMedia.audio("0", "mic", 1111)))
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            assertThat(bobL.calls).contains("unpublished alice cam");
            SubscriberOffer next = bob.subscriberOffer().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(next.version()).isGreaterThan(offer.version());
            assertThat(next.sections()).extracting(OutgoingTrack::mid).containsExactly("0", "1");
            assertThat(next.sections().get(1).active()).isFalse();
            h.awaitEvent(TrackEvent.REMOVED, 1);

            // The vacated video section is recycled (same mid) once the client saw it inactive.
            bob.subscriberAnswered(next.version(), "sha-256", "CC", TestMedia.EXTENSIONS)
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            alice.updatePublications(
                            List.of(TestMedia.audio("0", "mic", 1111), TestMedia.video("2", "screen", 3333, 3334)))
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            SubscriberOffer third = bob.subscriberOffer().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(third.sections()).hasSize(2);
            assertThat(third.sections().get(1).active()).isTrue();
            assertThat(third.sections().get(1).trackName()).isEqualTo("screen");
        }

        @Test
        void aLateJoinerSubscribesToWhatIsAlreadyPublished() throws Exception {
            Participant alice = h.join("r", "alice", new RecordingListener());
            alice.updatePublications(List.of(TestMedia.audio("0", "mic", 1111)))
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            RecordingListener bobL = new RecordingListener();
            Participant bob = h.join("r", "bob", bobL);
            assertThat(bobL.calls).contains("connected alice tracks=1");
            SubscriberOffer offer = bob.subscriberOffer().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(offer.sections()).hasSize(1);
            assertThat(offer.sections().get(0).codec().name()).isEqualTo("opus");
        }

        @Test
        void muteAndUnmuteReachOthersAndTheEventBus() throws Exception {
            RecordingListener bobL = new RecordingListener();
            Participant alice = h.join("r", "alice", new RecordingListener());
            h.join("r", "bob", bobL);
            List<TrackInfo> tracks = alice
                    .updatePublications(List.of(TestMedia.audio("0", "mic", 1111)))
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS)
                    .stream()
                    .map(Publication::track)
                    .toList();
            alice.setTrackEnabled("0", false);
            alice.setTrackEnabled(tracks.get(0).sid(), true);
            h.sync();
            assertThat(bobL.calls).containsSubsequence("disabled alice mic", "enabled alice mic");
            h.awaitEvent(TrackEvent.ENABLED, 1);
            assertThat(h.eventNames()).containsSubsequence(TrackEvent.DISABLED, TrackEvent.ENABLED);
        }

        @Test
        void anAudioOnlyRoomRefusesVideo() throws Exception {
            h.rooms.close();
            h = new EngineHarness(
                    RoomsConfig.defaults(),
                    acc -> settings(10, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(4), true));
            Participant alice = h.join("r", "alice", new RecordingListener());
            List<Publication> published = alice.updatePublications(
                            List.of(TestMedia.video("0", "cam", 2222, 2223), TestMedia.audio("1", "mic", 1111)))
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            assertThat(published).singleElement().satisfies(p -> {
                assertThat(p.mid()).as("paired by mid, not position").isEqualTo("1");
                assertThat(p.track().name()).isEqualTo("mic");
            });
        }

        @Test
        void leavingUnpublishesTracksForTheOthers() throws Exception {
            RecordingListener bobL = new RecordingListener();
            Participant alice = h.join("r", "alice", new RecordingListener());
            h.join("r", "bob", bobL);
            TransportDescription first = alice.publisherTransport("sha-256", "AB:CD")
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            assertThat(h.links.publisher(alice).remoteFingerprint).isEqualTo("sha-256 AB:CD");
            TransportDescription restarted = alice.publisherTransport("sha-256", "AB:CD")
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            assertThat(restarted.ice().ufrag()).isNotEqualTo(first.ice().ufrag());
            alice.updatePublications(List.of(TestMedia.audio("0", "mic", 1111)))
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            alice.leave("bye");
            h.sync();
            assertThat(bobL.calls).containsSubsequence("unpublished alice mic", "disconnected alice");
            assertThat(h.links.publisher(alice).closed).isTrue();
        }
    }

    @Nested
    class MediaConnectionsEnding {

        private Participant alice;
        private RecordingListener aliceL;
        private RecordingListener bobL;

        private void aliceAndBobWithAMicrophone() throws Exception {
            aliceL = new RecordingListener();
            bobL = new RecordingListener();
            alice = h.join("r", "alice", aliceL);
            h.join("r", "bob", bobL);
            alice.publisherTransport("sha-256", "AB:CD").toCompletableFuture().get(5, TimeUnit.SECONDS);
            alice.subscriberTransport(false).toCompletableFuture().get(5, TimeUnit.SECONDS);
            alice.updatePublications(List.of(TestMedia.audio("0", "mic", 1111)))
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
        }

        @Test
        void aClientClosingItsPublisherConnectionLeavesWithoutAnError() throws Exception {
            aliceAndBobWithAMicrophone();
            h.links.publisher(alice).closeByPeer();
            h.sync();

            assertThat(aliceL.disconnectCode).as("nobody is told of a failure").isZero();
            assertThat(aliceL.calls).noneMatch(c -> c.startsWith("kicked")).endsWith("left");
            assertThat(bobL.calls).containsSubsequence("unpublished alice mic", "disconnected alice");
            assertThat(alice.info().status()).isEqualTo(ParticipantInfo.DISCONNECTED);
            assertThat(h.links.subscriber(alice).closed)
                    .as("the other connection is closed too")
                    .isTrue();
            h.awaitEvent(ParticipantEvent.DISCONNECTED, 1);
            assertThat(h.eventNames()).containsSubsequence(TrackEvent.REMOVED, ParticipantEvent.DISCONNECTED);
        }

        @Test
        void aClientClosingItsSubscriberConnectionLeavesWithoutAnError() throws Exception {
            aliceAndBobWithAMicrophone();
            h.links.subscriber(alice).closeByPeer();
            h.sync();

            assertThat(aliceL.disconnectCode).isZero();
            assertThat(bobL.calls).containsSubsequence("unpublished alice mic", "disconnected alice");
            assertThat(h.links.publisher(alice).closed).isTrue();
        }

        @Test
        void aFailedMediaConnectionDisconnectsWith53405() throws Exception {
            aliceAndBobWithAMicrophone();
            h.links.publisher(alice).fail("consent-expired");
            h.sync();

            assertThat(aliceL.disconnectCode).isEqualTo(DisconnectReason.MEDIA_CONNECTION_FAILED);
            assertThat(bobL.calls).containsSubsequence("unpublished alice mic", "disconnected alice");
        }

        @Test
        void aCloseAfterLeavingIsNotReportedAgain() throws Exception {
            aliceAndBobWithAMicrophone();
            alice.leave("left");
            h.sync();
            h.links.publisher(alice).closeByPeer();
            h.links.subscriber(alice).fail("dtls-alert");
            h.sync();

            assertThat(aliceL.calls).noneMatch(c -> c.startsWith("kicked") || c.equals("left"));
            assertThat(bobL.calls.stream().filter(c -> c.equals("disconnected alice")))
                    .hasSize(1);
        }
    }
}

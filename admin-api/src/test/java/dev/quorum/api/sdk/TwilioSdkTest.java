package dev.quorum.api.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.Domains;
import com.twilio.rest.api.v2010.account.Key;
import com.twilio.rest.api.v2010.account.NewKey;
import com.twilio.rest.video.v1.Composition;
import com.twilio.rest.video.v1.CompositionHook;
import com.twilio.rest.video.v1.CompositionSettings;
import com.twilio.rest.video.v1.Recording;
import com.twilio.rest.video.v1.RecordingSettings;
import com.twilio.rest.video.v1.Room;
import com.twilio.rest.video.v1.room.Participant;
import com.twilio.rest.video.v1.room.RecordingRules;
import com.twilio.rest.video.v1.room.RoomRecording;
import com.twilio.rest.video.v1.room.participant.PublishedTrack;
import com.twilio.rest.video.v1.room.participant.SubscribedTrack;
import com.twilio.type.Rule;
import dev.quorum.api.testing.ApiServer;
import dev.quorum.api.testing.ApiTestBase;
import dev.quorum.api.testing.FakeRecorder;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The official twilio-java SDK (13.x) against the running API, pointed at it with a route planner
 * as spec §7.3 describes: every call goes out as the SDK builds it for the hosted service.
 */
@Tag("slow")
class TwilioSdkTest extends ApiTestBase {

    private TwilioRestClient client;

    private TwilioRestClient client(String user, String secret) {
        HttpRoutePlanner toLocal = (target, ctx) -> new HttpRoute(new HttpHost("http", "127.0.0.1", server.port()));
        return new TwilioRestClient.Builder(user, secret)
                .accountSid(ApiServer.ACCOUNT)
                .httpClient(new NetworkHttpClient(HttpClientBuilder.create().setRoutePlanner(toLocal)))
                .build();
    }

    @BeforeEach
    void sdk() {
        client = client(ApiServer.ACCOUNT, ApiServer.TOKEN);
    }

    private static <T extends com.twilio.base.Resource> List<T> all(ResourceSet<T> set) {
        return StreamSupport.stream(set.spliterator(), false).toList();
    }

    @Test
    void roomsCreateFetchListPageAndComplete() {
        Room room = Room.creator()
                .setUniqueName("daily")
                .setRecordParticipantsOnConnect(true)
                .setStatusCallback("https://cb.example/room?x=1")
                .setStatusCallbackMethod(HttpMethod.POST)
                .setMaxParticipants(10)
                .setVideoCodecs(List.of(Room.VideoCodec.VP8, Room.VideoCodec.H264))
                .setMediaRegion("de1")
                .setEmptyRoomTimeout(5)
                .setUnusedRoomTimeout(7)
                .setType(Room.RoomType.GROUP)
                .setRecordingRules(Map.of("rules", List.of(Map.of("type", "include", "all", true))))
                .create(client);
        assertThat(room.getSid()).startsWith("RM");
        assertThat(room.getStatus()).isEqualTo(Room.RoomStatus.IN_PROGRESS);
        assertThat(room.getUniqueName()).isEqualTo("daily");
        assertThat(room.getRecordParticipantsOnConnect()).isTrue();
        assertThat(room.getVideoCodecs()).containsExactly(Room.VideoCodec.VP8, Room.VideoCodec.H264);
        assertThat(room.getStatusCallbackMethod()).isEqualTo(HttpMethod.POST);
        assertThat(room.getDateCreated()).isNotNull();
        assertThat(room.getUrl().toString()).isEqualTo(server.baseUrl() + "/v1/Rooms/" + room.getSid());

        assertThat(Room.fetcher("daily").fetch(client).getSid()).isEqualTo(room.getSid());
        Room.creator().setUniqueName("Daily Standup").create(client);
        assertThat(Room.fetcher("Daily Standup").fetch(client).getUniqueName()).isEqualTo("Daily Standup");
        Room.creator().create(client);

        List<Room> paged = all(
                Room.reader().setStatus(Room.RoomStatus.IN_PROGRESS).pageSize(1).read(client));
        assertThat(paged).hasSize(3).extracting(Room::getSid).doesNotHaveDuplicates();
        assertThat(all(Room.reader()
                        .setUniqueName("daily")
                        .setDateCreatedAfter(ZonedDateTime.now(ZoneId.of("UTC")).minusDays(1))
                        .read(client)))
                .hasSize(1);

        Room done = Room.updater(room.getSid(), Room.RoomStatus.COMPLETED).update(client);
        assertThat(done.getStatus()).isEqualTo(Room.RoomStatus.COMPLETED);
        assertThat(done.getEndTime()).isNotNull();
        assertThat(all(Room.reader().setStatus(Room.RoomStatus.COMPLETED).read(client)))
                .extracting(Room::getSid)
                .containsExactly(room.getSid());

        assertThatThrownBy(() -> Room.fetcher("RM" + "0".repeat(32)).fetch(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20404);
                    assertThat(e.getStatusCode()).isEqualTo(404);
                });
        assertThatThrownBy(() -> Room.creator().setUniqueName("Daily Standup").create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(53113));
    }

    @Test
    void participantsTracksAndRecordingRules() {
        Room room = Room.creator().setUniqueName("class").create(client);
        ParticipantInfo alice = server.rooms().join(room.getSid(), "alice");
        ParticipantInfo bob = server.rooms().join(room.getSid(), "bob");
        TrackInfo mic = server.rooms().publish(alice.sid(), "mic", TrackKind.AUDIO);

        assertThat(all(Participant.reader(room.getSid())
                        .setStatus(Participant.Status.CONNECTED)
                        .read(client)))
                .hasSize(2);
        assertThat(Participant.fetcher(room.getSid(), "alice").fetch(client).getSid())
                .isEqualTo(alice.sid());
        assertThat(all(PublishedTrack.reader(room.getSid(), alice.sid()).read(client)))
                .extracting(PublishedTrack::getName)
                .containsExactly("mic");
        assertThat(PublishedTrack.fetcher(room.getSid(), alice.sid(), "mic")
                        .fetch(client)
                        .getSid())
                .isEqualTo(mic.sid());
        assertThat(all(SubscribedTrack.reader(room.getSid(), bob.sid()).read(client)))
                .extracting(SubscribedTrack::getPublisherSid)
                .containsExactly(alice.sid());
        Participant kicked = Participant.updater(room.getSid(), bob.sid())
                .setStatus(Participant.Status.DISCONNECTED)
                .update(client);
        assertThat(kicked.getStatus()).isEqualTo(Participant.Status.DISCONNECTED);

        // twilio-java 13.0.1 sends a RecordingRulesUpdate object as its toString(), so callers pass a
        // Map (as the spec's wire capture shows); the SDK then sends {"rules":[...]} as JSON.
        RecordingRules rules = RecordingRules.updater(room.getSid())
                .setRules(Map.of("rules", List.of(Map.of("type", "include", "kind", "audio"))))
                .update(client);
        assertThat(rules.getRules()).hasSize(1);
        assertThat(rules.getRules().get(0).getKind()).isEqualTo(Rule.Kind.AUDIO);
        assertThat(rules.getRules().get(0).getType()).isEqualTo(Rule.Type.INCLUDE);
        RecordingRules fetched = RecordingRules.fetcher(room.getSid()).fetch(client);
        assertThat(fetched.getRoomSid()).isEqualTo(room.getSid());
        assertThat(fetched.getRules()).hasSize(1);
        assertThatThrownBy(() -> RecordingRules.updater(room.getSid())
                        .setRules(Map.of("rules", List.of()))
                        .update(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(53120));
    }

    @Test
    void recordingsListFetchMediaAndDelete() {
        Room room = Room.creator().setUniqueName("rec").create(client);
        ParticipantInfo alice = server.rooms().join(room.getSid(), "alice");
        TrackInfo mic = server.rooms().publish(alice.sid(), "mic", TrackKind.AUDIO);
        TrackInfo cam = server.rooms().publish(alice.sid(), "cam", TrackKind.VIDEO);
        FakeRecorder recorder = new FakeRecorder(server);
        var audio = recorder.record(alice, mic, new byte[100], 3000);
        recorder.record(alice, cam, new byte[200], 3000);
        server.awaitEvents();

        List<Recording> recs = all(Recording.reader()
                .setGroupingSid(List.of(room.getSid(), alice.sid()))
                .setMediaType(Recording.Type.AUDIO)
                .setStatus(Recording.Status.COMPLETED)
                .read(client));
        assertThat(recs).hasSize(1);
        Recording r = recs.get(0);
        assertThat(r.getSid()).isEqualTo(audio.sid());
        assertThat(r.getCodec()).isEqualTo(Recording.Codec.OPUS);
        assertThat(r.getContainerFormat()).isEqualTo(Recording.Format.MKA);
        assertThat(r.getSize()).isEqualTo(100L);
        assertThat(r.getDuration()).isEqualTo(3);
        assertThat(r.getTrackName()).isEqualTo("mic");
        @SuppressWarnings("unchecked")
        Map<String, String> grouping = (Map<String, String>) r.getGroupingSids();
        assertThat(grouping).containsEntry("room_sid", room.getSid()).containsEntry("participant_sid", alice.sid());
        assertThat(all(Recording.reader().pageSize(1).read(client))).hasSize(2);
        assertThat(all(RoomRecording.reader(room.getSid()).read(client))).hasSize(2);
        assertThat(Recording.fetcher(audio.sid()).fetch(client).getStatus()).isEqualTo(Recording.Status.COMPLETED);

        Response media = client.request(
                new Request(HttpMethod.GET, Domains.VIDEO.toString(), "/v1/Recordings/" + audio.sid() + "/Media"));
        assertThat(media.getStatusCode()).isEqualTo(302);
        String link = new JsonObject(media.getContent()).getString("redirect_to");
        assertThat(server.client(null, null).get(link).status()).isEqualTo(200);

        assertThat(Recording.deleter(audio.sid()).delete(client)).isTrue();
        assertThat(Recording.fetcher(audio.sid()).fetch(client).getStatus()).isEqualTo(Recording.Status.DELETED);
        assertThat(all(RoomRecording.reader(room.getSid()).read(client))).hasSize(1);
    }

    @Test
    void compositionsHooksAndSettings() {
        Room room = Room.creator().setUniqueName("comp").create(client);
        ParticipantInfo alice = server.rooms().join(room.getSid(), "alice");
        new FakeRecorder(server)
                .record(alice, server.rooms().publish(alice.sid(), "cam", TrackKind.VIDEO), new byte[10], 2000);
        server.awaitEvents();

        Composition c = Composition.creator(room.getSid())
                .setAudioSources("*")
                .setAudioSourcesExcluded("screen*")
                .setVideoLayout(Map.of("grid", Map.of("max_rows", 2, "video_sources", List.of("*"))))
                .setResolution("1280x720")
                .setFormat(Composition.Format.MP4)
                .setTrim(false)
                .setStatusCallback("https://cb.example/c")
                .setStatusCallbackMethod(HttpMethod.GET)
                .create(client);
        assertThat(c.getSid()).startsWith("CJ");
        assertThat(c.getStatus()).isEqualTo(Composition.Status.ENQUEUED);
        assertThat(c.getFormat()).isEqualTo(Composition.Format.MP4);
        assertThat(c.getResolution()).isEqualTo("1280x720");
        assertThat(c.getTrim()).isFalse();
        assertThat(c.getAudioSourcesExcluded()).containsExactly("screen*");
        assertThat(all(Composition.reader()
                        .setStatus(Composition.Status.ENQUEUED)
                        .setRoomSid(room.getSid())
                        .read(client)))
                .extracting(Composition::getSid)
                .containsExactly(c.getSid());
        assertThat(Composition.fetcher(c.getSid()).fetch(client).getRoomSid()).isEqualTo(room.getSid());
        assertThatThrownBy(() -> Composition.creator(room.getSid())
                        .setResolution("1280x720")
                        .setVideoLayout(Map.of("g", Map.of("x_pos", 1200, "width", 200, "video_sources", List.of("*"))))
                        .create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
        assertThat(Composition.deleter(c.getSid()).delete(client)).isTrue();
        assertThat(Composition.fetcher(c.getSid()).fetch(client).getStatus()).isEqualTo(Composition.Status.DELETED);

        CompositionHook hook = CompositionHook.creator("hook")
                .setAudioSources("*")
                .setFormat(CompositionHook.Format.WEBM)
                .setVideoLayout(Map.of("grid", Map.of("video_sources", List.of("*"))))
                .setResolution("640x480")
                .setStatusCallback("https://cb.example/h")
                .setTrim(true)
                .setEnabled(true)
                .create(client);
        assertThat(hook.getSid()).startsWith("HK");
        assertThat(hook.getEnabled()).isTrue();
        CompositionHook updated = CompositionHook.updater(hook.getSid(), "hook2")
                .setEnabled(false)
                .setAudioSources(List.of("a", "b"))
                .update(client);
        assertThat(updated.getFriendlyName()).isEqualTo("hook2");
        assertThat(updated.getAudioSources()).containsExactly("a", "b");
        assertThat(all(CompositionHook.reader()
                        .setFriendlyName("ho*")
                        .setEnabled(false)
                        .read(client)))
                .hasSize(1);
        assertThat(CompositionHook.fetcher(hook.getSid()).fetch(client).getEnabled())
                .isFalse();
        assertThat(CompositionHook.deleter(hook.getSid()).delete(client)).isTrue();
        assertThatThrownBy(() -> CompositionHook.fetcher(hook.getSid()).fetch(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20404));

        RecordingSettings rs =
                RecordingSettings.creator("rs").setAwsStorageEnabled(false).create(client);
        assertThat(rs.getFriendlyName()).isEqualTo("rs");
        assertThat(RecordingSettings.fetcher().fetch(client).getAwsStorageEnabled())
                .isFalse();
        String cr = com.twilio.rest.accounts.v1.credential.Aws.creator("AKIAEXAMPLE:secret")
                .create(client)
                .getSid();
        CompositionSettings cs = CompositionSettings.creator("cs")
                .setAwsStorageEnabled(false)
                .setAwsCredentialsSid(cr)
                .setAwsS3Url("https://bucket.s3.amazonaws.com/compositions")
                .setEncryptionEnabled(false)
                .create(client);
        assertThat(cs.getAwsS3Url().toString()).isEqualTo("https://bucket.s3.amazonaws.com/compositions");
        assertThat(CompositionSettings.fetcher().fetch(client).getFriendlyName())
                .isEqualTo("cs");
    }

    @Test
    void apiKeysAuthenticateAndAreManagedOverTheKeysResource() {
        TwilioRestClient keyClient = client(ApiServer.KEY, ApiServer.KEY_SECRET);
        Room room = Room.creator().setUniqueName("via key").create(keyClient);
        assertThat(Room.fetcher(room.getSid()).fetch(keyClient).getAccountSid()).isEqualTo(ApiServer.ACCOUNT);
        assertThatThrownBy(() -> Room.fetcher(room.getSid()).fetch(client(ApiServer.KEY, "wrong")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20003));

        NewKey created = NewKey.creator().setFriendlyName("made by the SDK").create(client);
        assertThat(created.getSid()).startsWith("SK");
        assertThat(created.getSecret()).hasSize(32);
        assertThat(created.getDateCreated()).isNotNull();
        TwilioRestClient fresh = client(created.getSid(), created.getSecret());
        assertThat(all(Room.reader().read(fresh))).extracting(Room::getSid).contains(room.getSid());

        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            NewKey.creator().setFriendlyName("k" + i).create(client);
        }
        all(Key.reader().pageSize(2).read(client)).forEach(k -> names.add(k.getFriendlyName()));
        assertThat(names)
                .contains("made by the SDK", "k0", "k1", "k2", "test key")
                .doesNotHaveDuplicates();
        assertThat(Key.fetcher(created.getSid()).fetch(client).getFriendlyName())
                .isEqualTo("made by the SDK");
        assertThat(Key.updater(created.getSid())
                        .setFriendlyName("renamed")
                        .update(client)
                        .getFriendlyName())
                .isEqualTo("renamed");
        assertThatThrownBy(() -> NewKey.creator().create(keyClient))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
        assertThat(Key.deleter(created.getSid()).delete(client)).isTrue();
        assertThatThrownBy(() -> Room.reader().read(fresh).iterator().hasNext())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20003));
        assertThatThrownBy(() -> Key.deleter(ApiServer.KEY).delete(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
    }
}

package dev.quorum.server.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.opentok.Archive;
import com.opentok.ArchiveLayout;
import com.opentok.ArchiveMode;
import com.opentok.ArchiveProperties;
import com.opentok.MediaMode;
import com.opentok.OpenTok;
import com.opentok.Role;
import com.opentok.SessionProperties;
import com.opentok.Stream;
import com.opentok.StreamList;
import com.opentok.StreamListProperties;
import com.opentok.StreamProperties;
import com.opentok.TokenOptions;
import com.vonage.client.video.ArchiveStatus;
import com.vonage.client.video.CreateSessionRequest;
import com.vonage.client.video.GetStreamResponse;
import com.vonage.client.video.OutputMode;
import com.vonage.client.video.SessionStream;
import com.vonage.client.video.StreamMode;
import com.vonage.client.video.VideoClient;
import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.server.api.BrowserCall;
import dev.quorum.server.api.ConfiguredServer;
import dev.quorum.server.api.MediaFiles;
import dev.quorum.signaling.testing.BrowserParticipant;
import dev.quorum.signaling.testing.Chromium;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives of real calls: browsers in headless Chromium join sessions with client tokens the
 * official SDKs minted, and the SDKs start, change, stop and fetch archives; the files are read
 * with ffprobe and decoded with ffmpeg.
 */
@RunsAlone
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class ArchiveBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path data;

    @TempDir
    static Path downloads;

    ConfiguredServer server;
    JsonReceiver callbacks;
    Chromium chromium;
    OpenTok opentok;
    VideoClient vonage;
    final List<BrowserParticipant> open = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        callbacks = new JsonReceiver();
        server = ArchiveServer.start(data, callbacks.url(), Map.of("archives.empty-session-timeout", "3s"));
        opentok = ArchiveServer.opentok(server);
        vonage = ArchiveServer.vonage(server);
        chromium = Chromium.start();
    }

    @AfterEach
    void leave() {
        for (int i = open.size() - 1; i >= 0; i--) {
            BrowserParticipant p = open.get(i);
            p.run("if (window.room) window.room.disconnect();");
            if (i > 0) {
                p.closeTab();
            }
        }
        open.clear();
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (opentok != null) {
            opentok.close();
        }
        if (server != null) {
            server.close();
        }
        if (callbacks != null) {
            callbacks.close();
        }
    }

    /** A participant in a new tab (the first reuses the current one), joined with {@code token}. */
    private BrowserParticipant join(String session, String token, String identity) {
        BrowserParticipant p = BrowserParticipant.open(chromium, server.baseUrl() + "/", identity, !open.isEmpty());
        open.add(p);
        p.join(token, session, BrowserCall.SMALL_CAMERA);
        return p;
    }

    /** Waits until {@code p} has sent {@code frames} more camera frames: that much real media recorded. */
    private static void media(BrowserParticipant p, int frames) {
        long base = framesSent(p);
        p.waitFor(
                frames + " more frames",
                "(async () => { const s = (await room.getStats()).publisher; let v = 0;"
                        + " s.forEach(x => { if (x.type === 'outbound-rtp' && x.kind === 'video') v += x.framesEncoded || 0; });"
                        + " return v >= " + (base + frames) + "; })()",
                WAIT);
    }

    private static long framesSent(BrowserParticipant p) {
        return ((Number) p.await("const s = (await room.getStats()).publisher; let v = 0;"
                        + " s.forEach(x => { if (x.type === 'outbound-rtp' && x.kind === 'video') v += x.framesEncoded || 0; });"
                        + " return v;"))
                .longValue();
    }

    private Archive awaitOpenTok(String id, Archive.Status status) {
        ArchiveSdkTest.await("archive " + id + " " + status, () -> openTokStatus(id) == status);
        try {
            return opentok.getArchive(id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Archive.Status openTokStatus(String id) {
        try {
            return opentok.getArchive(id).getStatus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path download(String url, String name) throws IOException {
        HttpResponse<byte[]> r = MediaFiles.download(url, null);
        assertThat(r.statusCode()).isEqualTo(200);
        Path file = downloads.resolve(name);
        Files.write(file, r.body());
        return file;
    }

    /**
     * The camera of a participant: a card of one colour with a white square moving along its bottom
     * edge, drawn 15 times a second on a canvas and published through the SDK's ordinary
     * {@code getUserMedia} path (its microphone stays Chromium's fake one). One colour per person
     * tells in the composed file whose picture is where.
     */
    private static final String CARD_CAMERA = """
            const canvas = document.createElement('canvas');
            canvas.width = 320; canvas.height = 240;
            const g = canvas.getContext('2d');
            let x = 0;
            setInterval(() => {
              g.fillStyle = arguments[0]; g.fillRect(0, 0, 320, 240);
              g.fillStyle = 'white'; g.fillRect(x, 212, 24, 16);
              x = (x + 4) % 296;
            }, 66);
            const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
            navigator.mediaDevices.getUserMedia = async (c) => {
              const s = c.audio ? await real({ audio: c.audio }) : new MediaStream();
              if (c.video) s.addTrack(canvas.captureStream(15).getVideoTracks()[0]);
              return s;
            };""";

    /** A participant in a new tab whose camera is a card of {@code colour}, joined with {@code token}. */
    private BrowserParticipant joinCard(String session, String token, String identity, String colour) {
        BrowserParticipant p = BrowserParticipant.open(chromium, server.baseUrl() + "/", identity, !open.isEmpty());
        open.add(p);
        p.run(CARD_CAMERA, colour);
        p.join(token, session, BrowserCall.SMALL_CAMERA);
        return p;
    }

    /** The session's stream that {@code p} publishes. */
    private String streamOf(String session, BrowserParticipant p) {
        return server.server().store().sessions().liveStreams(session).stream()
                .filter(s -> s.participantSid().equals(p.sid()))
                .findFirst()
                .orElseThrow()
                .streamId();
    }

    /** Keeps the archive's MP4 in {@code quorum.test.keep-archives} when set (for the docs' pictures). */
    private static void keep(Path file, String name) throws IOException {
        String dir = System.getProperty("quorum.test.keep-archives");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.copy(file, Path.of(dir, name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // 640x480, alice (red, class "full" and "focus") ranked before bob (blue). Points avoid the
    // moving white square along each card's bottom edge.
    static final ArchiveFrames.Picture BEST_FIT = ArchiveFrames.Picture.of(
            "bestFit", 160, 60, "black", 160, 240, "red", 480, 80, "black", 480, 300, "blue", 512, 96, "black", 160,
            400, "black");
    static final ArchiveFrames.Picture PIP = ArchiveFrames.Picture.of(
            "pip", 160, 60, "red", 160, 240, "red", 480, 80, "blue", 480, 300, "red", 512, 96, "blue", 160, 400, "red",
            600, 80, "red");
    static final ArchiveFrames.Picture VERTICAL = ArchiveFrames.Picture.of(
            "verticalPresentation",
            40,
            40,
            "blue",
            40,
            240,
            "black",
            384,
            20,
            "black",
            384,
            240,
            "red",
            600,
            300,
            "red");
    static final ArchiveFrames.Picture HORIZONTAL = ArchiveFrames.Picture.of(
            "horizontalPresentation", 320, 192, "red", 30, 192, "black", 40, 420, "blue", 400, 432, "black");
    static final String CSS = "stream.full { position: absolute; left: 0; top: 0; width: 50%; height: 100%;"
            + " object-fit: cover; } stream.full ~ stream { position: absolute; right: 0; bottom: 0; width: 50%;"
            + " height: 50%; }";
    static final ArchiveFrames.Picture CUSTOM = ArchiveFrames.Picture.of(
            "custom", 160, 60, "red", 160, 240, "red", 480, 80, "black", 480, 300, "blue", 512, 96, "black", 160, 400,
            "red");

    /** Output frames are 25 per second: frame n shows the archive's time n × 40 ms. */
    static int frameAt(long msIntoArchive) {
        return (int) Math.ceil(msIntoArchive / 40.0);
    }

    @Test
    void aComposedArchiveOfTwoBrowsersShowsEachLayoutFromTheMomentItWasSet() throws Exception {
        String session = opentok.createSession(new SessionProperties.Builder()
                        .mediaMode(MediaMode.ROUTED)
                        .build())
                .getSessionId();
        BrowserParticipant alice = joinCard(session, opentok.generateToken(session), "alice", "#ff0000");
        BrowserParticipant bob = joinCard(session, opentok.generateToken(session), "bob", "#0000ff");
        BrowserCall.of(List.of(alice, bob)).awaitMediaFlowing();
        StreamList streams = opentok.listStreams(session);
        assertThat(streams.getTotalCount()).isEqualTo(2);
        assertThat(streams).extracting(Stream::getVideoType).containsOnly("camera");
        String full = streamOf(session, alice);
        opentok.setStreamLayouts(
                session,
                new StreamListProperties.Builder()
                        .addStreamProperties(new StreamProperties.Builder()
                                .id(full)
                                .addLayoutClass("full")
                                .addLayoutClass("focus")
                                .build())
                        .build());
        assertThat(opentok.getStream(session, full).getLayoutClassList()).containsExactly("full", "focus");
        Archive a = opentok.startArchive(
                session, new ArchiveProperties.Builder().name("composed").build());
        List<ArchiveLayout> changes = List.of(
                new ArchiveLayout(ArchiveLayout.Type.PIP),
                new ArchiveLayout(ArchiveLayout.Type.VERTICAL),
                new ArchiveLayout(ArchiveLayout.Type.HORIZONTAL),
                new ArchiveLayout(ArchiveLayout.Type.CUSTOM, CSS));
        List<long[]> calls = new ArrayList<>();
        media(alice, 45);
        for (ArchiveLayout l : changes) {
            long before = System.currentTimeMillis();
            opentok.setArchiveLayout(
                    a.getId(), new ArchiveProperties.Builder().layout(l).build());
            calls.add(new long[] {before, System.currentTimeMillis()});
            media(alice, 30);
        }
        dev.quorum.storage.composition.Composition live =
                server.server().store().compositions().ofArchive(a.getId()).orElseThrow();
        assertThat(live.status())
                .as("a live worker composes the archive while it runs")
                .isEqualTo(dev.quorum.storage.composition.Composition.PROCESSING);
        assertThat(live.window().isOpen()).isTrue();
        opentok.stopArchive(a.getId());
        Archive done = awaitOpenTok(a.getId(), Archive.Status.AVAILABLE);
        assertThat(done.getUrl()).isNotNull();
        assertThat(done.getSize()).isPositive();
        dev.quorum.storage.archive.Archive stored =
                server.server().store().archives().find(a.getId()).orElseThrow();
        long createdAt = stored.createdAt().toEpochMilli();
        long lengthMs = stored.dateStopped().toEpochMilli() - createdAt;
        Path mp4 = download(done.getUrl(), "composed.mp4");
        keep(mp4, "composed-640x480.mp4");
        JsonObject probe = MediaFiles.probe(mp4);
        JsonObject video = MediaFiles.stream(probe, "video");
        JsonObject audio = MediaFiles.stream(probe, "audio");
        assertThat(video.getString("codec_name")).isEqualTo("h264");
        assertThat(video.getInteger("width")).isEqualTo(640);
        assertThat(video.getInteger("height")).isEqualTo(480);
        assertThat(audio.getString("codec_name")).isEqualTo("aac");
        assertThat(audio.getString("sample_rate")).isEqualTo("48000");
        assertThat(MediaFiles.duration(probe))
                .as("started to stopped: %d ms", lengthMs)
                .isCloseTo(lengthMs / 1000.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(MediaFiles.duration(probe)).isCloseTo(done.getDuration(), org.assertj.core.data.Offset.offset(1.0));
        assertThat(MediaFiles.decodeErrors(mp4)).isEmpty();
        List<dev.quorum.storage.archive.ArchiveLayoutChange> timeline =
                server.server().store().archives().layouts(a.getId());
        assertThat(timeline)
                .extracting(l -> new JsonObject(l.layout()).getString("type"))
                .containsExactly("bestFit", "pip", "verticalPresentation", "horizontalPresentation", "custom");

        // Each layout from the frame of its change on, up to the next; bestFit before the first.
        ArchiveFrames frames = ArchiveFrames.decode(mp4, 640, 480);
        List<ArchiveFrames.Picture> pictures = List.of(BEST_FIT, PIP, VERTICAL, HORIZONTAL, CUSTOM);
        StringBuilder measured = new StringBuilder("layout changes in " + a.getId() + " (" + lengthMs + " ms, "
                + frames.count() + " frames, available "
                + (stored.statusSince().toEpochMilli() - stored.dateStopped().toEpochMilli()) + " ms after the stop):");
        int previous = 0;
        for (int i = 0; i < pictures.size(); i++) {
            int from = i == 0 ? 0 : frameAt(timeline.get(i).at().toEpochMilli() - createdAt);
            int to = i + 1 < pictures.size()
                    ? frameAt(timeline.get(i + 1).at().toEpochMilli() - createdAt)
                    : frames.count();
            ArchiveFrames.Picture p = pictures.get(i);
            if (i > 0) {
                long at = timeline.get(i).at().toEpochMilli();
                assertThat(at)
                        .as("the change is stamped while its call ran")
                        .isBetween(calls.get(i - 1)[0], calls.get(i - 1)[1]);
                int shown = frames.first(p, previous);
                measured.append(String.format(
                        " %s at %d ms: expected frame %d, first shown %d (call returned %d ms" + " after the stamp);",
                        p.name(), at - createdAt, from, shown, calls.get(i - 1)[1] - at));
                assertThat(shown)
                        .as("%s: %s", p.name(), frames.describe(p, from))
                        .isBetween(from - 1, from + 1);
                assertThat(frames.frame(from - 1))
                        .as("the frame before: %s", frames.describe(pictures.get(i - 1), from - 1))
                        .matches(pictures.get(i - 1));
            }
            // Every frame of the layout's time shows it, once both pictures are there (the first
            // second of the archive may show a card still waiting for its first keyframe).
            int settled = i == 0 ? Math.min(frameAt(1500), to) : from + 1;
            assertThat(frames.showing(p, settled, to))
                    .as("%s from frame %d to %d; %s", p.name(), settled, to, frames.describe(p, (settled + to) / 2))
                    .isEqualTo(to - settled);
            previous = from;
        }
        System.out.println(measured);
        assertThat(stored.statusSince().toEpochMilli() - stored.dateStopped().toEpochMilli())
                .as("composed while it ran, the archive is available seconds after its stop")
                .isLessThan(10_000);
        List<JsonReceiver.Received> events =
                callbacks.await(3, r -> a.getId().equals(r.body().getString("id")), WAIT);
        assertThat(events).extracting(JsonReceiver.Received::status).containsExactly("started", "stopped", "available");
        assertThat(events.get(2).body().getLong("size")).isEqualTo(done.getSize());
    }

    @Test
    void anIndividualArchiveIsAZipOfDecodableWebmFilesWithTheirManifest() throws Exception {
        String session = opentok.createSession(new SessionProperties.Builder()
                        .mediaMode(MediaMode.ROUTED)
                        .build())
                .getSessionId();
        BrowserParticipant alice = join(
                session,
                opentok.generateToken(
                        session, new TokenOptions.Builder().data("name=alice").build()),
                "alice");
        BrowserParticipant bob = join(
                session,
                opentok.generateToken(
                        session, new TokenOptions.Builder().data("name=bob").build()),
                "bob");
        BrowserCall.of(List.of(alice, bob)).awaitMediaFlowing();
        Archive a = opentok.startArchive(
                session,
                new ArchiveProperties.Builder()
                        .outputMode(Archive.OutputMode.INDIVIDUAL)
                        .build());
        media(alice, 60);
        opentok.stopArchive(a.getId());
        Archive done = awaitOpenTok(a.getId(), Archive.Status.AVAILABLE);
        Path zipFile = download(done.getUrl(), "individual.zip");
        Map<String, Path> files = unzip(zipFile, "individual");
        JsonObject manifest = new JsonObject(Files.readString(files.get(a.getId() + ".json")));
        assertThat(manifest.getString("id")).isEqualTo(a.getId());
        assertThat(manifest.getString("sessionId")).isEqualTo(session);
        assertThat(manifest.getInteger("partnerId")).isEqualTo(ArchiveServer.API_KEY);
        JsonArray entries = manifest.getJsonArray("files");
        assertThat(entries).hasSize(2);
        List<String> data = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonObject f = entries.getJsonObject(i);
            data.add(f.getString("connectionData"));
            assertThat(f.getString("filename")).endsWith(".webm").startsWith(f.getString("streamId"));
            assertThat(f.getString("videoType")).isEqualTo("camera");
            assertThat(f.getLong("startTimeOffset")).isBetween(0L, 2000L);
            assertThat(f.getLong("stopTimeOffset") - f.getLong("startTimeOffset"))
                    .as("length in ms")
                    .isCloseTo(done.getDuration() * 1000L, org.assertj.core.data.Offset.offset(1500L));
            Path file = files.get(f.getString("filename"));
            assertThat(Files.size(file)).isEqualTo(f.getLong("size"));
            JsonObject probe = MediaFiles.probe(file);
            assertThat(MediaFiles.stream(probe, "video").getString("codec_name"))
                    .isEqualTo("vp8");
            assertThat(MediaFiles.stream(probe, "video").getInteger("width"))
                    .as("the true picture size")
                    .isEqualTo(320);
            assertThat(MediaFiles.stream(probe, "video").getInteger("height")).isEqualTo(240);
            assertThat(MediaFiles.stream(probe, "audio").getString("codec_name"))
                    .isEqualTo("opus");
            assertThat(MediaFiles.decodeErrorsAtFileTimestamps(file))
                    .as(f.getString("filename"))
                    .isEmpty();
            MediaFiles.packetTimes(file)
                    .forEach((stream, times) -> assertThat(times)
                            .as("stream %d timestamps", stream)
                            .doesNotContainNull()
                            .isSortedAccordingTo(Long::compare)
                            .doesNotHaveDuplicates());
        }
        assertThat(data).containsExactlyInAnyOrder("name=alice", "name=bob");
    }

    @Test
    void aStreamAddedToAManualArchiveMidwayIsRecordedFromThatMoment() throws Exception {
        String session = vonage.createSession(CreateSessionRequest.builder()
                        .mediaMode(com.vonage.client.video.MediaMode.ROUTED)
                        .build())
                .getSessionId();
        BrowserParticipant alice = join(session, vonage.generateToken(session), "alice");
        BrowserParticipant bob = join(session, vonage.generateToken(session), "bob");
        BrowserCall.of(List.of(alice, bob)).awaitMediaFlowing();
        List<GetStreamResponse> streams = vonage.listStreams(session);
        assertThat(streams).hasSize(2);
        String first = streams.get(0).getId().toString();
        String second = streams.get(1).getId().toString();
        vonage.setStreamLayout(
                session, SessionStream.builder(first).layoutClassList("focus").build());
        assertThat(vonage.getStream(session, first).getLayoutClassList()).containsExactly("focus");
        com.vonage.client.video.Archive a = vonage.createArchive(com.vonage.client.video.Archive.builder(session)
                .outputMode(OutputMode.INDIVIDUAL)
                .streamMode(StreamMode.MANUAL)
                .build());
        String id = a.getId().toString();
        vonage.addArchiveStream(id, first);
        media(alice, 45);
        vonage.addArchiveStream(id, second, true, true);
        media(alice, 45);
        vonage.stopArchive(id);
        ArchiveSdkTest.await("available", () -> vonage.getArchive(id).getStatus() == ArchiveStatus.AVAILABLE);
        com.vonage.client.video.Archive done = vonage.getArchive(id);
        Map<String, Path> files = unzip(download(done.getUrl().toString(), "manual.zip"), "manual");
        JsonArray entries = new JsonObject(Files.readString(files.get(id + ".json"))).getJsonArray("files");
        assertThat(entries).hasSize(2);
        JsonObject early = entries.getJsonObject(0);
        JsonObject late = entries.getJsonObject(1);
        assertThat(early.getString("streamId")).isEqualTo(first);
        assertThat(late.getString("streamId")).isEqualTo(second);
        assertThat(early.getLong("startTimeOffset")).isLessThan(1000L);
        assertThat(late.getLong("startTimeOffset"))
                .as("added after 45 frames at 15 fps")
                .isGreaterThan(2000L);
        assertThat(late.getLong("stopTimeOffset"))
                .isCloseTo(early.getLong("stopTimeOffset"), org.assertj.core.data.Offset.offset(1500L));
        for (JsonObject f : List.of(early, late)) {
            assertThat(f.getString("filename")).endsWith(".mkv");
            Path file = files.get(f.getString("filename"));
            assertThat(MediaFiles.stream(MediaFiles.probe(file), "video").getString("codec_name"))
                    .isEqualTo("h264");
            assertThat(MediaFiles.decodeErrorsAtFileTimestamps(file)).isEmpty();
        }
        List<JsonReceiver.Received> events =
                callbacks.await(5, r -> id.equals(r.body().getString("id")), WAIT);
        assertThat(events)
                .extracting(JsonReceiver.Received::status)
                .containsExactly("started", "streamAdded", "streamAdded", "stopped", "available");
        assertThat(events.get(1).body().getJsonObject("stream").getString("id")).isEqualTo(first);
    }

    @Test
    void aStreamAddedToAManualComposedArchiveAppearsInTheFileFromThatMoment() throws Exception {
        String session = vonage.createSession(CreateSessionRequest.builder()
                        .mediaMode(com.vonage.client.video.MediaMode.ROUTED)
                        .build())
                .getSessionId();
        BrowserParticipant alice = joinCard(session, vonage.generateToken(session), "alice", "#ff0000");
        BrowserParticipant bob = joinCard(session, vonage.generateToken(session), "bob", "#0000ff");
        BrowserCall.of(List.of(alice, bob)).awaitMediaFlowing();
        com.vonage.client.video.Archive a = vonage.createArchive(com.vonage.client.video.Archive.builder(session)
                .outputMode(OutputMode.COMPOSED)
                .streamMode(StreamMode.MANUAL)
                .resolution(com.vonage.client.video.Resolution.HD_LANDSCAPE)
                .build());
        String id = a.getId().toString();
        vonage.addArchiveStream(id, streamOf(session, alice));
        media(alice, 45);
        vonage.addArchiveStream(id, streamOf(session, bob));
        long added = server.server().store().archives().selected(id).stream()
                .filter(x -> x.streamId().equals(streamOf(session, bob)))
                .findFirst()
                .orElseThrow()
                .dateAdded()
                .toEpochMilli();
        media(alice, 45);
        vonage.stopArchive(id);
        ArchiveSdkTest.await("available", () -> vonage.getArchive(id).getStatus() == ArchiveStatus.AVAILABLE);
        com.vonage.client.video.Archive done = vonage.getArchive(id);
        dev.quorum.storage.archive.Archive stored =
                server.server().store().archives().find(id).orElseThrow();
        long createdAt = stored.createdAt().toEpochMilli();
        long lengthMs = stored.dateStopped().toEpochMilli() - createdAt;
        Path mp4 = download(done.getUrl().toString(), "manual.mp4");
        keep(mp4, "manual-1280x720.mp4");
        JsonObject probe = MediaFiles.probe(mp4);
        assertThat(MediaFiles.stream(probe, "video").getString("codec_name")).isEqualTo("h264");
        assertThat(MediaFiles.stream(probe, "video").getInteger("width")).isEqualTo(1280);
        assertThat(MediaFiles.stream(probe, "video").getInteger("height")).isEqualTo(720);
        assertThat(MediaFiles.stream(probe, "audio").getString("sample_rate")).isEqualTo("48000");
        assertThat(MediaFiles.duration(probe)).isCloseTo(lengthMs / 1000.0, org.assertj.core.data.Offset.offset(1.0));

        // 1280x720: alice alone fills the middle (pillarboxed); with bob two columns, each card
        // letterboxed, alice (added first) on the left.
        ArchiveFrames.Picture aliceAlone =
                ArchiveFrames.Picture.of("alice alone", 640, 300, "red", 80, 300, "black", 1200, 300, "black");
        ArchiveFrames.Picture both = ArchiveFrames.Picture.of(
                "alice and bob", 320, 300, "red", 960, 300, "blue", 320, 60, "black", 960, 660, "black");
        ArchiveFrames frames = ArchiveFrames.decode(mp4, 1280, 720);
        int addedAt = frameAt(added - createdAt);
        int appears = frames.first(both, 0);
        System.out.printf(
                "manual archive %s (%d ms, available %d ms after the stop): bob added at %d ms (frame %d), first shown in frame %d (%d ms"
                        + " later)%n",
                id,
                lengthMs,
                stored.statusSince().toEpochMilli() - stored.dateStopped().toEpochMilli(),
                added - createdAt,
                addedAt,
                appears,
                (appears - addedAt) * 40);
        assertThat(appears).as("bob is not in the file before he was added").isGreaterThanOrEqualTo(addedAt);
        assertThat((appears - addedAt) * 40)
                .as("bob shows once his first picture since being added is recorded")
                .isLessThan(1500);
        assertThat(frames.showing(aliceAlone, frameAt(1500), addedAt))
                .as(frames.describe(aliceAlone, addedAt - 1))
                .isEqualTo(addedAt - frameAt(1500));
        assertThat(frames.showing(both, appears, frames.count()))
                .as(frames.describe(both, frames.count() - 1))
                .isEqualTo(frames.count() - appears);
        List<JsonReceiver.Received> events =
                callbacks.await(5, r -> id.equals(r.body().getString("id")), WAIT);
        assertThat(events)
                .extracting(JsonReceiver.Received::status)
                .containsExactly("started", "streamAdded", "streamAdded", "stopped", "available");
    }

    @Test
    void aSubscriberTokenMayJoinButNotPublish() throws Exception {
        String session = opentok.createSession(new SessionProperties.Builder()
                        .mediaMode(MediaMode.ROUTED)
                        .build())
                .getSessionId();
        String token = opentok.generateToken(
                session, new TokenOptions.Builder().role(Role.SUBSCRIBER).build());
        BrowserParticipant viewer =
                BrowserParticipant.open(chromium, server.baseUrl() + "/", "viewer", !open.isEmpty());
        open.add(viewer);
        Object refused = viewer.await("""
                const { connect } = await import('/sdk/quorum.js');
                try { await connect({ token: args[0], room: args[1], video: { width: 320, height: 240 } }); return 'joined'; }
                catch (e) { return e.code + ' ' + e.message; }""", token, session);
        assertThat(String.valueOf(refused)).startsWith("20403").contains("subscriber");
        Object watching = viewer.await("""
                const { connect } = await import('/sdk/quorum.js');
                window.room = await connect({ token: args[0], room: args[1], audio: false, video: false });
                return window.room.state;""", token, session);
        assertThat(watching).isEqualTo("connected");
    }

    @Test
    void anAutomaticArchiveStartsWithTheFirstPublisherAndEndsWithTheSession() throws Exception {
        String session = opentok.createSession(new SessionProperties.Builder()
                        .mediaMode(MediaMode.ROUTED)
                        .archiveMode(ArchiveMode.ALWAYS)
                        .build())
                .getSessionId();
        BrowserParticipant alice = join(session, opentok.generateToken(session), "alice");
        ArchiveSdkTest.await("an automatic archive", () -> listed(session).size() == 1);
        Archive auto = listed(session).get(0);
        assertThat(auto.getStatus()).isEqualTo(Archive.Status.STARTED);
        media(alice, 45);
        alice.run("window.room.disconnect();");
        Archive done = awaitOpenTok(auto.getId(), Archive.Status.AVAILABLE);
        assertThat(done.getReason()).isEqualTo("session ended");
        JsonObject probe = MediaFiles.probe(download(done.getUrl(), "auto.mp4"));
        assertThat(MediaFiles.stream(probe, "video").getString("codec_name")).isEqualTo("h264");
        assertThat(MediaFiles.duration(probe)).isGreaterThan(2.0);
    }

    private List<Archive> listed(String session) {
        try {
            return opentok.listArchives(session);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Path> unzip(Path zip, String into) throws IOException {
        Path dir = Files.createDirectories(downloads.resolve(into));
        Map<String, Path> out = new java.util.HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path f = dir.resolve(e.getName());
                Files.copy(in, f);
                out.put(e.getName(), f);
            }
        }
        return out;
    }
}

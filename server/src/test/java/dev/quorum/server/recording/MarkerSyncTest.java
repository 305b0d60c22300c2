package dev.quorum.server.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.testing.RunsAlone;
import dev.quorum.server.recording.MarkerProbe.VideoFrame;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audio/video sync of recordings, measured on markers: Chromium publishes a picture that flashes
 * white at the instants its sound beeps ({@link MarkerSource}); the recorded files are decoded, each
 * flash and beep placed on the room's clock by its Recording's {@code offset} (as
 * docs/recordings.md tells a composer to), and the flashes must lie within 40 ms of their beeps
 * throughout the recording.
 *
 * <p>The publisher sends its camera with simulcast (the SDK's default) and switches layers off and
 * on while it records, so the recorded layer changes several times (seen in the file as picture
 * size changes), besides the switches Chromium makes on its own while its bandwidth estimate ramps
 * up. It also publishes a copy of the same video without simulcast: the same frames, recorded from
 * one stream, whose sync is the source's own (Chromium's capture timing of canvas and WebAudio);
 * the simulcast recording must match it within 40 ms too.
 *
 * <p>On a busy machine the browser now and then captures a flash late (it is then late in both
 * video recordings, which share nothing but the source and the sound), or one encoder drops a
 * flash's first frame. So each check takes the median of a marker and its neighbours: a shift the
 * server causes at a layer switch lasts to the end of the recording (every switch continues from
 * the frame before it), and cannot hide there.
 *
 * <p>A second participant, sending only sound, keeps the publisher from being alone in the room (a
 * participant with nothing to receive has its receiving connection closed after 30 s without ICE
 * checks).
 */
@RunsAlone
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class MarkerSyncTest {

    static final long TOLERANCE_MS = 40;
    static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Markers per phase (4 s): a phase outlasts the server's layer timeout (1.5 s) and the
     * keyframe and sender reports a switch waits for.
     */
    static final int PHASE_MARKERS = 4;

    @TempDir
    static Path data;

    RecordingServer s;

    @BeforeAll
    void start() throws Exception {
        s = new RecordingServer(data);
    }

    @AfterAll
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void markersOfAudioAndVideoStayInSyncAcrossSimulcastLayerSwitches() throws Exception {
        String roomSid = s.createRoom(
                        "UniqueName", "marker-sync", "RecordParticipantsOnConnect", "true", "VideoCodecs", "VP8")
                .getString("sid");
        Publisher listener = s.join("marker-sync", "listener", null, Map.of("video", false));
        Publisher markers = s.join("marker-sync", "markers", MarkerSource.install(960, 540), Map.of());
        MarkerSource.publishCopy(markers, "reference");
        s.awaitRecordings(roomSid, "four recordings processing", WAIT, l -> l.size() == 4);
        // Layers q, h, f. After Chromium's own start (all three, as its bandwidth estimate allows),
        // one layer at a time: the only active layer is always sent, so each phase records another.
        List<boolean[]> phases = List.of(
                new boolean[] {true, true, true},
                new boolean[] {true, false, false},
                new boolean[] {false, true, false},
                new boolean[] {true, false, false},
                new boolean[] {false, false, true},
                new boolean[] {false, true, false});
        for (boolean[] layers : phases) {
            MarkerSource.setLayers(markers, layers);
            MarkerSource.awaitMarkers(markers, PHASE_MARKERS);
        }
        markers.leave();
        listener.leave();
        List<JsonObject> all = s.awaitRecordings(
                roomSid,
                "every recording completed",
                WAIT,
                l -> l.stream().allMatch(r -> r.getString("status").equals("completed")));

        JsonObject audio = recording(all, markers, "microphone");
        Measured layered = measure(audio, recording(all, markers, "camera"));
        Measured reference = measure(audio, recording(all, markers, "reference"));
        // The same flash in both video recordings (a flash an encoder dropped is missing in one).
        List<Long> added = new ArrayList<>();
        for (double at : layered.flashes) {
            double other = reference.flashes.get(nearest(reference.flashes, at));
            if (Math.abs(at - other) < 0.4) {
                added.add(Math.round((at - other) * 1000));
            }
        }
        System.out.println("simulcast flash minus the same flash in the single-layer copy (ms): " + added);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(layered.sizeChanges)
                .as("layer switches recorded (picture size changes)")
                .isGreaterThanOrEqualTo(4);
        for (Measured m : List.of(layered, reference)) {
            soft.assertThat(m.flashes).as(m.name + ": flashes found").hasSizeGreaterThanOrEqualTo(12);
            soft.assertThat(medians(m.offsets))
                    .as(m.name + ": flash minus beep (ms), median of each marker and its"
                            + " neighbours; each marker at file times " + m.fileTimes + ": " + m.offsets)
                    .allSatisfy(o -> assertThat(Math.abs(o)).isLessThanOrEqualTo(TOLERANCE_MS));
        }
        soft.assertThat(added).as("flashes found in both video recordings").hasSizeGreaterThanOrEqualTo(10);
        soft.assertThat(medians(added))
                .as("simulcast flash minus the same flash in the single-layer copy (ms),"
                        + " median of each marker and its neighbours; each marker: " + added)
                .allSatisfy(d -> assertThat(Math.abs(d)).isLessThanOrEqualTo(TOLERANCE_MS));
        soft.assertAll();
    }

    /**
     * One video recording's flashes (room-clock seconds), and each one's distance to the nearest
     * beep of the participant's audio recording (ms).
     */
    record Measured(String name, List<Double> fileTimes, List<Double> flashes, List<Long> offsets, int sizeChanges) {}

    Measured measure(JsonObject audio, JsonObject video) {
        String name = video.getString("track_name");
        Path audioFile = MediaProbe.fileOf(s.data, audio.getString("sid"));
        Path videoFile = MediaProbe.fileOf(s.data, video.getString("sid"));
        keep(audioFile, "microphone");
        keep(videoFile, name);
        assertThat(MediaProbe.decodeErrors(videoFile))
                .as(name + ": decoding the video")
                .isEmpty();
        double audioOffset = audio.getLong("offset") / 1000.0;
        double videoOffset = video.getLong("offset") / 1000.0;
        List<VideoFrame> frames = MarkerProbe.videoFrames(videoFile);
        List<Double> fileTimes = MarkerProbe.flashes(frames, MarkerSource.FLASH_SECONDS, 0.5);
        List<Double> flashes = fileTimes.stream().map(t -> videoOffset + t).toList();
        List<Double> beeps =
                MarkerProbe.beeps(audioFile).stream().map(t -> audioOffset + t).toList();
        List<Long> offsets = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < flashes.size(); i++) {
            double t = fileTimes.get(i);
            offsets.add(Math.round((flashes.get(i) - beeps.get(nearest(beeps, flashes.get(i)))) * 1000));
            VideoFrame at =
                    frames.stream().filter(f -> f.time() >= t).findFirst().orElseThrow();
            lines.add(String.format("%7.3f s %4dx%-4d %+5d ms", t, at.width(), at.height(), offsets.get(i)));
        }
        System.out.printf(
                "%s: audio offset %d (%s), video offset %d (%s), %d beeps, %d flashes,"
                        + " %d picture size changes; flash minus beep at each flash:%n  %s%n",
                name,
                audio.getLong("offset"),
                MediaProbe.tag(audioFile, "QUORUM_OFFSET_SOURCE"),
                video.getLong("offset"),
                MediaProbe.tag(videoFile, "QUORUM_OFFSET_SOURCE"),
                beeps.size(),
                flashes.size(),
                MarkerProbe.sizeChanges(frames),
                String.join("\n  ", lines));
        return new Measured(name, fileTimes, flashes, offsets, MarkerProbe.sizeChanges(frames));
    }

    /** Keeps the last run's files under {@code target/marker-sync} for a look. */
    static void keep(Path file, String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "marker-sync"));
            String ext = file.getFileName().toString().replaceAll(".*\\.", ".");
            Files.copy(file, dir.resolve(name + ext), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject recording(List<JsonObject> recordings, Publisher p, String trackName) {
        List<JsonObject> l = RecordOnConnectTest.of(recordings, p).stream()
                .filter(r -> trackName.equals(r.getString("track_name")))
                .toList();
        assertThat(l).as(p.tab.identity + "'s recordings of " + trackName).hasSize(1);
        return l.get(0);
    }

    /** The median of every three consecutive values. */
    static List<Long> medians(List<Long> values) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i + 1 < values.size(); i++) {
            List<Long> three = new ArrayList<>(values.subList(i - 1, i + 2));
            three.sort(null);
            out.add(three.get(1));
        }
        return out;
    }

    /** Index of the value in {@code values} nearest to {@code x}. */
    static int nearest(List<Double> values, double x) {
        int best = 0;
        for (int i = 1; i < values.size(); i++) {
            if (Math.abs(values.get(i) - x) < Math.abs(values.get(best) - x)) {
                best = i;
            }
        }
        return best;
    }
}

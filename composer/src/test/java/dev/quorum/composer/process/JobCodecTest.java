package dev.quorum.composer.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.VideoType;
import dev.quorum.composer.engine.EngineSettings;
import dev.quorum.composer.engine.LiveRoom;
import dev.quorum.composer.layout.LayoutTimeline;
import dev.quorum.composer.layout.StreamClasses;
import dev.quorum.composer.timeline.Window;
import dev.quorum.sfu.api.TrackKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A job handed to a child composer arrives whole: layouts over time, rate control, classes, video types. */
class JobCodecTest {

    @Test
    void roundTripsEverythingALayoutDependsOn() throws Exception {
        CompositionRequest request = CompositionRequest.parseStored(
                "{\"type\":\"pip\"}",
                List.of(
                        new LayoutTimeline.Change(
                                1_763_000_004_000L,
                                "{\"type\":\"custom\",\"stylesheet\":\"stream.a { width: 50%; }\"}"),
                        new LayoutTimeline.Change(1_763_000_008_000L, "{\"g\":{\"video_sources\":[\"*\"]}}")),
                List.of(),
                List.of(),
                "1280x720",
                "mp4",
                true,
                "cbr:500000");
        List<SourceRecording> recordings = List.of(
                new SourceRecording(
                        "RT1", "MT1", "PA1", "cam", TrackKind.VIDEO, "VP8", Path.of("/a.mkv"), 1, 2, VideoType.SCREEN),
                new SourceRecording("RT2", "MT2", "PA1", "mic", TrackKind.AUDIO, "OPUS", Path.of("/b.mka"), 1, 2));
        StreamClasses classes = StreamClasses.of(List.of(
                new StreamClasses.Change("MT1", 5, List.of("full", "x")),
                new StreamClasses.Change("MT1", 9, List.of())));
        CompositionJob job = new CompositionJob(request, recordings, Path.of("/out.mp4"), classes);

        JobCodec.Decoded back = JobCodec.decodeJob(JobCodec.encodeJob(job, EngineSettings.DEFAULT));
        assertThat(back.job().request()).isEqualTo(request);
        assertThat(back.job().recordings()).isEqualTo(recordings);
        assertThat(back.job().recordings().get(0).videoType()).isEqualTo(VideoType.SCREEN);
        assertThat(back.job().streamClasses().changes()).isEqualTo(classes.changes());
    }

    @Test
    void anArchivesWindowTravelsWithTheRequest() throws Exception {
        CompositionRequest request = CompositionRequest.parseStored(
                        "{\"type\":\"bestFit\"}", List.of(), List.of("*"), List.of(), "640x480", "mp4", false, "qp:19")
                .within(new Window(1_763_000_000_000L, 1_763_000_012_345L));
        CompositionJob job = new CompositionJob(request, List.of(), Path.of("/out.mp4"));
        CompositionRequest back = JobCodec.decodeJob(JobCodec.encodeJob(job, EngineSettings.DEFAULT))
                .job()
                .request();
        assertThat(back).isEqualTo(request);
        assertThat(back.window()).isEqualTo(new Window(1_763_000_000_000L, 1_763_000_012_345L));
    }

    @Test
    void aRunningArchivesRequestAndClassesTravelWithTheLiveRoom() throws Exception {
        CompositionRequest request = CompositionRequest.parseStored(
                        "{\"type\":\"bestFit\"}",
                        List.of(new LayoutTimeline.Change(1_763_000_004_000L, "{\"type\":\"pip\"}")),
                        List.of("*"),
                        List.of(),
                        "640x480",
                        "mp4",
                        false,
                        "qp:19")
                .within(new Window(1_763_000_000_000L, 1_763_000_000_000L + LiveRoom.OPEN_MS));
        StreamClasses classes = StreamClasses.of(List.of(new StreamClasses.Change("MT1", 7, List.of("full"))));
        SourceRecording cam =
                new SourceRecording("RT1", "MT1", "PA1", "cam", TrackKind.VIDEO, "VP8", Path.of("/a.mkv"), 1, 2);
        LiveRoom.Snapshot s = new LiveRoom.Snapshot(4, List.of(cam), Set.of("RT1"), false, 3000, request, classes);

        LiveRoom.Snapshot back = JobCodec.decodeSnapshot(JobCodec.encodeSnapshot(s));
        assertThat(back.request()).isEqualTo(request);
        assertThat(back.request().layouts().changes()).hasSize(1);
        assertThat(back.classes().changes()).isEqualTo(classes.changes());
        assertThat(back.recordings()).containsExactly(cam);
        assertThat(back.writing()).containsExactly("RT1");

        LiveRoom.Snapshot room = JobCodec.decodeSnapshot(
                JobCodec.encodeSnapshot(new LiveRoom.Snapshot(1, List.of(cam), Set.of(), true, 3000)));
        assertThat(room.request())
                .as("a room's composition keeps its job's request")
                .isNull();
        assertThat(room.classes()).isNull();
    }
}

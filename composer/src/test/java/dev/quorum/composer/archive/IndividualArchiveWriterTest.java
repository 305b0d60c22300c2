package dev.quorum.composer.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.composer.SourceRecording;
import dev.quorum.composer.testing.Tools;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackKind;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndividualArchiveWriterTest {

    static final long T0 = 1_763_000_000_000L;

    @TempDir
    Path dir;

    Path file(String name, int size) throws Exception {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + name.length());
        }
        return Files.write(dir.resolve(name), b);
    }

    @Test
    void zipHoldsEveryRecordingAndAManifestPlacingThemInTime() throws Exception {
        String alice = Sid.generate(Sid.PARTICIPANT);
        String cam = Sid.generate(Sid.TRACK);
        String mic = Sid.generate(Sid.TRACK);
        String screen = Sid.generate(Sid.TRACK);
        List<SourceRecording> recs = List.of(
                new SourceRecording(
                        Sid.generate(Sid.RECORDING),
                        mic,
                        alice,
                        "alice-mic",
                        TrackKind.AUDIO,
                        "OPUS",
                        file("mic.mka", 1000),
                        T0 + 120,
                        60_000),
                new SourceRecording(
                        Sid.generate(Sid.RECORDING),
                        cam,
                        alice,
                        "alice-cam",
                        TrackKind.VIDEO,
                        "VP8",
                        file("cam1.mkv", 5000),
                        T0 + 100,
                        20_000),
                // The same camera recorded again after a reconnect: a second segment of the stream.
                new SourceRecording(
                        Sid.generate(Sid.RECORDING),
                        cam,
                        alice,
                        "alice-cam",
                        TrackKind.VIDEO,
                        "VP8",
                        file("cam2.mkv", 3000),
                        T0 + 25_000,
                        30_000),
                new SourceRecording(
                        Sid.generate(Sid.RECORDING),
                        screen,
                        alice,
                        "alice-screen",
                        TrackKind.VIDEO,
                        "H264",
                        file("screen.mkv", 7000),
                        T0 + 3000,
                        10_000));
        String room = Sid.generate(Sid.ROOM);
        IndividualArchive archive = IndividualArchive.ofRecordings(
                "arch-1", "weekly sync", room, "project-7", recs, r -> "{\"identity\":\"alice\"}");
        Path zipFile = dir.resolve("archive.zip");
        try (OutputStream out = Files.newOutputStream(zipFile)) {
            IndividualArchiveWriter.write(archive, out);
        }

        // The system unzip agrees the archive is sound.
        String test = new String(
                Tools.run(Tools.cmd(Tools.require("unzip"), "-t", zipFile.toString())), StandardCharsets.UTF_8);
        assertThat(test).contains("No errors detected");

        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().forEach(e -> names.add(e.getName()));
            assertThat(names)
                    .containsExactly(cam + "-1.mkv", mic + ".mka", screen + ".mkv", cam + "-2.mkv", "manifest.json");
            ZipEntry seg2 = zip.getEntry(cam + "-2.mkv");
            assertThat(seg2.getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(zip.getInputStream(seg2).readAllBytes()).isEqualTo(Files.readAllBytes(dir.resolve("cam2.mkv")));

            JsonNode m = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("manifest.json")));
            assertThat(m.get("createdAt").asLong()).isEqualTo(T0 + 100);
            assertThat(m.get("id").asText()).isEqualTo("arch-1");
            assertThat(m.get("name").asText()).isEqualTo("weekly sync");
            assertThat(m.get("sessionId").asText()).isEqualTo(room);
            assertThat(m.get("partnerId").asText()).isEqualTo("project-7");
            JsonNode first = m.get("files").get(0);
            assertThat(first.get("filename").asText()).isEqualTo(cam + "-1.mkv");
            assertThat(first.get("streamId").asText()).isEqualTo(cam);
            assertThat(first.get("size").asLong()).isEqualTo(5000);
            assertThat(first.get("startTimeOffset").asLong()).isZero();
            assertThat(first.get("stopTimeOffset").asLong()).isEqualTo(20_000);
            assertThat(first.get("videoType").asText()).isEqualTo("camera");
            assertThat(first.get("connectionData").asText()).isEqualTo("{\"identity\":\"alice\"}");
            JsonNode micFile = m.get("files").get(1);
            assertThat(micFile.get("startTimeOffset").asLong()).isEqualTo(20);
            assertThat(micFile.get("stopTimeOffset").asLong()).isEqualTo(60_020);
            assertThat(micFile.has("videoType")).isFalse();
            assertThat(m.get("files").get(2).get("videoType").asText()).isEqualTo("screen");
            assertThat(m.get("files").get(3).get("startTimeOffset").asLong()).isEqualTo(24_900);
        }
    }

    @Test
    void streamIdsMustBeSafeFileNames() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ArchiveStream(dir.resolve("x"), "../etc/passwd", "mkv", 0, 1, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

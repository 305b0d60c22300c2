package dev.quorum.composer.testing;

import static dev.quorum.composer.testing.Tools.cmd;
import static dev.quorum.composer.testing.Tools.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Recordings made with the real {@code ffmpeg} from test sources: solid colours (so a pixel says
 * which source it came from) and pure tones (so a frequency says whose audio it is), in the
 * Matroska shapes the recorder writes.
 */
public final class TestMedia {

    private final Path dir;

    public TestMedia(Path dir) {
        this.dir = dir;
    }

    /** VP8 in Matroska, a solid colour of the given size. */
    public Path vp8(String name, String colour, int width, int height, double seconds) {
        Path out = dir.resolve(name + ".mkv");
        run(cmd(
                Tools.ffmpeg(),
                "-nostdin",
                "-y",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                "color=c=" + colour + ":s=" + width + "x" + height + ":r=25:d=" + seconds,
                "-c:v",
                "libvpx",
                "-b:v",
                "200k",
                "-g",
                "25",
                "-deadline",
                "realtime",
                "-cpu-used",
                "8",
                out.toString()));
        return out;
    }

    /**
     * VP8 in Matroska of a moving test pattern with temporal noise: a picture that costs bits, for
     * checking rate control.
     */
    public Path vp8Busy(String name, int width, int height, double seconds) {
        Path out = dir.resolve(name + ".mkv");
        run(cmd(
                Tools.ffmpeg(),
                "-nostdin",
                "-y",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=s=" + width + "x" + height + ":r=25:d=" + seconds + ",noise=alls=12:allf=t",
                "-c:v",
                "libvpx",
                "-b:v",
                "4M",
                "-g",
                "25",
                "-deadline",
                "realtime",
                "-cpu-used",
                "8",
                out.toString()));
        return out;
    }

    /** VP9 in Matroska, a solid colour. */
    public Path vp9(String name, String colour, int width, int height, double seconds) {
        Path out = dir.resolve(name + ".mkv");
        run(cmd(
                Tools.ffmpeg(),
                "-nostdin",
                "-y",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                "color=c=" + colour + ":s=" + width + "x" + height + ":r=25:d=" + seconds,
                "-c:v",
                "libvpx-vp9",
                "-b:v",
                "200k",
                "-g",
                "25",
                "-deadline",
                "realtime",
                "-cpu-used",
                "8",
                out.toString()));
        return out;
    }

    /** H.264 (libx264) in Matroska, a solid colour. */
    public Path h264(String name, String colour, int width, int height, double seconds) {
        Path out = dir.resolve(name + ".mkv");
        run(cmd(
                Tools.ffmpeg(),
                "-nostdin",
                "-y",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                "color=c=" + colour + ":s=" + width + "x" + height + ":r=25:d=" + seconds,
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                "-g",
                "25",
                out.toString()));
        return out;
    }

    /**
     * VP8 in Matroska whose picture size changes mid-file (as a browser's does under bandwidth
     * changes): {@code seconds1} at the first size, then {@code seconds2} at the second.
     */
    public Path vp8ResolutionChange(
            String name, String colour, int w1, int h1, double seconds1, int w2, int h2, double seconds2) {
        Path a = vp8(name + "-part1", colour, w1, h1, seconds1);
        Path b = vp8(name + "-part2", colour, w2, h2, seconds2);
        Path list = dir.resolve(name + ".txt");
        try {
            Files.writeString(list, "file '" + a + "'\nfile '" + b + "'\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path out = dir.resolve(name + ".mkv");
        run(cmd(
                Tools.ffmpeg(),
                "-nostdin",
                "-y",
                "-loglevel",
                "error",
                "-f",
                "concat",
                "-safe",
                "0",
                "-i",
                list.toString(),
                "-c",
                "copy",
                out.toString()));
        return out;
    }

    /** Opus in Matroska audio, a sine tone. */
    public Path opusTone(String name, int frequency, double seconds) {
        Path out = dir.resolve(name + ".mka");
        run(cmd(
                Tools.ffmpeg(),
                "-nostdin",
                "-y",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=" + frequency + ":sample_rate=48000:d=" + seconds,
                "-c:a",
                "libopus",
                "-b:a",
                "64k",
                out.toString()));
        return out;
    }

    /**
     * Opus in Matroska: {@code seconds} of tone in which every packet from {@code gapAt} on is
     * moved {@code gapSeconds} later, leaving a timestamp gap as a muted microphone does.
     */
    public Path opusToneWithGap(String name, int frequency, double seconds, double gapAt, double gapSeconds) {
        Path dense = opusTone(name + "-dense", frequency, seconds);
        Path out = dir.resolve(name + ".mka");
        long at = Math.round(gapAt * 1000);
        long shift = Math.round(gapSeconds * 1000);
        run(cmd(
                Tools.ffmpeg(),
                "-nostdin",
                "-y",
                "-loglevel",
                "error",
                "-i",
                dense.toString(),
                "-c",
                "copy",
                "-bsf:a",
                "setts=ts=TS+if(gte(TS\\," + at + ")\\," + shift + "\\,0)",
                out.toString()));
        return out;
    }

    /** A file of the given name holding bytes that are no media at all. */
    public Path garbage(String name, int size) {
        Path out = dir.resolve(name);
        byte[] b = new byte[size];
        new java.util.Random(42).nextBytes(b);
        try {
            Files.write(out, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A copy of {@code file} with a run of bytes in the middle overwritten by noise. */
    public Path damaged(Path file, String name, double fromFraction, int bytes) {
        try {
            byte[] b = Files.readAllBytes(file);
            int from = (int) (b.length * fromFraction);
            java.util.Random r = new java.util.Random(7);
            for (int i = from; i < Math.min(b.length, from + bytes); i++) {
                b[i] = (byte) r.nextInt(256);
            }
            Path out = dir.resolve(name);
            Files.write(out, b);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Path> files() {
        try (var s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

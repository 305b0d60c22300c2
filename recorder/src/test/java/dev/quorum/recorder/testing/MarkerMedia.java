package dev.quorum.recorder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Audio and video carrying the same markers — a white flash in black video and a 1 kHz beep in
 * silence, at 1, 3 and 5 s (and every 2 s on) for 100 ms — and detectors that find them again in
 * decoded recordings, by luma and by audio energy.
 */
public final class MarkerMedia {

    private MarkerMedia() {}

    /** VP8 at 30 fps, keyframe every 0.5 s, white from each marker for 100 ms. */
    public static Path flashingVideo(double seconds) {
        Path out = Fixtures.dir().resolve("flash-" + seconds + ".webm");
        if (!Files.exists(out)) {
            Tools.ffmpeg(
                    "-f",
                    "lavfi",
                    "-i",
                    "color=c=black:s=320x240:r=30,geq=lum='if(between(mod(T\\,2)\\,1\\,1.1)\\,235\\,16)':cb=128:cr=128",
                    "-t",
                    String.valueOf(seconds),
                    "-c:v",
                    "libvpx",
                    "-deadline",
                    "realtime",
                    "-cpu-used",
                    "8",
                    "-b:v",
                    "500k",
                    "-g",
                    "15",
                    "-keyint_min",
                    "15",
                    "-auto-alt-ref",
                    "0",
                    out.toString());
        }
        return out;
    }

    /** Opus, 20 ms packets, a 1 kHz beep from each marker for 100 ms. */
    public static Path beepingAudio(double seconds) {
        Path out = Fixtures.dir().resolve("beep-" + seconds + ".webm");
        if (!Files.exists(out)) {
            Tools.ffmpeg(
                    "-f",
                    "lavfi",
                    "-i",
                    "aevalsrc='if(between(mod(t\\,2)\\,1\\,1.1)\\,0.8*sin(2*PI*1000*t)\\,0)':s=48000:c=stereo",
                    "-t",
                    String.valueOf(seconds),
                    "-c:a",
                    "libopus",
                    "-b:a",
                    "48k",
                    "-frame_duration",
                    "20",
                    out.toString());
        }
        return out;
    }

    /** Seconds (file time) of each frame that starts a flash: luma mean above half after one below. */
    public static List<Double> flashes(Path video) {
        List<String> cmd = List.of(
                Tools.ffprobe(),
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                "movie=" + video.toString().replace(":", "\\:") + ",signalstats",
                "-show_entries",
                "frame=pts_time:frame_tags=lavfi.signalstats.YAVG",
                "-of",
                "csv=p=0");
        String out = Tools.run(cmd, 120).requireSuccess(cmd).stdout();
        List<Double> onsets = new ArrayList<>();
        boolean bright = false;
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(",");
            if (f.length < 2) {
                continue;
            }
            boolean now = Double.parseDouble(f[1]) > 128;
            if (now && !bright) {
                onsets.add(Double.parseDouble(f[0]));
            }
            bright = now;
        }
        return onsets;
    }

    /**
     * Seconds (file time) where each beep starts: first 2.5 ms window whose RMS exceeds a tenth of
     * full scale. Gaps in the file's timestamps decode as silence, so a sample's position is its
     * file time.
     */
    public static List<Double> beeps(Path audio) {
        try {
            Path pcm = Files.createTempFile("beeps", ".pcm");
            try {
                Tools.ffmpeg(
                        "-v",
                        "error",
                        "-i",
                        audio.toString(),
                        "-af",
                        "aresample=async=1:min_hard_comp=0.001:first_pts=0",
                        "-ac",
                        "1",
                        "-ar",
                        "48000",
                        "-f",
                        "s16le",
                        pcm.toString());
                ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcm)).order(ByteOrder.LITTLE_ENDIAN);
                int window = 120;
                List<Double> onsets = new ArrayList<>();
                boolean loud = false;
                for (int start = 0; start + window * 2 <= b.limit(); start += window * 2) {
                    double sum = 0;
                    for (int i = 0; i < window; i++) {
                        double s = b.getShort(start + 2 * i) / 32768.0;
                        sum += s * s;
                    }
                    boolean now = Math.sqrt(sum / window) > 0.1;
                    if (now && !loud) {
                        onsets.add(start / 2 / 48000.0);
                    }
                    loud = now;
                }
                return onsets;
            } finally {
                Files.deleteIfExists(pcm);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

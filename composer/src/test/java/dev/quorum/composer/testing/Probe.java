package dev.quorum.composer.testing;

import static dev.quorum.composer.testing.Tools.cmd;
import static dev.quorum.composer.testing.Tools.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** What {@code ffprobe} and {@code ffmpeg} say about a composed file. */
public final class Probe {

    private final Path file;
    private final JsonNode json;

    public Probe(Path file) {
        this.file = file;
        byte[] out = run(cmd(
                Tools.ffprobe(),
                "-v",
                "error",
                "-print_format",
                "json",
                "-show_streams",
                "-show_format",
                file.toString()));
        try {
            this.json = new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode stream(String type) {
        for (JsonNode s : json.get("streams")) {
            if (type.equals(s.get("codec_type").asText())) {
                return s;
            }
        }
        return null;
    }

    public String formatName() {
        return json.get("format").get("format_name").asText();
    }

    public double durationSeconds() {
        return json.get("format").get("duration").asDouble();
    }

    public double frameRate(JsonNode videoStream) {
        String[] r = videoStream.get("avg_frame_rate").asText().split("/");
        return Double.parseDouble(r[0]) / Double.parseDouble(r[1]);
    }

    /** The picture shown at {@code seconds}, as packed RGB. */
    public Rgb frameAt(double seconds) {
        JsonNode v = stream("video");
        int w = v.get("width").asInt();
        int h = v.get("height").asInt();
        byte[] raw = run(cmd(
                Tools.ffmpeg(),
                "-nostdin",
                "-v",
                "error",
                "-ss",
                String.format(java.util.Locale.ROOT, "%.3f", seconds),
                "-i",
                file.toString(),
                "-frames:v",
                "1",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgb24",
                "-"));
        if (raw.length != w * h * 3) {
            throw new AssertionError(
                    "expected one " + w + "x" + h + " frame at " + seconds + " s, got " + raw.length + " bytes");
        }
        return new Rgb(w, h, raw);
    }

    /** Output frame number {@code n} (0 is the first), decoded exactly rather than by seeking. */
    public Rgb frame(int n) {
        JsonNode v = stream("video");
        int w = v.get("width").asInt();
        int h = v.get("height").asInt();
        byte[] raw = run(cmd(
                Tools.ffmpeg(),
                "-nostdin",
                "-v",
                "error",
                "-i",
                file.toString(),
                "-vf",
                "select=eq(n\\," + n + ")",
                "-vsync",
                "0",
                "-frames:v",
                "1",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgb24",
                "-"));
        if (raw.length != w * h * 3) {
            throw new AssertionError("expected frame " + n + " of " + w + "x" + h + ", got " + raw.length + " bytes");
        }
        return new Rgb(w, h, raw);
    }

    /** The video stream's bit rate in bit/s as ffprobe reports it. */
    public long videoBitrate() {
        return stream("video").get("bit_rate").asLong();
    }

    /** Mono 48 kHz samples of the audio from {@code from} for {@code length} seconds. */
    public float[] audio(double from, double length) {
        byte[] raw = run(cmd(
                Tools.ffmpeg(),
                "-nostdin",
                "-v",
                "error",
                "-ss",
                String.format(java.util.Locale.ROOT, "%.3f", from),
                "-t",
                String.format(java.util.Locale.ROOT, "%.3f", length),
                "-i",
                file.toString(),
                "-vn",
                "-ac",
                "1",
                "-ar",
                "48000",
                "-f",
                "f32le",
                "-"));
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[raw.length / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    /** Amplitude of the {@code frequency} component of {@code samples} (Goertzel). */
    public static double toneAmplitude(float[] samples, double frequency) {
        int n = samples.length;
        double k = 2 * Math.cos(2 * Math.PI * frequency / 48_000);
        double s1 = 0;
        double s2 = 0;
        for (float x : samples) {
            double s0 = x + k * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - k * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / n;
    }

    /** A decoded picture. */
    public record Rgb(int width, int height, byte[] pixels) {

        public int[] at(int x, int y) {
            int i = (y * width + x) * 3;
            return new int[] {pixels[i] & 0xff, pixels[i + 1] & 0xff, pixels[i + 2] & 0xff};
        }

        /** Name of the nearest of the test colours at (x, y). */
        public String colourAt(int x, int y) {
            int[] p = at(x, y);
            String best = null;
            int bestD = Integer.MAX_VALUE;
            for (var e : COLOURS.entrySet()) {
                int[] c = e.getValue();
                int d = sq(p[0] - c[0]) + sq(p[1] - c[1]) + sq(p[2] - c[2]);
                if (d < bestD) {
                    bestD = d;
                    best = e.getKey();
                }
            }
            return bestD < 60 * 60 * 3 ? best : "rgb(" + p[0] + "," + p[1] + "," + p[2] + ")";
        }

        private static int sq(int v) {
            return v * v;
        }
    }

    static final java.util.Map<String, int[]> COLOURS = java.util.Map.of(
            "red", new int[] {255, 0, 0},
            "lime", new int[] {0, 255, 0},
            "blue", new int[] {0, 0, 255},
            "yellow", new int[] {255, 255, 0},
            "white", new int[] {255, 255, 255},
            "magenta", new int[] {255, 0, 255},
            "cyan", new int[] {0, 255, 255},
            "black", new int[] {0, 0, 0});
}

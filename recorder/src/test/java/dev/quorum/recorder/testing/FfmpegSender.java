package dev.quorum.recorder.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ffmpeg's own RTP muxer — a packetizer we did not write — sending a stream in real time
 * ({@code -re}). Sources are encoded beforehand and sent with {@code -c copy}, so sending stays in
 * real time even on a busy machine.
 */
public final class FfmpegSender {

    public static final int VIDEO_PT = 96;
    public static final int AUDIO_PT = 111;

    private FfmpegSender() {}

    /** A VP8 test pattern of {@code seconds} (keyframe every 2 s). */
    public static Path vp8Source(double seconds) {
        return vp8Source(seconds, 60);
    }

    /** A VP8 test pattern of {@code seconds} at 30 fps with a keyframe every {@code gop} frames. */
    public static Path vp8Source(double seconds, int gop) {
        return encode(
                "vp8-" + seconds + "-g" + gop + ".webm",
                seconds,
                "testsrc2=size=320x240:rate=30",
                "-c:v",
                "libvpx",
                "-deadline",
                "realtime",
                "-cpu-used",
                "8",
                "-b:v",
                "500k",
                "-g",
                String.valueOf(gop),
                "-keyint_min",
                String.valueOf(gop),
                "-auto-alt-ref",
                "0");
    }

    /**
     * An H.264 Constrained Baseline test pattern (keyframe every 2 s) whose keyframes repeat the
     * SPS and PPS in-band, as WebRTC senders do.
     */
    public static Path h264Source(double seconds) {
        return encode(
                "h264-" + seconds + ".mkv",
                seconds,
                "testsrc2=size=320x240:rate=30",
                "-c:v",
                "libx264",
                "-profile:v",
                "baseline",
                "-pix_fmt",
                "yuv420p",
                "-tune",
                "zerolatency",
                "-g",
                "60",
                "-b:v",
                "500k",
                "-x264-params",
                "repeat-headers=1");
    }

    /** A VP9 test pattern (keyframe every 2 s). */
    public static Path vp9Source(double seconds) {
        return encode(
                "vp9-" + seconds + ".webm",
                seconds,
                "testsrc2=size=320x240:rate=30",
                "-c:v",
                "libvpx-vp9",
                "-deadline",
                "realtime",
                "-cpu-used",
                "8",
                "-b:v",
                "500k",
                "-g",
                "60",
                "-lag-in-frames",
                "0");
    }

    /** A 440 Hz sine as 20 ms Opus packets. */
    public static Path opusSource(double seconds) {
        return encode(
                "opus-" + seconds + ".webm",
                seconds,
                "sine=frequency=440:sample_rate=48000",
                "-ac",
                "2",
                "-c:a",
                "libopus",
                "-b:a",
                "48k",
                "-frame_duration",
                "20");
    }

    private static Path encode(String name, double seconds, String lavfi, String... codecArgs) {
        Path out = Fixtures.dir().resolve("src-" + name);
        if (!Files.exists(out)) {
            List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", lavfi, "-t", String.valueOf(seconds)));
            args.addAll(List.of(codecArgs));
            Path tmp = out.resolveSibling("tmp-" + name);
            args.add(tmp.toString());
            Tools.ffmpeg(args.toArray(String[]::new));
            try {
                Files.move(tmp, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The arguments that send {@code source}'s first stream to {@code url} in real time. */
    public static List<String> send(Path source, int payloadType, String url) {
        // ffmpeg 5.1 marks its VP9 packetizer experimental.
        return List.of(
                "-re",
                "-i",
                source.toString(),
                "-map",
                "0:0",
                "-c",
                "copy",
                "-strict",
                "experimental",
                "-payload_type",
                String.valueOf(payloadType),
                "-f",
                "rtp",
                url);
    }

    /** Runs ffmpeg with {@code args} to completion; fails on a non-zero exit. */
    public static void run(List<String> args) {
        await(start(args), args);
    }

    public static Process start(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Tools.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error"));
        cmd.addAll(args);
        try {
            Path log = Files.createTempFile("ffmpeg-rtp", ".log");
            return new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void await(Process p, List<String> args) {
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("ffmpeg did not finish: " + args);
            }
            if (p.exitValue() != 0) {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                throw new AssertionError("ffmpeg failed (" + p.exitValue() + "): " + args + "\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

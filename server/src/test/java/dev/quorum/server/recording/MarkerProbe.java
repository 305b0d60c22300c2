package dev.quorum.server.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the markers of a {@link MarkerSource} again in recorded files, decoding them with Debian's
 * {@code ffmpeg}: flashes by each video frame's mean luma, beeps by the audio level in 2 ms steps.
 * Times are seconds of the file's own timeline; add the Recording's {@code offset} to place them on
 * the room's clock, as a composer does.
 */
final class MarkerProbe {

    private static final Pattern SHOWINFO =
            Pattern.compile("pts_time:\\s*(-?[0-9.]+).*?\\ss:(\\d+)x(\\d+).*?mean:\\[(\\d+)");
    private static final Pattern AUDIO_PTS = Pattern.compile("pts_time:\\s*(-?[0-9.]+)");
    private static final Pattern AUDIO_LEVEL = Pattern.compile("RMS_level=(-?inf|-?[0-9.]+)");
    /** Mean luma of a flash frame is about 235, of the dark picture about 30. */
    private static final int FLASH_LUMA = 128;
    /** The beep's level is about -5 dBFS; the silence between beeps decodes to -inf or below -60. */
    private static final double BEEP_DBFS = -20;

    private MarkerProbe() {}

    /** One decoded video frame: its file time, size and mean luma. */
    record VideoFrame(double time, int width, int height, int luma) {}

    /** Every decoded frame of a video file, in order. */
    static List<VideoFrame> videoFrames(Path file) {
        String log = run(List.of(
                "ffmpeg", "-nostdin", "-hide_banner", "-i", file.toString(), "-vf", "showinfo", "-f", "null", "-"));
        List<VideoFrame> out = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (!line.contains("Parsed_showinfo")) {
                continue;
            }
            Matcher m = SHOWINFO.matcher(line);
            if (m.find()) {
                out.add(new VideoFrame(
                        Double.parseDouble(m.group(1)),
                        Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4))));
            }
        }
        if (out.isEmpty()) {
            throw new AssertionError("ffmpeg decoded no video frame from " + file + ":\n" + log);
        }
        return out;
    }

    /**
     * File times (s) of the flashes. A flash starts with its first bright frame after a dark one,
     * and also lasts {@code flashSeconds}: an encoder that drops frames under load can only make
     * either edge late, so the earlier of the first bright frame and the first dark frame after it
     * less the flash's length is taken. A bright frame less than {@code apart} seconds after a
     * flash began (an encoder short of bits may leave a dark frame inside a flash) starts none.
     */
    static List<Double> flashes(List<VideoFrame> frames, double flashSeconds, double apart) {
        List<Double> out = new ArrayList<>();
        boolean bright = true; // a recording that starts inside a flash has no flash onset there
        double onset = Double.NaN;
        double lastOnset = Double.NEGATIVE_INFINITY;
        for (VideoFrame f : frames) {
            boolean now = f.luma() > FLASH_LUMA;
            if (now && !bright && f.time() - lastOnset >= apart) {
                onset = f.time();
                lastOnset = onset;
            } else if (!now && bright && !Double.isNaN(onset)) {
                out.add(Math.min(onset, f.time() - flashSeconds));
                onset = Double.NaN;
            }
            bright = now;
        }
        if (!Double.isNaN(onset)) {
            out.add(onset);
        }
        return out;
    }

    /** How often the picture size changed: each change is a different simulcast layer recorded. */
    static int sizeChanges(List<VideoFrame> frames) {
        int changes = 0;
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).width() != frames.get(i - 1).width()) {
                changes++;
            }
        }
        return changes;
    }

    /** File times (s) where a beep starts: the first 2 ms step above {@link #BEEP_DBFS} after a quiet one. */
    static List<Double> beeps(Path file) {
        String log = run(List.of(
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-i",
                file.toString(),
                "-af",
                "asetnsamples=n=96:p=0,astats=metadata=1:reset=1,"
                        + "ametadata=mode=print:key=lavfi.astats.Overall.RMS_level:file=-",
                "-f",
                "null",
                "-"));
        List<Double> out = new ArrayList<>();
        double time = Double.NaN;
        boolean loud = true;
        for (String line : log.split("\n")) {
            Matcher pts = AUDIO_PTS.matcher(line);
            if (pts.find()) {
                time = Double.parseDouble(pts.group(1));
                continue;
            }
            Matcher level = AUDIO_LEVEL.matcher(line);
            if (level.find()) {
                String v = level.group(1);
                boolean now = !v.endsWith("inf") && Double.parseDouble(v) > BEEP_DBFS;
                if (now && !loud) {
                    out.add(time);
                }
                loud = now;
            }
        }
        return out;
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("ffmpeg did not finish: " + command);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(
                    "ffmpeg could not run (" + e.getMessage() + "): the recording tests need"
                            + " Debian's ffmpeg package (apt-get install ffmpeg, or run bin/test)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

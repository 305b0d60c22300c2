package dev.quorum.server.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Every frame of a composed file, decoded by the real {@code ffmpeg} at a quarter of its size
 * (each pixel the average of 4×4): enough to say what colour a region of the canvas shows, frame
 * by frame. Coordinates are the file's own.
 */
final class ArchiveFrames {

    static final int SCALE = 4;

    private final int width;
    private final int height;
    private final List<byte[]> frames;

    private ArchiveFrames(int width, int height, List<byte[]> frames) {
        this.width = width;
        this.height = height;
        this.frames = frames;
    }

    /** Decodes {@code file}, a {@code width}x{@code height} video. */
    static ArchiveFrames decode(Path file, int width, int height) throws IOException, InterruptedException {
        int w = width / SCALE;
        int h = height / SCALE;
        Process p = new ProcessBuilder(
                        "/usr/bin/ffmpeg",
                        "-nostdin",
                        "-v",
                        "error",
                        "-i",
                        file.toString(),
                        "-an",
                        "-vf",
                        "scale=" + w + ":" + h + ":flags=area",
                        "-f",
                        "rawvideo",
                        "-pix_fmt",
                        "rgb24",
                        "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(all);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("ffmpeg could not decode " + file);
        }
        byte[] raw = all.toByteArray();
        int size = w * h * 3;
        List<byte[]> frames = new ArrayList<>();
        for (int off = 0; off + size <= raw.length; off += size) {
            byte[] f = new byte[size];
            System.arraycopy(raw, off, f, 0, size);
            frames.add(f);
        }
        return new ArchiveFrames(width, height, frames);
    }

    int count() {
        return frames.size();
    }

    /** {@code red}, {@code blue}, {@code black} or {@code other} at (x, y) of frame {@code n}. */
    String colourAt(int n, int x, int y) {
        byte[] f = frames.get(n);
        int i = ((y / SCALE) * (width / SCALE) + x / SCALE) * 3;
        int r = f[i] & 0xff;
        int g = f[i + 1] & 0xff;
        int b = f[i + 2] & 0xff;
        if (r > 150 && g < 90 && b < 90) {
            return "red";
        }
        if (b > 150 && r < 90 && g < 90) {
            return "blue";
        }
        if (r < 40 && g < 40 && b < 40) {
            return "black";
        }
        return "other(" + r + "," + g + "," + b + ")";
    }

    /** The colour expected at (x, y). */
    record Point(int x, int y, String colour) {}

    /** A picture of the canvas: the colours expected at some points. */
    record Picture(String name, List<Point> points) implements Predicate<ArchiveFrames.Frame> {

        static Picture of(String name, Object... xyColour) {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < xyColour.length; i += 3) {
                points.add(new Point((Integer) xyColour[i], (Integer) xyColour[i + 1], (String) xyColour[i + 2]));
            }
            return new Picture(name, points);
        }

        @Override
        public boolean test(ArchiveFrames.Frame f) {
            return points.stream().allMatch(p -> p.colour().equals(f.colourAt(p.x(), p.y())));
        }
    }

    /** Frame {@code n}. */
    Frame frame(int n) {
        return new Frame(n);
    }

    /** One decoded frame. */
    final class Frame {
        final int n;

        Frame(int n) {
            this.n = n;
        }

        String colourAt(int x, int y) {
            return ArchiveFrames.this.colourAt(n, x, y);
        }
    }

    /** The first frame from {@code from} on that shows {@code p}, or −1. */
    int first(Picture p, int from) {
        for (int n = Math.max(0, from); n < frames.size(); n++) {
            if (p.test(frame(n))) {
                return n;
            }
        }
        return -1;
    }

    /** How many of frames [{@code from}, {@code to}) show {@code p}. */
    int showing(Picture p, int from, int to) {
        int k = 0;
        for (int n = Math.max(0, from); n < Math.min(to, frames.size()); n++) {
            if (p.test(frame(n))) {
                k++;
            }
        }
        return k;
    }

    /** What frame {@code n} shows at each point of {@code p}, for messages. */
    String describe(Picture p, int n) {
        StringBuilder b = new StringBuilder("frame " + n + ":");
        p.points()
                .forEach(pt -> b.append(' ')
                        .append(pt.x())
                        .append(',')
                        .append(pt.y())
                        .append('=')
                        .append(colourAt(n, pt.x(), pt.y()))
                        .append(" (want ")
                        .append(pt.colour())
                        .append(')'));
        return b.toString();
    }
}

package dev.quorum.recorder.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encoded test media produced by the real ffmpeg (libvpx, libx264, libopus), read back frame by
 * frame from simple elementary-stream containers (IVF, Annex-B, Ogg) so tests can feed a writer
 * or a packetizer with frames we did not encode ourselves.
 */
public final class MediaFixtures {

    private MediaFixtures() {}

    public static List<EncodedFrame> vp8(Path dir, int width, int height, int fps, double seconds) {
        Path out = dir.resolve("vp8-" + width + "x" + height + "-" + fps + "-" + seconds + ".ivf");
        if (!Files.exists(out)) {
            Tools.ffmpeg(
                    "-f",
                    "lavfi",
                    "-i",
                    "testsrc2=size=" + width + "x" + height + ":rate=" + fps,
                    "-t",
                    String.valueOf(seconds),
                    "-c:v",
                    "libvpx",
                    "-deadline",
                    "realtime",
                    "-cpu-used",
                    "8",
                    "-g",
                    String.valueOf(fps),
                    "-b:v",
                    "400k",
                    "-auto-alt-ref",
                    "0",
                    "-f",
                    "ivf",
                    out.toString());
        }
        return readIvf(out, false);
    }

    public static List<EncodedFrame> vp9(Path dir, int width, int height, int fps, double seconds) {
        Path out = dir.resolve("vp9-" + width + "x" + height + "-" + fps + "-" + seconds + ".ivf");
        if (!Files.exists(out)) {
            Tools.ffmpeg(
                    "-f",
                    "lavfi",
                    "-i",
                    "testsrc2=size=" + width + "x" + height + ":rate=" + fps,
                    "-t",
                    String.valueOf(seconds),
                    "-c:v",
                    "libvpx-vp9",
                    "-deadline",
                    "realtime",
                    "-cpu-used",
                    "8",
                    "-g",
                    String.valueOf(fps),
                    "-b:v",
                    "400k",
                    "-lag-in-frames",
                    "0",
                    "-f",
                    "ivf",
                    out.toString());
        }
        return readIvf(out, true);
    }

    /** H.264 Constrained Baseline access units as 4-byte length-prefixed NAL units (AUD removed). */
    public static List<EncodedFrame> h264(Path dir, int width, int height, int fps, double seconds) {
        Path out = dir.resolve("h264-" + width + "x" + height + "-" + fps + "-" + seconds + ".h264");
        if (!Files.exists(out)) {
            Tools.ffmpeg(
                    "-f",
                    "lavfi",
                    "-i",
                    "testsrc2=size=" + width + "x" + height + ":rate=" + fps,
                    "-t",
                    String.valueOf(seconds),
                    "-c:v",
                    "libx264",
                    "-profile:v",
                    "baseline",
                    "-pix_fmt",
                    "yuv420p",
                    "-tune",
                    "zerolatency",
                    "-x264-params",
                    "aud=1:keyint=" + fps + ":min-keyint=" + fps,
                    "-f",
                    "h264",
                    out.toString());
        }
        return readAnnexB(out, fps);
    }

    /** Opus packets of a 48 kHz stereo sine at {@code frequency} Hz, 20 ms each. */
    public static List<EncodedFrame> opus(Path dir, int frequency, double seconds) {
        Path out = dir.resolve("opus-" + frequency + "-" + seconds + ".ogg");
        if (!Files.exists(out)) {
            Tools.ffmpeg(
                    "-f",
                    "lavfi",
                    "-i",
                    "sine=frequency=" + frequency + ":sample_rate=48000",
                    "-t",
                    String.valueOf(seconds),
                    "-ac",
                    "2",
                    "-c:a",
                    "libopus",
                    "-b:a",
                    "48k",
                    "-frame_duration",
                    "20",
                    "-f",
                    "ogg",
                    out.toString());
        }
        return readOggOpus(out);
    }

    static List<EncodedFrame> readIvf(Path file, boolean vp9) {
        ByteBuffer b = ByteBuffer.wrap(readAll(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = b.getShort(6) & 0xFFFF;
        int rate = b.getInt(16);
        int scale = b.getInt(20);
        b.position(headerLength);
        List<EncodedFrame> frames = new ArrayList<>();
        while (b.remaining() >= 12) {
            int size = b.getInt();
            long pts = b.getLong();
            byte[] data = new byte[size];
            b.get(data);
            boolean key = vp9 ? Vp9Header.isKeyframe(data) : (data[0] & 1) == 0;
            frames.add(new EncodedFrame(pts * 1000L * scale / rate, key, data));
        }
        return frames;
    }

    static List<EncodedFrame> readAnnexB(Path file, int fps) {
        byte[] s = readAll(file);
        List<int[]> nals = new ArrayList<>();
        int i = 0;
        int start = -1;
        while (i + 3 <= s.length) {
            if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
                if (start >= 0) {
                    int end = i;
                    while (end > start && s[end - 1] == 0) {
                        end--;
                    }
                    nals.add(new int[] {start, end});
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0) {
            nals.add(new int[] {start, s.length});
        }
        List<EncodedFrame> frames = new ArrayList<>();
        ByteArrayOutputStream au = null;
        boolean key = false;
        for (int[] n : nals) {
            int type = s[n[0]] & 0x1F;
            if (type == 9) {
                if (au != null && au.size() > 0) {
                    frames.add(new EncodedFrame(frames.size() * 1000L / fps, key, au.toByteArray()));
                }
                au = new ByteArrayOutputStream();
                key = false;
                continue;
            }
            if (au == null) {
                au = new ByteArrayOutputStream();
            }
            int len = n[1] - n[0];
            au.write(len >>> 24);
            au.write(len >>> 16);
            au.write(len >>> 8);
            au.write(len);
            au.write(s, n[0], len);
            key |= type == 5;
        }
        if (au != null && au.size() > 0) {
            frames.add(new EncodedFrame(frames.size() * 1000L / fps, key, au.toByteArray()));
        }
        return frames;
    }

    /** The NAL units (without length prefixes) of one length-prefixed access unit. */
    public static List<byte[]> nalUnits(byte[] avcc) {
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (p + 4 <= avcc.length) {
            int len = ((avcc[p] & 0xFF) << 24)
                    | ((avcc[p + 1] & 0xFF) << 16)
                    | ((avcc[p + 2] & 0xFF) << 8)
                    | (avcc[p + 3] & 0xFF);
            out.add(Arrays.copyOfRange(avcc, p + 4, p + 4 + len));
            p += 4 + len;
        }
        return out;
    }

    static List<EncodedFrame> readOggOpus(Path file) {
        byte[] s = readAll(file);
        List<byte[]> packets = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        int p = 0;
        while (p + 27 <= s.length) {
            if (s[p] != 'O' || s[p + 1] != 'g' || s[p + 2] != 'g' || s[p + 3] != 'S') {
                throw new IllegalStateException("Bad Ogg page at " + p);
            }
            int segments = s[p + 26] & 0xFF;
            int data = p + 27 + segments;
            for (int k = 0; k < segments; k++) {
                int lace = s[p + 27 + k] & 0xFF;
                current.write(s, data, lace);
                data += lace;
                if (lace < 255) {
                    packets.add(current.toByteArray());
                    current.reset();
                }
            }
            p = data;
        }
        List<EncodedFrame> frames = new ArrayList<>();
        // Packets 0 and 1 are OpusHead and OpusTags.
        for (int k = 2; k < packets.size(); k++) {
            frames.add(new EncodedFrame((k - 2) * 20L, true, packets.get(k)));
        }
        return frames;
    }

    static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

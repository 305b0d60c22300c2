package dev.quorum.composer.archive;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import dev.quorum.composer.engine.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Puts one stream segment of an individual archive into one file, without re-encoding: the
 * segment's audio recordings and video recordings (each a per-track Matroska file of the
 * recorder, placed on the wall clock by its offset) become one audio and one video track of a
 * WebM (VP8, VP9) or Matroska (H.264) file whose clock starts at the segment's start.
 *
 * <p>Unlike the hosted service's raw dumps, the headers carry the picture size the first
 * keyframe really has (read from the bitstream), and timestamps are strictly increasing per track:
 * each recording is shifted by its offset, and a timestamp that would not advance is moved one
 * millisecond past the previous one. Video starts on a keyframe.
 */
public final class StreamSegmentMuxer {

    /** One recording: the file and the wall-clock time (ms) of its first frame. */
    public record Input(Path file, long offsetMs) {}

    /** What was written: the file's length in ms and the video size (0 without video). */
    public record Result(long durationMs, int width, int height) {}

    private static final AVRational MS = new AVRational().num(1).den(1000);

    private StreamSegmentMuxer() {}

    /**
     * @param audio   audio recordings in time order (may be empty)
     * @param video   video recordings in time order, of one codec (may be empty)
     * @param startMs wall-clock time the output's clock starts at
     * @param format  {@code webm} or {@code matroska}
     */
    public static Result mux(List<Input> audio, List<Input> video, long startMs, Path out, String format)
            throws IOException {
        Ffmpeg.init();
        List<Cursor> cursors = new ArrayList<>();
        AVFormatContext octx = new AVFormatContext(null);
        boolean opened = false;
        boolean written = false;
        AVPacket packet = av_packet_alloc();
        try {
            check(
                    avformat_alloc_output_context2(octx, (AVOutputFormat) null, format, out.toString()),
                    "create " + format);
            int[] size = new int[2];
            if (!audio.isEmpty()) {
                cursors.add(new Cursor(audio, AVMEDIA_TYPE_AUDIO, octx, startMs, null));
            }
            if (!video.isEmpty()) {
                cursors.add(new Cursor(video, AVMEDIA_TYPE_VIDEO, octx, startMs, size));
            }
            AVIOContext pb = new AVIOContext(null);
            check(avio_open(pb, out.toString(), AVIO_FLAG_WRITE), "open " + out.getFileName());
            octx.pb(pb);
            opened = true;
            check(avformat_write_header(octx, (AVDictionary) null), "write the header");
            long end = 0;
            while (true) {
                Cursor next = null;
                for (Cursor c : cursors) {
                    if (c.peek(packet) && (next == null || c.nextMs < next.nextMs)) {
                        next = c;
                    }
                }
                if (next == null) {
                    break;
                }
                end = Math.max(end, next.write(octx));
            }
            check(av_write_trailer(octx), "write the trailer");
            written = true;
            return new Result(end, size[0], size[1]);
        } finally {
            for (Cursor c : cursors) {
                c.close();
            }
            av_packet_free(packet);
            if (opened) {
                avio_closep(octx.pb());
            }
            avformat_free_context(octx);
            if (!written) {
                Files.deleteIfExists(out);
            }
        }
    }

    /** Reads one kind of media from consecutive recordings into one output track. */
    private static final class Cursor {
        final List<Input> inputs;
        final int type;
        final long startMs;
        final int outIndex;
        final AVRational outBase;
        int input = -1;
        AVFormatContext in;
        int stream = -1;
        AVRational base;
        long firstTs = AV_NOPTS_VALUE;
        boolean keyframeSeen;
        AVPacket held;
        long nextMs;
        long lastDts = Long.MIN_VALUE;

        Cursor(List<Input> inputs, int type, AVFormatContext octx, long startMs, int[] size) throws IOException {
            this.inputs = inputs;
            this.type = type;
            this.startMs = startMs;
            openNext();
            if (in == null) {
                throw new IOException("no readable " + (type == AVMEDIA_TYPE_VIDEO ? "video" : "audio") + " recording");
            }
            AVStream os = avformat_new_stream(octx, null);
            check(avcodec_parameters_copy(os.codecpar(), in.streams(stream).codecpar()), "copy stream parameters");
            os.codecpar().codec_tag(0);
            os.time_base(MS);
            outIndex = os.index();
            outBase = MS;
            if (size != null) {
                size[0] = os.codecpar().width();
                size[1] = os.codecpar().height();
            }
        }

        private void openNext() throws IOException {
            closeInput();
            while (++input < inputs.size()) {
                AVFormatContext ctx = new AVFormatContext(null);
                if (avformat_open_input(ctx, inputs.get(input).file().toString(), null, null) < 0) {
                    continue;
                }
                int idx = avformat_find_stream_info(ctx, (PointerPointer<?>) null) < 0
                        ? -1
                        : av_find_best_stream(ctx, type, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
                if (idx < 0) {
                    avformat_close_input(ctx);
                    continue;
                }
                in = ctx;
                stream = idx;
                base = ctx.streams(idx).time_base();
                firstTs = AV_NOPTS_VALUE;
                keyframeSeen = type != AVMEDIA_TYPE_VIDEO;
                return;
            }
        }

        /** True if a packet is ready ({@link #nextMs} is its output time in ms). */
        boolean peek(AVPacket scratch) throws IOException {
            while (held == null && in != null) {
                int r = av_read_frame(in, scratch);
                if (r < 0) {
                    openNext();
                    continue;
                }
                if (scratch.stream_index() != stream
                        || scratch.size() == 0
                        || (!keyframeSeen && (scratch.flags() & AV_PKT_FLAG_KEY) == 0)) {
                    av_packet_unref(scratch);
                    continue;
                }
                keyframeSeen = true;
                long ts = scratch.dts() != AV_NOPTS_VALUE ? scratch.dts() : scratch.pts();
                if (firstTs == AV_NOPTS_VALUE) {
                    firstTs = ts;
                }
                long ms = inputs.get(input).offsetMs() - startMs + av_rescale_q(ts - firstTs, base, MS);
                held = av_packet_alloc();
                org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref(held, scratch);
                nextMs = Math.max(ms, 0);
            }
            return held != null;
        }

        /** Writes the held packet; returns its end time in ms. */
        long write(AVFormatContext octx) {
            long dts = Math.max(nextMs, lastDts + 1);
            lastDts = dts;
            long duration = held.duration() > 0 ? av_rescale_q(held.duration(), base, outBase) : 0;
            held.dts(dts);
            held.pts(dts);
            held.duration(duration);
            held.stream_index(outIndex);
            held.pos(-1);
            check(av_interleaved_write_frame(octx, held), "write a packet");
            av_packet_free(held);
            held = null;
            return dts + duration;
        }

        void close() {
            if (held != null) {
                av_packet_free(held);
                held = null;
            }
            closeInput();
            input = inputs.size();
        }

        private void closeInput() {
            if (in != null) {
                avformat_close_input(in);
                in = null;
            }
        }
    }

    private static int check(int ret, String what) {
        if (ret < 0) {
            byte[] buf = new byte[256];
            av_strerror(ret, buf, buf.length);
            String msg = new String(buf, java.nio.charset.StandardCharsets.UTF_8)
                    .trim()
                    .replace("\0", "");
            throw new IllegalStateException("FFmpeg could not " + what + ": " + msg);
        }
        return ret;
    }
}

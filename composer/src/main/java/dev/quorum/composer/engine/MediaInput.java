package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOMEM;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One recording opened for decoding: the demuxer, the best stream of one media type, its decoder
 * and the frame it decodes into. Confined to one thread; {@link #close()} frees every FFmpeg
 * structure it allocated.
 *
 * <p>A damaged file decodes as far as it can: packets the decoder refuses are counted and skipped,
 * a read error ends the stream early, as a truncated file does.
 */
final class MediaInput implements AutoCloseable {

    private final AVFormatContext format;
    /** For a growing file: the custom I/O the demuxer reads through, freed with this input. */
    private AVIOContext io;

    private GrowingFile growing;
    private final AVCodecContext decoder;
    private final AVPacket packet;
    private final AVFrame frame;
    private final int streamIndex;
    private final long tbNum;
    private final long tbDen;
    private long base = AV_NOPTS_VALUE;
    private long lastTs = AV_NOPTS_VALUE;
    private boolean draining;
    private int rejectedPackets;
    private int readErrors;

    private MediaInput(AVFormatContext format, AVCodecContext decoder, int streamIndex, AVRational tb) {
        this.format = format;
        this.decoder = decoder;
        this.streamIndex = streamIndex;
        this.tbNum = tb.num();
        this.tbDen = tb.den();
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
    }

    /**
     * Opens {@code file} and the decoder of its best stream of {@code mediaType}
     * ({@code AVMEDIA_TYPE_VIDEO} or {@code AVMEDIA_TYPE_AUDIO}).
     *
     * @throws FfmpegException when the file cannot be read or has no decodable stream of that type
     */
    static MediaInput open(Path file, int mediaType, int threads) {
        Ffmpeg.init();
        AVFormatContext fmt = new AVFormatContext(null);
        FfmpegException.check(avformat_open_input(fmt, file.toString(), null, null), "open " + file.getFileName());
        return openStream(fmt, mediaType, threads);
    }

    /**
     * Opens a recording still being written: reads wait for the file to grow (see
     * {@link GrowingFile}), so this call itself waits until the file's header and first frames
     * are there. Decoding is single-threaded: frame threads would hold decoded pictures back
     * until later packets arrive.
     *
     * @throws FfmpegException as {@link #open(Path, int, int)}
     */
    static MediaInput openGrowing(GrowingFile file, int mediaType) {
        Ffmpeg.init();
        BytePointer buffer = new BytePointer(av_malloc(IO_BUFFER));
        AVIOContext io = avio_alloc_context(buffer, IO_BUFFER, 0, file.opaque(), GrowingFile.callback(), null, null);
        if (io == null) {
            av_free(buffer);
            throw new FfmpegException("allocate input for " + file.path().getFileName(), AVERROR_ENOMEM());
        }
        AVFormatContext fmt = avformat_alloc_context();
        fmt.pb(io);
        fmt.flags(fmt.flags() | AVFormatContext.AVFMT_FLAG_CUSTOM_IO);
        // Stream info comes from the track header and the first frames; do not wait for seconds of them.
        fmt.max_analyze_duration(500_000);
        int r = avformat_open_input(fmt, (String) null, null, null);
        if (r < 0) {
            // avformat_open_input freed the context on failure, but not the custom I/O.
            freeIo(io);
            FfmpegException.check(r, "open " + file.path().getFileName());
        }
        try {
            MediaInput in = openStream(fmt, mediaType, 1);
            in.io = io;
            in.growing = file;
            return in;
        } catch (RuntimeException e) {
            freeIo(io);
            throw e;
        }
    }

    private static void freeIo(AVIOContext io) {
        av_free(io.buffer());
        avio_context_free(io);
    }

    private static final int IO_BUFFER = 64 * 1024;

    private static MediaInput openStream(AVFormatContext fmt, int mediaType, int threads) {
        AVCodecContext ctx = null;
        try {
            FfmpegException.check(avformat_find_stream_info(fmt, (PointerPointer<?>) null), "read stream info");
            int index = FfmpegException.check(
                    av_find_best_stream(fmt, mediaType, -1, -1, (AVCodec) null, 0),
                    "find a " + (mediaType == org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO ? "video" : "audio")
                            + " stream");
            AVStream stream = fmt.streams(index);
            AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
            if (codec == null) {
                throw new FfmpegException(
                        "no decoder for codec id " + stream.codecpar().codec_id(),
                        org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND);
            }
            ctx = avcodec_alloc_context3(codec);
            FfmpegException.check(avcodec_parameters_to_context(ctx, stream.codecpar()), "configure decoder");
            ctx.thread_count(threads);
            ctx.pkt_timebase(stream.time_base());
            FfmpegException.check(
                    avcodec_open2(ctx, codec, (AVDictionary) null),
                    "open decoder " + codec.name().getString());
            MediaInput in = new MediaInput(fmt, ctx, index, stream.time_base());
            if (stream.start_time() != AV_NOPTS_VALUE) {
                in.base = stream.start_time();
            }
            return in;
        } catch (RuntimeException e) {
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
            avformat_close_input(fmt);
            throw e;
        }
    }

    /**
     * Decodes the next frame into {@link #frame()}, valid until the next call.
     *
     * @return false at the end of the stream
     */
    boolean next() {
        while (true) {
            int r = avcodec_receive_frame(decoder, frame);
            if (r >= 0) {
                long ts = frame.best_effort_timestamp();
                if (ts == AV_NOPTS_VALUE) {
                    ts = lastTs;
                }
                if (base == AV_NOPTS_VALUE) {
                    base = ts;
                }
                lastTs = ts;
                return true;
            }
            if (r == AVERROR_EOF) {
                return false;
            }
            if (r != AVERROR_EAGAIN()) {
                // A frame the decoder could not rebuild; later packets may still decode.
                rejectedPackets++;
                if (draining) {
                    return false;
                }
            }
            if (draining) {
                continue;
            }
            int rr = av_read_frame(format, packet);
            if (rr < 0) {
                if (rr != AVERROR_EOF) {
                    readErrors++;
                }
                avcodec_send_packet(decoder, null);
                draining = true;
                continue;
            }
            if (packet.stream_index() == streamIndex) {
                int s = avcodec_send_packet(decoder, packet);
                if (s < 0 && s != AVERROR_EAGAIN()) {
                    rejectedPackets++;
                }
            }
            av_packet_unref(packet);
        }
    }

    /** The frame last decoded; owned by this input. */
    AVFrame frame() {
        return frame;
    }

    AVCodecContext decoder() {
        return decoder;
    }

    /** Time of the current frame from the start of the stream, scaled to units of 1/{@code rate} s. */
    long frameTime(long rate) {
        if (lastTs == AV_NOPTS_VALUE || base == AV_NOPTS_VALUE) {
            return 0;
        }
        return Math.floorDiv((lastTs - base) * tbNum * rate, tbDen);
    }

    /** Packets the decoder refused or could not turn into frames. */
    int rejectedPackets() {
        return rejectedPackets;
    }

    /** Read errors other than the end of the file (at most one: the stream ends there). */
    int readErrors() {
        return readErrors;
    }

    @Override
    public void close() {
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(decoder);
        avformat_close_input(format);
        if (io != null) {
            freeIo(io);
            io = null;
        }
    }

    /** The growing file this input reads, or null for a finished file. */
    GrowingFile growing() {
        return growing;
    }
}

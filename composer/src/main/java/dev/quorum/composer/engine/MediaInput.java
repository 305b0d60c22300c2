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
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
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
    }
}

package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import dev.quorum.composer.OutputFormat;
import dev.quorum.composer.RateControl;
import dev.quorum.composer.Resolution;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * One output encoder: H.264 (OpenH264) or VP8 (libvpx) for video, AAC or Opus (libopus) for
 * audio, at 48 kHz stereo. Every packet goes straight to the {@link Muxer}. Confined to one thread.
 */
final class Encoder implements AutoCloseable {

    static final int SAMPLE_RATE = 48_000;

    private final AVCodecContext context;
    private final AVPacket packet = av_packet_alloc();
    private Muxer muxer;
    private int streamIndex = -1;
    private long packets;

    private Encoder(AVCodecContext context) {
        this.context = context;
    }

    /**
     * A video encoder. With {@link RateControl.Mode#AUTO} the bit rate is the settings' per-pixel
     * target, which OpenH264's bitrate mode and libvpx treat as a ceiling. A constant bit rate uses
     * OpenH264's bitrate mode (or libvpx CBR) at that rate with the QP free to reach 51, so the
     * rate holds even on hard pictures. A constant QP uses OpenH264's quality mode with the QP
     * pinned ({@code qmin = qmax}): its rate control then has nothing to choose, and every
     * macroblock is coded at that QP (OpenH264's {@code rc_mode=off} would not do: FFmpeg cannot
     * set the QP it then uses, fixed at 26).
     */
    static Encoder video(
            OutputFormat format, Resolution size, EngineSettings settings, RateControl rate, boolean globalHeader) {
        String name = format == OutputFormat.MP4 ? "libopenh264" : "libvpx";
        AVCodecContext ctx = allocate(name);
        ctx.width(size.width());
        ctx.height(size.height());
        ctx.pix_fmt(AV_PIX_FMT_YUV420P);
        ctx.time_base(av_make_q(1, settings.frameRate()));
        ctx.framerate(av_make_q(settings.frameRate(), 1));
        ctx.bit_rate(settings.videoBitrate(size.width(), size.height()));
        ctx.gop_size(settings.frameRate() * settings.keyframeSeconds());
        ctx.max_b_frames(0);
        ctx.thread_count(settings.encoderThreads());
        AVDictionary opts = new AVDictionary(null);
        if (format == OutputFormat.MP4) {
            // Frames are never skipped: the output keeps its constant frame rate.
            av_dict_set(opts, "allow_skip_frames", "0", 0);
            switch (rate.mode()) {
                case AUTO -> av_dict_set(opts, "rc_mode", "bitrate", 0);
                case CONSTANT_BITRATE -> {
                    av_dict_set(opts, "rc_mode", "bitrate", 0);
                    ctx.bit_rate(rate.value());
                    ctx.rc_max_rate(rate.value());
                    ctx.qmax(51);
                }
                case CONSTANT_QP -> {
                    av_dict_set(opts, "rc_mode", "quality", 0);
                    ctx.qmin(rate.value());
                    ctx.qmax(rate.value());
                }
            }
        } else {
            if (rate.mode() == RateControl.Mode.CONSTANT_QP) {
                avcodec_free_context(ctx);
                av_dict_free(opts);
                throw new IllegalArgumentException("a constant QP needs H.264 (mp4)");
            }
            if (rate.mode() == RateControl.Mode.CONSTANT_BITRATE) {
                // libvpx codes constant bit rate when the minimum and maximum rates equal the target.
                ctx.bit_rate(rate.value());
                ctx.rc_max_rate(rate.value());
                ctx.rc_min_rate(rate.value());
            } else {
                ctx.rc_min_rate(0);
            }
            // Real-time speed settings: the output is for viewing a meeting, not for archiving film.
            av_dict_set(opts, "deadline", "realtime", 0);
            av_dict_set(opts, "cpu-used", "8", 0);
            av_dict_set(opts, "lag-in-frames", "0", 0);
            ctx.qmin(4);
            ctx.qmax(48);
        }
        return open(ctx, name, opts, globalHeader);
    }

    static Encoder audio(OutputFormat format, EngineSettings settings, boolean globalHeader) {
        String name = format == OutputFormat.MP4 ? "aac" : "libopus";
        AVCodecContext ctx = allocate(name);
        ctx.sample_fmt(format == OutputFormat.MP4 ? AV_SAMPLE_FMT_FLTP : AV_SAMPLE_FMT_FLT);
        ctx.sample_rate(SAMPLE_RATE);
        av_channel_layout_default(ctx.ch_layout(), 2);
        ctx.bit_rate(settings.audioBitrate());
        ctx.time_base(av_make_q(1, SAMPLE_RATE));
        return open(ctx, name, new AVDictionary(null), globalHeader);
    }

    private static AVCodecContext allocate(String name) {
        Ffmpeg.init();
        AVCodec codec = avcodec_find_encoder_by_name(name);
        if (codec == null) {
            throw new FfmpegException(
                    "no " + name + " encoder in this FFmpeg build",
                    org.bytedeco.ffmpeg.global.avutil.AVERROR_ENCODER_NOT_FOUND);
        }
        return avcodec_alloc_context3(codec);
    }

    private static Encoder open(AVCodecContext ctx, String name, AVDictionary opts, boolean globalHeader) {
        try {
            if (globalHeader) {
                ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            FfmpegException.check(avcodec_open2(ctx, avcodec_find_encoder_by_name(name), opts), "open encoder " + name);
            return new Encoder(ctx);
        } catch (RuntimeException e) {
            avcodec_free_context(ctx);
            throw e;
        } finally {
            av_dict_free(opts);
        }
    }

    AVCodecContext context() {
        return context;
    }

    /** Samples per audio frame the encoder wants (1024 AAC, 960 Opus). */
    int frameSize() {
        return context.frame_size();
    }

    /** Interleaved float ({@code FLT}) or planar float ({@code FLTP}). */
    boolean planarAudio() {
        return context.sample_fmt() == AV_SAMPLE_FMT_FLTP;
    }

    void connect(Muxer muxer) {
        this.muxer = muxer;
        this.streamIndex = muxer.addStream(context);
    }

    /**
     * Encodes one frame (borrowed: the encoder takes its own reference), or flushes with null, and
     * writes every packet that comes out.
     */
    void send(AVFrame frame) {
        int r = avcodec_send_frame(context, frame);
        if (r < 0 && !(frame == null && r == AVERROR_EOF)) {
            FfmpegException.check(r, "encode");
        }
        while (true) {
            int rr = avcodec_receive_packet(context, packet);
            if (rr == AVERROR_EAGAIN() || rr == AVERROR_EOF) {
                return;
            }
            FfmpegException.check(rr, "encode");
            if (packet.duration() == 0 && context.codec_type() == AVMEDIA_TYPE_VIDEO) {
                // OpenH264 leaves it unset; MP4 would then end the track where the last frame starts and
                // players would drop that frame. Every frame lasts one tick of the 1/fps time base.
                packet.duration(1);
            }
            muxer.write(packet, streamIndex, context);
            packets++;
        }
    }

    long packets() {
        return packets;
    }

    @Override
    public void close() {
        av_packet_free(packet);
        avcodec_free_context(context);
    }
}

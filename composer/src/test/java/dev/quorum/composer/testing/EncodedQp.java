package dev.quorum.composer.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_EXPORT_DATA_VIDEO_ENC_PARAMS;
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
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_VIDEO_ENC_PARAMS;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_side_data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVFrameSideData;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The quantiser every macroblock of an H.264 file was coded with, as FFmpeg's decoder reports it
 * ({@code export_side_data=venc_params}). The parameters' C layout (libavutil/video_enc_params.h)
 * is read directly: the Java bindings do not map it.
 */
public final class EncodedQp {

    /** The lowest and highest macroblock QP of one decoded picture. */
    public record Range(int min, int max) {}

    private EncodedQp() {}

    public static List<Range> perFrame(Path file) {
        List<Range> out = new ArrayList<>();
        AVFormatContext in = new AVFormatContext(null);
        if (avformat_open_input(in, file.toString(), null, null) < 0) {
            throw new AssertionError("cannot open " + file);
        }
        AVCodecContext ctx = null;
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            avformat_find_stream_info(in, (PointerPointer<?>) null);
            int stream = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            AVCodec codec = avcodec_find_decoder(in.streams(stream).codecpar().codec_id());
            ctx = avcodec_alloc_context3(codec);
            avcodec_parameters_to_context(ctx, in.streams(stream).codecpar());
            ctx.export_side_data(ctx.export_side_data() | AV_CODEC_EXPORT_DATA_VIDEO_ENC_PARAMS);
            avcodec_open2(ctx, codec, (AVDictionary) null);
            while (av_read_frame(in, packet) >= 0) {
                if (packet.stream_index() == stream) {
                    avcodec_send_packet(ctx, packet);
                    drain(ctx, frame, out);
                }
                av_packet_unref(packet);
            }
            avcodec_send_packet(ctx, null);
            drain(ctx, frame, out);
            return out;
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
            avformat_close_input(in);
        }
    }

    private static void drain(AVCodecContext ctx, AVFrame frame, List<Range> out) {
        while (avcodec_receive_frame(ctx, frame) >= 0) {
            AVFrameSideData sd = av_frame_get_side_data(frame, AV_FRAME_DATA_VIDEO_ENC_PARAMS);
            if (sd == null) {
                throw new AssertionError("the decoder exported no encoding parameters");
            }
            ByteBuffer b = sd.data().capacity(sd.size()).asByteBuffer().order(ByteOrder.nativeOrder());
            // struct AVVideoEncParams { unsigned nb_blocks; size_t blocks_offset; size_t block_size; type; int32 qp; …
            // }
            int blocks = b.getInt(0);
            long offset = b.getLong(8);
            long size = b.getLong(16);
            int qp = b.getInt(28);
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (int i = 0; i < blocks; i++) {
                // struct AVVideoBlockParams { int src_x, src_y, w, h; int32 delta_qp; }
                int q = qp + b.getInt((int) (offset + i * size + 16));
                min = Math.min(min, q);
                max = Math.max(max, q);
            }
            out.add(blocks == 0 ? new Range(qp, qp) : new Range(min, max));
        }
    }
}

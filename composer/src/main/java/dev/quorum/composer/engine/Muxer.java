package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import dev.quorum.composer.OutputFormat;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * The output file: MP4 (moov first, so playback can start before the download ends) or WebM.
 * Encoders on different threads write through {@link #write}, which serialises them; FFmpeg
 * interleaves the streams by time.
 */
final class Muxer implements AutoCloseable {

    private final AVFormatContext context;
    private final Path file;
    private final OutputFormat format;
    private boolean headerWritten;
    private boolean opened;

    private Muxer(AVFormatContext context, Path file, OutputFormat format) {
        this.context = context;
        this.file = file;
        this.format = format;
    }

    static Muxer create(Path file, OutputFormat format) {
        Ffmpeg.init();
        AVFormatContext ctx = new AVFormatContext(null);
        FfmpegException.check(
                avformat_alloc_output_context2(ctx, (AVOutputFormat) null, format.wireName(), file.toString()),
                "create the " + format.wireName() + " output");
        return new Muxer(ctx, file, format);
    }

    /** True if encoders must put codec headers in extradata rather than in the stream. */
    boolean wantsGlobalHeader() {
        return (context.oformat().flags() & AVFMT_GLOBALHEADER) != 0;
    }

    /** Adds a stream fed by {@code encoder} (opened); returns its index. */
    int addStream(AVCodecContext encoder) {
        AVStream st = avformat_new_stream(context, null);
        if (st == null) {
            throw new FfmpegException("add an output stream", org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOMEM());
        }
        FfmpegException.check(avcodec_parameters_from_context(st.codecpar(), encoder), "describe an output stream");
        st.time_base(encoder.time_base());
        return st.index();
    }

    /** Opens the file and writes the header; streams are fixed after this. */
    void start() {
        AVIOContext pb = new AVIOContext(null);
        FfmpegException.check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "open " + file + " for writing");
        context.pb(pb);
        opened = true;
        AVDictionary opts = new AVDictionary(null);
        try {
            if (format == OutputFormat.MP4) {
                av_dict_set(opts, "movflags", "+faststart", 0);
            }
            FfmpegException.check(avformat_write_header(context, opts), "write the " + format.wireName() + " header");
            headerWritten = true;
        } finally {
            av_dict_free(opts);
        }
    }

    /**
     * Writes one encoded packet. Takes ownership of the packet's data (the packet is left blank for
     * reuse); {@code encoder} gives the time base its timestamps are in.
     */
    synchronized void write(AVPacket packet, int streamIndex, AVCodecContext encoder) {
        packet.stream_index(streamIndex);
        av_packet_rescale_ts(
                packet, encoder.time_base(), context.streams(streamIndex).time_base());
        FfmpegException.check(av_interleaved_write_frame(context, packet), "write a packet");
    }

    /** Writes the index and trailer; for MP4 this moves the index to the front (a second pass). */
    synchronized void finish() {
        FfmpegException.check(av_write_trailer(context), "finish the " + format.wireName() + " file");
    }

    @Override
    public void close() {
        if (opened) {
            avio_closep(context.pb());
        }
        avformat_free_context(context);
        if (!headerWritten) {
            file.toFile().delete();
        }
    }
}

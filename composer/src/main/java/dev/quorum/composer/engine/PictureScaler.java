package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import dev.quorum.composer.layout.Rect;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Scales decoded pictures to the size of the cell they will be drawn in, on the source's own
 * decoding thread, so scaling runs in parallel across sources instead of on the compositor.
 * One scaler per target size; each adapts when the source changes resolution. Confined to one
 * thread.
 */
final class PictureScaler implements AutoCloseable {

    private final Map<Long, SwsContext> contexts = new HashMap<>();

    /**
     * A new 4:2:0 picture of {@code width}×{@code height} holding the {@code crop} of {@code src}
     * scaled; the caller frees it.
     */
    AVFrame scale(AVFrame whole, Rect crop, int width, int height) {
        AVFrame src = Crops.view(whole, crop);
        try {
            return scaleWhole(src, width, height);
        } finally {
            Crops.release(src, whole);
        }
    }

    private AVFrame scaleWhole(AVFrame src, int width, int height) {
        long key = ((long) width << 32) | height;
        SwsContext ctx = sws_getCachedContext(
                contexts.get(key),
                src.width(),
                src.height(),
                src.format(),
                width,
                height,
                AV_PIX_FMT_YUV420P,
                SWS_BILINEAR,
                null,
                null,
                (DoublePointer) null);
        if (ctx == null) {
            throw new FfmpegException(
                    "set up scaling from " + src.width() + "x" + src.height(),
                    org.bytedeco.ffmpeg.global.avutil.AVERROR_EINVAL());
        }
        contexts.put(key, ctx);
        AVFrame out = av_frame_alloc();
        out.format(AV_PIX_FMT_YUV420P);
        out.width(width);
        out.height(height);
        int r = av_frame_get_buffer(out, 32);
        if (r < 0) {
            av_frame_free(out);
            throw new FfmpegException("allocate a scaled picture", r);
        }
        sws_scale(ctx, src.data(), src.linesize(), 0, src.height(), out.data(), out.linesize());
        return out;
    }

    @Override
    public void close() {
        contexts.values().forEach(c -> {
            if (c != null) {
                sws_freeContext(c);
            }
        });
        contexts.clear();
    }
}

package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_is_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_plane;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import dev.quorum.composer.layout.Framing;
import dev.quorum.composer.layout.Rect;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One output picture, 4:2:0 planar, that sources are scaled into. Several canvases circulate
 * between the compositor and the encoder so both work at once.
 */
final class Canvas implements AutoCloseable {

    /** Limited-range black. */
    private static final int BLACK_Y = 16;

    private static final int BLACK_UV = 128;

    private final int width;
    private final int height;
    private final AVFrame frame;
    private final PointerPointer<BytePointer> dstPlanes = new PointerPointer<>(4);
    private final IntPointer dstStrides = new IntPointer(4);

    Canvas(int width, int height) {
        this.width = width;
        this.height = height;
        this.frame = av_frame_alloc();
        allocate();
    }

    private void allocate() {
        frame.format(AV_PIX_FMT_YUV420P);
        frame.width(width);
        frame.height(height);
        FfmpegException.check(av_frame_get_buffer(frame, 32), "allocate a canvas");
    }

    AVFrame frame() {
        return frame;
    }

    /**
     * Makes the canvas writable and black. An encoder that still holds a reference to the previous
     * picture keeps it; the canvas takes fresh buffers instead of copying.
     */
    void clear() {
        if (av_frame_is_writable(frame) == 0) {
            av_frame_unref(frame);
            allocate();
        }
        Pointer.memset(frame.data(0), BLACK_Y, (long) frame.linesize(0) * height);
        Pointer.memset(frame.data(1), BLACK_UV, (long) frame.linesize(1) * (height / 2));
        Pointer.memset(frame.data(2), BLACK_UV, (long) frame.linesize(2) * (height / 2));
    }

    /**
     * Paints {@code area} black: the bars around a fitted picture, or a cell whose source has no
     * picture yet, must hide whatever a lower region drew there.
     */
    void fillBlack(Rect area) {
        int x0 = Math.max(0, area.x());
        int y0 = Math.max(0, area.y());
        int x1 = Math.min(width, area.right());
        int y1 = Math.min(height, area.bottom());
        if (x1 <= x0 || y1 <= y0) {
            return;
        }
        BytePointer y = frame.data(0);
        BytePointer u = frame.data(1);
        BytePointer v = frame.data(2);
        int ly = frame.linesize(0);
        int lu = frame.linesize(1);
        int lv = frame.linesize(2);
        for (int row = y0; row < y1; row++) {
            Pointer.memset(y.position((long) row * ly + x0), BLACK_Y, x1 - x0);
        }
        // Chroma covers every 2x2 block the area touches.
        int cx0 = x0 / 2;
        int cx1 = (x1 + 1) / 2;
        for (int row = y0 / 2; row < (y1 + 1) / 2; row++) {
            Pointer.memset(u.position((long) row * lu + cx0), BLACK_UV, cx1 - cx0);
            Pointer.memset(v.position((long) row * lv + cx0), BLACK_UV, cx1 - cx0);
        }
    }

    /** Copies {@code src}, a 4:2:0 picture exactly the size of {@code dst}, into the canvas at {@code dst}. */
    void copy(AVFrame src, Rect dst) {
        int ly = frame.linesize(0);
        int lu = frame.linesize(1);
        int lv = frame.linesize(2);
        av_image_copy_plane(
                frame.data(0).position((long) dst.y() * ly + dst.x()),
                ly,
                src.data(0),
                src.linesize(0),
                dst.width(),
                dst.height());
        av_image_copy_plane(
                frame.data(1).position((long) (dst.y() / 2) * lu + dst.x() / 2),
                lu,
                src.data(1),
                src.linesize(1),
                dst.width() / 2,
                dst.height() / 2);
        av_image_copy_plane(
                frame.data(2).position((long) (dst.y() / 2) * lv + dst.x() / 2),
                lv,
                src.data(2),
                src.linesize(2),
                dst.width() / 2,
                dst.height() / 2);
    }

    /**
     * Scales the framing's crop of {@code whole} into its target (even position and size, inside
     * the canvas).
     *
     * @param sws the scaler used last time for this source and size, or null
     * @return the scaler to pass next time (FFmpeg reuses it when nothing changed)
     */
    SwsContext draw(AVFrame whole, Framing framing, SwsContext sws) {
        if (framing.isEmpty()) {
            return sws;
        }
        AVFrame src = Crops.view(whole, framing.crop());
        try {
            return draw(src, framing.target(), sws);
        } finally {
            Crops.release(src, whole);
        }
    }

    private SwsContext draw(AVFrame src, Rect dst, SwsContext sws) {
        SwsContext ctx = sws_getCachedContext(
                sws,
                src.width(),
                src.height(),
                src.format(),
                dst.width(),
                dst.height(),
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
        int ly = frame.linesize(0);
        int lu = frame.linesize(1);
        int lv = frame.linesize(2);
        // Each data(i) call yields a fresh Java view of the plane; positioning it offsets the address.
        dstPlanes
                .put(0, frame.data(0).position((long) dst.y() * ly + dst.x()))
                .put(1, frame.data(1).position((long) (dst.y() / 2) * lu + dst.x() / 2))
                .put(2, frame.data(2).position((long) (dst.y() / 2) * lv + dst.x() / 2));
        dstStrides.put(0, ly).put(1, lu).put(2, lv);
        sws_scale(ctx, src.data(), src.linesize(), 0, src.height(), dstPlanes, dstStrides);
        return ctx;
    }

    @Override
    public void close() {
        av_frame_free(frame);
        dstPlanes.close();
        dstStrides.close();
    }
}

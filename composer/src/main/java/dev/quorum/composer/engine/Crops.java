package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_CROP_UNALIGNED;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_apply_cropping;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import dev.quorum.composer.layout.Rect;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** Part of a decoded picture as a picture of its own, sharing the buffers (no pixels are copied). */
final class Crops {

    private Crops() {}

    /**
     * {@code src} itself when {@code crop} is the whole picture; otherwise a new reference to the
     * cropped part, which the caller frees with {@link #release}.
     */
    static AVFrame view(AVFrame src, Rect crop) {
        if (crop.x() == 0 && crop.y() == 0 && crop.width() == src.width() && crop.height() == src.height()) {
            return src;
        }
        AVFrame ref = av_frame_clone(src);
        if (ref == null) {
            throw new FfmpegException(
                    "reference a decoded picture", org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOMEM());
        }
        ref.crop_left(crop.x())
                .crop_top(crop.y())
                .crop_right(Math.max(0, src.width() - crop.right()))
                .crop_bottom(Math.max(0, src.height() - crop.bottom()));
        // Unaligned: exactly the asked columns, not the nearest ones whose address suits SIMD.
        int r = av_frame_apply_cropping(ref, AV_FRAME_CROP_UNALIGNED);
        if (r < 0) {
            av_frame_free(ref);
            throw new FfmpegException("crop a decoded picture", r);
        }
        return ref;
    }

    /** Frees a view made by {@link #view}, unless it is the picture itself. */
    static void release(AVFrame view, AVFrame src) {
        if (view != src) {
            av_frame_free(view);
        }
    }
}

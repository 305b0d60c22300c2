package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.javacpp.Loader;

/** Loads the bundled FFmpeg libraries once and sets how loudly they log. */
public final class Ffmpeg {

    private static volatile boolean loaded;

    private Ffmpeg() {}

    /**
     * Loads the natives (unpacked once to JavaCPP's cache directory). FFmpeg logs errors only,
     * to standard error; set {@code quorum.composer.ffmpeg-quiet=true} to silence it.
     */
    public static void init() {
        if (loaded) {
            return;
        }
        synchronized (Ffmpeg.class) {
            if (!loaded) {
                Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
                av_log_set_level(Boolean.getBoolean("quorum.composer.ffmpeg-quiet") ? AV_LOG_QUIET : AV_LOG_ERROR);
                loaded = true;
            }
        }
    }

    /** Path of the {@code ffmpeg} command-line program bundled with the libraries (same build). */
    public static String bundledCli() {
        return Loader.load(ffmpeg.class);
    }
}

package dev.quorum.composer.engine;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/** An FFmpeg call that returned an error code, with FFmpeg's own description of it. */
public final class FfmpegException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;

    public FfmpegException(String what, int code) {
        super(what + ": " + describe(code) + " (" + code + ")");
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Returns {@code ret} when it is not negative, else throws naming {@code what}. */
    static int check(int ret, String what) {
        if (ret < 0) {
            throw new FfmpegException(what, ret);
        }
        return ret;
    }

    static String describe(int code) {
        byte[] buf = new byte[256];
        if (av_strerror(code, buf, buf.length) < 0) {
            return "unknown error";
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}

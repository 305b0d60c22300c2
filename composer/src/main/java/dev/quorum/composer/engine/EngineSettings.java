package dev.quorum.composer.engine;

/**
 * How the engine encodes. One immutable value per server, from configuration.
 *
 * @param frameRate          output frames per second (constant)
 * @param bitsPerPixel       video bit rate as bits per pixel per frame; 0.1 gives about 770 kb/s at
 *                           640x480/25 and 2.3 Mb/s at 1280x720/25
 * @param audioBitrate       audio bit rate in bit/s (AAC or Opus, stereo 48 kHz)
 * @param keyframeSeconds    distance between keyframes
 * @param encoderThreads     threads for the video encoder (0 = as many as the codec likes)
 * @param queueFrames        decoded pictures buffered per video source
 * @param holdMillis         how long a source's last picture stays on screen when no newer one
 *                           arrives (a paused or muted camera goes black after that)
 */
public record EngineSettings(
        int frameRate,
        double bitsPerPixel,
        int audioBitrate,
        int keyframeSeconds,
        int encoderThreads,
        int queueFrames,
        long holdMillis) {

    public static final EngineSettings DEFAULT = new EngineSettings(25, 0.1, 128_000, 2, 0, 16, 10_000);

    public EngineSettings {
        require(frameRate >= 1 && frameRate <= 60, "frameRate must be 1–60");
        require(bitsPerPixel > 0 && bitsPerPixel <= 2, "bitsPerPixel must be in (0, 2]");
        require(audioBitrate >= 16_000 && audioBitrate <= 512_000, "audioBitrate must be 16000–512000");
        require(keyframeSeconds >= 1 && keyframeSeconds <= 60, "keyframeSeconds must be 1–60");
        require(encoderThreads >= 0 && encoderThreads <= 16, "encoderThreads must be 0–16");
        require(queueFrames >= 1 && queueFrames <= 256, "queueFrames must be 1–256");
        require(holdMillis >= 0, "holdMillis must be ≥ 0");
    }

    /** Video bit rate in bit/s for a canvas of the given size. */
    public long videoBitrate(int width, int height) {
        return Math.max(100_000L, Math.round(bitsPerPixel * width * height * frameRate));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

package dev.quorum.composer.engine;

/**
 * The mixing rule: sources are summed sample by sample (a linear adder), then the sum is kept
 * inside [−1, 1]. Up to {@link #KNEE} the sum passes unchanged; above it a smooth curve bends the
 * peaks into the remaining headroom instead of clipping them flat, so loud overlaps distort
 * gently and nothing wraps.
 */
public final class AudioMixer {

    /** Level below which the mix is exactly the sum. */
    public static final float KNEE = 0.9f;

    private AudioMixer() {}

    /** Limits {@code n} samples of {@code samples} in place. */
    public static void limit(float[] samples, int n) {
        for (int i = 0; i < n; i++) {
            float x = samples[i];
            if (x > KNEE || x < -KNEE) {
                samples[i] = soften(x);
            }
        }
    }

    static float soften(float x) {
        if (Float.isNaN(x)) {
            return 0f;
        }
        float a = Math.abs(x);
        float headroom = 1f - KNEE;
        float y = KNEE + headroom * (float) Math.tanh((a - KNEE) / headroom);
        return Math.copySign(Math.min(y, 1f), x);
    }
}

package dev.quorum.composer;

/**
 * How the video encoder spends bits. {@link Mode#AUTO} is the composer's setting
 * ({@code composer.video-bits-per-pixel}, a ceiling the encoder undershoots on easy pictures);
 * the archive API adds a constant bit rate ({@code maxBitrate}) and a constant quantiser
 * ({@code quantizationParameter}: every macroblock at that QP, the bit rate following the
 * picture), which is also its default at QP 19.
 *
 * @param value bit/s for {@link Mode#CONSTANT_BITRATE}, the QP for {@link Mode#CONSTANT_QP}, else 0
 */
public record RateControl(Mode mode, int value) {

    public enum Mode {
        AUTO,
        CONSTANT_BITRATE,
        CONSTANT_QP
    }

    public static final RateControl AUTO = new RateControl(Mode.AUTO, 0);
    public static final int MIN_BITRATE = 100_000;
    public static final int MAX_BITRATE = 6_000_000;
    public static final int MIN_QP = 15;
    public static final int MAX_QP = 40;
    /** What a composed archive gets when it asks for neither. */
    public static final int ARCHIVE_DEFAULT_QP = 19;

    public RateControl {
        switch (mode) {
            case AUTO -> value = 0;
            case CONSTANT_BITRATE ->
                require(
                        value >= MIN_BITRATE && value <= MAX_BITRATE,
                        "a constant bit rate must be " + MIN_BITRATE + "–" + MAX_BITRATE + " bit/s, not " + value);
            case CONSTANT_QP ->
                require(
                        value >= MIN_QP && value <= MAX_QP,
                        "a constant QP must be " + MIN_QP + "–" + MAX_QP + ", not " + value);
        }
    }

    public static RateControl constantBitrate(int bitsPerSecond) {
        return new RateControl(Mode.CONSTANT_BITRATE, bitsPerSecond);
    }

    public static RateControl constantQp(int qp) {
        return new RateControl(Mode.CONSTANT_QP, qp);
    }

    /**
     * The archive API's {@code maxBitrate} and {@code quantizationParameter} (null when absent):
     * at most one of them; neither gives constant QP {@value #ARCHIVE_DEFAULT_QP}.
     *
     * @throws InvalidCompositionException naming the parameter at fault
     */
    public static RateControl forArchive(Integer maxBitrate, Integer quantizationParameter)
            throws InvalidCompositionException {
        if (maxBitrate != null && quantizationParameter != null) {
            throw new InvalidCompositionException(ValidationProblem.of(
                    "quantizationParameter", "maxBitrate and quantizationParameter cannot both be set"));
        }
        if (maxBitrate != null) {
            if (maxBitrate < MIN_BITRATE || maxBitrate > MAX_BITRATE) {
                throw new InvalidCompositionException(ValidationProblem.of(
                        "maxBitrate",
                        "maxBitrate " + maxBitrate + " is out of range: it must be between " + MIN_BITRATE + " and "
                                + MAX_BITRATE));
            }
            return constantBitrate(maxBitrate);
        }
        int qp = quantizationParameter == null ? ARCHIVE_DEFAULT_QP : quantizationParameter;
        if (qp < MIN_QP || qp > MAX_QP) {
            throw new InvalidCompositionException(ValidationProblem.of(
                    "quantizationParameter",
                    "quantizationParameter " + qp + " is out of range: it must be between " + MIN_QP + " and "
                            + MAX_QP));
        }
        return constantQp(qp);
    }

    /** The stored form: null for {@link Mode#AUTO}, {@code cbr:<bit/s>} or {@code qp:<QP>}. */
    public String wireForm() {
        return switch (mode) {
            case AUTO -> null;
            case CONSTANT_BITRATE -> "cbr:" + value;
            case CONSTANT_QP -> "qp:" + value;
        };
    }

    /**
     * Reads {@link #wireForm()}; null or blank is {@link #AUTO}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static RateControl parse(String wire) {
        if (wire == null || wire.isBlank()) {
            return AUTO;
        }
        try {
            if (wire.startsWith("cbr:")) {
                return constantBitrate(Integer.parseInt(wire.substring(4)));
            }
            if (wire.startsWith("qp:")) {
                return constantQp(Integer.parseInt(wire.substring(3)));
            }
        } catch (NumberFormatException e) {
            // Falls through to the error below.
        }
        throw new IllegalArgumentException(
                "'" + wire + "' is not a video rate control: expected cbr:<bit/s> or qp:<QP>");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

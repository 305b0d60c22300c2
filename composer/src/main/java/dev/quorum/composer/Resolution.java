package dev.quorum.composer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output size in pixels. Accepted: each side 16–1920 and even (the output is 4:2:0 video, whose
 * chroma planes halve each side), at most 1920×1080 pixels in total. This admits every size the
 * hosted service accepts that is even (16–1280 per side, ≤ 921,600 px) plus full HD in landscape
 * or portrait.
 */
public record Resolution(int width, int height) {

    public static final int MIN_SIDE = 16;
    public static final int MAX_SIDE = 1920;
    public static final int MAX_PIXELS = 1920 * 1080;
    public static final Resolution DEFAULT = new Resolution(640, 480);

    private static final Pattern FORM = Pattern.compile("^\\s*(\\d{1,5})\\s*x\\s*(\\d{1,5})\\s*$");

    public Resolution {
        String problem = problem(width, height);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Parses {@code {width}x{height}}; null or blank gives {@link #DEFAULT}.
     *
     * @throws InvalidCompositionException naming the {@code Resolution} parameter
     */
    public static Resolution parse(String text) throws InvalidCompositionException {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new InvalidCompositionException(ValidationProblem.of(
                    "Resolution", "Resolution '" + text + "' is not of the form {width}x{height}, e.g. 1280x720"));
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        String problem = problem(w, h);
        if (problem != null) {
            throw new InvalidCompositionException(ValidationProblem.of("Resolution", problem));
        }
        return new Resolution(w, h);
    }

    private static String problem(int w, int h) {
        if (w < MIN_SIDE || w > MAX_SIDE || h < MIN_SIDE || h > MAX_SIDE) {
            return "Resolution " + w + "x" + h + " is out of range: each side must be between " + MIN_SIDE + " and "
                    + MAX_SIDE + " pixels";
        }
        if ((long) w * h > MAX_PIXELS) {
            return "Resolution " + w + "x" + h + " has " + ((long) w * h) + " pixels; at most " + MAX_PIXELS
                    + " (1920x1080) are allowed";
        }
        if (w % 2 != 0 || h % 2 != 0) {
            return "Resolution " + w + "x" + h + " must have an even width and height";
        }
        return null;
    }

    /** The REST spelling, e.g. {@code 640x480}. */
    public String wireForm() {
        return width + "x" + height;
    }

    public long pixels() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return wireForm();
    }
}

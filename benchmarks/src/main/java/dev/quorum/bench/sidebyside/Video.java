package dev.quorum.bench.sidebyside;

import java.util.Map;

/** The camera size and frame rate every participant publishes, one layer (no simulcast). */
record Video(int width, int height, int frameRate) {

    /** {@code 640x480@30}. */
    static Video parse(String s) {
        try {
            String[] sizeRate = s.split("@");
            String[] wh = sizeRate[0].split("x");
            return new Video(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), Integer.parseInt(sizeRate[1]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--video wants WIDTHxHEIGHT@FPS, e.g. 640x480@30, not " + s);
        }
    }

    /** getUserMedia constraints. */
    Map<String, Object> constraints() {
        return Map.of("width", width, "height", height, "frameRate", frameRate);
    }

    @Override
    public String toString() {
        return width + "x" + height + "@" + frameRate;
    }
}

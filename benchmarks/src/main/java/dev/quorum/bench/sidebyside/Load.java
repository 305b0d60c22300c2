package dev.quorum.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average: the figures are only comparable on an equally busy machine. */
final class Load {

    private Load() {}

    /** The 1, 5 and 15 minute load averages. */
    static String average() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static double average1() {
        try {
            return Double.parseDouble(average().split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}

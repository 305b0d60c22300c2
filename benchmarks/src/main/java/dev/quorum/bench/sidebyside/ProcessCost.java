package dev.quorum.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time so far, user and kernel, over all its threads ({@code utime} and
 * {@code stime} of {@code /proc/<pid>/stat}, in clock ticks of 10 ms), and its resident memory.
 */
record ProcessCost(double userSeconds, double kernelSeconds, long residentKiB) {

    /** Linux's USER_HZ on x86-64: {@code /proc} counts CPU time in hundredths of a second. */
    private static final double TICKS_PER_SECOND = 100;

    static ProcessCost of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; the fields after it start at the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state), so utime (field 14) is f[11] and stime (15) f[12].
            double user = Long.parseLong(f[11]) / TICKS_PER_SECOND;
            double kernel = Long.parseLong(f[12]) / TICKS_PER_SECOND;
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return new ProcessCost(user, kernel, rss);
        } catch (IOException | RuntimeException e) {
            throw new BenchmarkFailure("cannot read the CPU time of process " + pid + " (did it exit?)", e);
        }
    }

    ProcessCost since(ProcessCost earlier) {
        return new ProcessCost(userSeconds - earlier.userSeconds, kernelSeconds - earlier.kernelSeconds, residentKiB);
    }
}

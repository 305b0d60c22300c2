package dev.quorum.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time and heap allocation of a group of threads picked by name, summed per thread through
 * {@code com.sun.management.ThreadMXBean}. A thread's figures are kept after it ends (the last
 * value read), so the totals never go back.
 */
final class ThreadCost {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM cannot measure per-thread CPU time and allocation");
        }
        THREADS.setThreadCpuTimeEnabled(true);
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    // Given.
    private final Predicate<String> member;
    // Owned.
    private final Map<Long, long[]> last = new HashMap<>();

    /** @param member which threads belong to the group, by name */
    ThreadCost(Predicate<String> member) {
        this.member = member;
    }

    /**
     * Reads every live member thread; returns {CPU nanoseconds, allocated bytes, user-mode CPU
     * nanoseconds} summed over all members ever seen.
     */
    synchronized long[] sample() {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (ThreadInfo info : infos) {
            if (info == null || !member.test(info.getThreadName())) {
                continue;
            }
            long id = info.getThreadId();
            long cpu = THREADS.getThreadCpuTime(id);
            long allocated = THREADS.getThreadAllocatedBytes(id);
            long user = THREADS.getThreadUserTime(id);
            if (cpu < 0 || allocated < 0 || user < 0) {
                continue;
            }
            last.put(id, new long[] {cpu, allocated, user});
        }
        long[] sum = new long[3];
        for (long[] v : last.values()) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        return sum;
    }

    /** How many member threads have been seen. */
    synchronized int threads() {
        return last.size();
    }
}

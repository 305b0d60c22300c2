package dev.quorum.bench.load;

import dev.quorum.sfu.transport.MediaBuffers;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process's memory at one instant: its resident set, the Java heap in use, the media port's
 * buffer pool (the server's alone: the generator's peers use unpooled buffers) and the Netty leak
 * reports so far. The heap is the whole process's, the generator's peers included.
 *
 * @param rssBytes  resident set ({@code VmRSS} of {@code /proc/self/status})
 * @param heapBytes heap in use; after {@link #afterCollection()} what survives a full collection
 * @param poolBytes bytes in the chunks the media port's pooled allocator holds (what it took from the
 *                  heap for buffers, in use or cached)
 * @param leaks     leaks Netty's detector reported since {@link #countLeaks()}
 */
record MemorySample(long rssBytes, long heapBytes, long poolBytes, long leaks) {

    private static final AtomicLong LEAKS = new AtomicLong();

    /**
     * Counts Netty's leak reports from now on. Call before any buffer class is loaded: a detector
     * made earlier would report without being counted.
     */
    static void countLeaks() {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new CountingFactory());
    }

    static MemorySample now() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        PooledByteBufAllocatorMetric pool = ((PooledByteBufAllocator) MediaBuffers.ALLOCATOR).metric();
        return new MemorySample(rss(), heap.getUsed(), pool.usedHeapMemory() + pool.usedDirectMemory(), LEAKS.get());
    }

    /** After two full collections, so the heap figure is what is live. */
    static MemorySample afterCollection() {
        System.gc();
        System.gc();
        return now();
    }

    /**
     * The leaks reported so far, after collecting twice and allocating enough buffers that a
     * sampling detector looks at its queue of collected ones (it does so only when it samples).
     */
    static long leaksAfterCollection() {
        for (int round = 0; round < 2; round++) {
            System.gc();
            for (int i = 0; i < 1024; i++) {
                MediaBuffers.ALLOCATOR.heapBuffer(16).release();
            }
        }
        return LEAKS.get();
    }

    String line() {
        return String.format(
                java.util.Locale.ROOT,
                "memory: resident %.1f MiB, heap %.1f MiB, media pool %.1f MiB, leak reports %d",
                mib(rssBytes),
                mib(heapBytes),
                mib(poolBytes),
                leaks);
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: no resident figure.
        }
        return -1;
    }

    private static final class CountingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                Class<T> resource, int samplingInterval, long maxActive) {
            return new CountingDetector<>(resource, samplingInterval);
        }
    }

    /** Counts each report and still logs it, so the report says where the buffer was touched. */
    private static final class CountingDetector<T> extends ResourceLeakDetector<T> {
        CountingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.incrementAndGet();
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.incrementAndGet();
            super.reportUntracedLeak(resourceType);
        }
    }
}

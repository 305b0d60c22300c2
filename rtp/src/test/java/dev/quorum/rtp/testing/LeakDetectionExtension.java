package dev.quorum.rtp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reports a leaked buffer.
 *
 * <p>Registered for every test class through {@code META-INF/services} (JUnit's extension
 * auto-detection is switched on by the parent POM's surefire configuration) in every module that
 * depends on this module's test-jar. Surefire runs with {@code -Dio.netty.leakDetection.level=paranoid},
 * so every buffer is tracked; Netty only notices a leak when a collected buffer's reference is
 * polled, which happens on later allocations, so after each test class we force a few GC cycles
 * and allocate to drain the queue. Once per class rather than per test: the forced collections
 * cost more than most tests, and a leak still fails its class, whose report names where the
 * buffer was last touched. A leak reported between checks is never dropped: the next check reports it.
 */
public final class LeakDetectionExtension implements AfterAllCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        // Paranoid is also set by surefire; setting it here covers IDE runs.
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        assertNoLeaks(context.getDisplayName());
    }

    /** Forces leak detection to run now and throws if any leak was reported since the last call. */
    public static void assertNoLeaks(String where) {
        for (int i = 0; i < 3; i++) {
            System.gc();
            System.runFinalization();
            // Allocation polls the detector's reference queue.
            ByteBuf a = PooledByteBufAllocator.DEFAULT.buffer(16);
            a.release();
            ByteBuf b = Unpooled.directBuffer(16);
            b.release();
            ByteBuf c = Unpooled.buffer(16);
            c.release();
        }
        if (!LEAKS.isEmpty()) {
            String report = String.join("\n\n", LEAKS);
            LEAKS.clear();
            throw new AssertionError("Netty buffer leak detected in " + where + ":\n" + report);
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add("LEAK " + resourceType + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add("LEAK " + resourceType + " (untraced)");
            super.reportUntracedLeak(resourceType);
        }
    }
}

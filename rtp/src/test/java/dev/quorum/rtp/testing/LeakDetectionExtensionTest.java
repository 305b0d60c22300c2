package dev.quorum.rtp.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class LeakDetectionExtensionTest {

    @Test
    void unreleasedBufferIsReportedAsLeak() {
        leakOne();
        assertThatThrownBy(() -> LeakDetectionExtension.assertNoLeaks("this test"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LEAK");
    }

    @Test
    void releasedBufferIsNotReported() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(64);
        buf.writeInt(42);
        buf.release();
        LeakDetectionExtension.assertNoLeaks("this test");
    }

    private static void leakOne() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buf.writeLong(7);
        // Dropped without release on purpose.
    }
}

package dev.quorum.rtp.testing;

import dev.quorum.rtp.codec.Depacketizer;
import dev.quorum.rtp.codec.Frame;
import dev.quorum.rtp.codec.PayloadError;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Records what a depacketizer emits. Frames are copied to byte arrays and released at once, so a
 * test that forgets to release cannot hide a leak in the code under test.
 */
public final class CollectingListener implements Depacketizer.Listener {

    /** What a test asserts about one emitted frame. */
    public record Emitted(long timestamp, boolean keyframe, int width, int height, long duration, byte[] data) {}

    public final List<Emitted> frames = new ArrayList<>();
    public final Map<PayloadError, Integer> drops = new EnumMap<>(PayloadError.class);
    public int keyframeRequests;

    @Override
    public void onFrame(Frame frame) {
        try {
            frames.add(new Emitted(
                    frame.timestamp(),
                    frame.keyframe(),
                    frame.width(),
                    frame.height(),
                    frame.duration(),
                    Hex.toBytes(frame.data())));
        } finally {
            frame.release();
        }
    }

    @Override
    public void onDropped(PayloadError reason) {
        drops.merge(reason, 1, Integer::sum);
    }

    @Override
    public void onKeyframeNeeded() {
        keyframeRequests++;
    }

    public int dropped(PayloadError reason) {
        return drops.getOrDefault(reason, 0);
    }

    public int totalDrops() {
        return drops.values().stream().mapToInt(Integer::intValue).sum();
    }
}

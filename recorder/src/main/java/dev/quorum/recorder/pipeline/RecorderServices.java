package dev.quorum.recorder.pipeline;

import dev.quorum.recorder.RecorderConfig;
import dev.quorum.storage.media.MediaStore;
import io.netty.buffer.ByteBufAllocator;

/**
 * What every track recorder shares: settings, meters, where files go, where state changes go,
 * and the clocks.
 */
public record RecorderServices(
        RecorderConfig config,
        RecorderMetrics metrics,
        MediaStore media,
        RecordingLifecycle lifecycle,
        FileSyncer syncer,
        ArrivalClock arrivals,
        ByteBufAllocator alloc) {}

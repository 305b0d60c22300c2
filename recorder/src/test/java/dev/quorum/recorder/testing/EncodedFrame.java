package dev.quorum.recorder.testing;

/** One encoded frame read from an ffmpeg-produced elementary stream. */
public record EncodedFrame(long millis, boolean keyframe, byte[] data) {}

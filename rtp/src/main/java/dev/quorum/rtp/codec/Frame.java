package dev.quorum.rtp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * One complete encoded frame rebuilt from RTP packets: a video picture (VP8 frame, VP9 picture or
 * superframe, H.264 access unit, AV1 temporal unit) or one Opus packet.
 *
 * <p><b>Ownership.</b> {@code data} is usually a composite of retained slices of the received
 * packets' payloads, plus a few bytes the depacketizer wrote itself (H.264 length prefixes, AV1
 * OBU headers, a VP9 superframe index); nothing is copied. Whoever receives a frame owns it and
 * must {@link #release()} it exactly once; that releases the slices and lets the packets' buffers
 * go back to their pool.
 *
 * @param codec     the codec of {@code data}
 * @param timestamp the RTP timestamp, unwrapped to 64 bits (monotonic across 32-bit wraps)
 * @param keyframe  whether decoding can start here (always true for audio)
 * @param width     picture width in pixels when the depacketizer could read it (keyframes), else 0
 * @param height    picture height in pixels when known, else 0
 * @param duration  duration in RTP clock ticks when the payload says it (Opus), else 0
 * @param data      the encoded frame, in the form each depacketizer documents
 */
public record Frame(Codec codec, long timestamp, boolean keyframe, int width, int height, long duration, ByteBuf data)
        implements ReferenceCounted {

    /** Length of the encoded frame in bytes. */
    public int size() {
        return data.readableBytes();
    }

    @Override
    public int refCnt() {
        return data.refCnt();
    }

    @Override
    public Frame retain() {
        data.retain();
        return this;
    }

    @Override
    public Frame retain(int increment) {
        data.retain(increment);
        return this;
    }

    @Override
    public Frame touch() {
        data.touch();
        return this;
    }

    @Override
    public Frame touch(Object hint) {
        data.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return data.release();
    }

    @Override
    public boolean release(int decrement) {
        return data.release(decrement);
    }

    @Override
    public String toString() {
        return "Frame[" + codec + ", ts=" + timestamp + (keyframe ? ", key" : "")
                + (width > 0 ? ", " + width + "x" + height : "") + ", " + data.readableBytes() + " bytes]";
    }
}

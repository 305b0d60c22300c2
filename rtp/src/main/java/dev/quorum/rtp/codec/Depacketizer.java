package dev.quorum.rtp.codec;

import dev.quorum.rtp.RtpPacket;

/**
 * Rebuilds complete frames from the RTP packets of one stream.
 *
 * <p>Packets must be pushed in sequence order (after reordering and RTX recovery); a packet whose
 * sequence number is not newer than the previous one is dropped as a duplicate, so a frame is
 * never emitted twice. A sequence gap inside a video frame drops that frame, and video frames
 * are then dropped until the next keyframe, with {@link Listener#onKeyframeNeeded()} asking for
 * one. Malformed payloads are dropped and reported with a {@link PayloadError}; nothing is thrown
 * for bad input.
 *
 * <p>Not thread-safe: one depacketizer per stream, used from one thread.
 */
public interface Depacketizer extends AutoCloseable {

    /** The codec this depacketizer reads. */
    Codec codec();

    /**
     * Feeds the next packet of the stream. Borrows {@code packet}: payload bytes that go into a
     * frame are kept as retained slices, so the caller may release its own reference as soon as
     * this returns. Frames completed by this packet go to the listener before it returns.
     */
    void push(RtpPacket packet);

    /** Releases any partial frame. Packets pushed afterwards are dropped. */
    @Override
    void close();

    /** Receives the depacketizer's output, on the thread that calls {@link #push}. */
    interface Listener {

        /** A complete frame. Ownership passes to the listener, which must release it. */
        void onFrame(Frame frame);

        /** A packet or a partial frame was dropped for {@code reason}; for counters. */
        default void onDropped(PayloadError reason) {}

        /**
         * Frames are being dropped for want of a keyframe (at the start, or after loss): the
         * receiver should ask the sender for one (RTCP PLI). Called for every frame that cannot be
         * emitted, so the receiver must throttle its requests.
         */
        default void onKeyframeNeeded() {}
    }
}

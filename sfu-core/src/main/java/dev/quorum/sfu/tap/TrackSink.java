package dev.quorum.sfu.tap;

import io.netty.buffer.ByteBuf;

/**
 * Receives one tapped track's media.
 *
 * <p>Packet methods are called on the room's event loop and must not block: a sink queues the
 * packet (bounded; overflow is counted, not waited on) and does its work on its own thread.
 */
public interface TrackSink {

    /**
     * A decrypted RTP packet of the track (RTX already unwrapped into the original stream, so
     * sequence numbers and SSRC are the media stream's).
     *
     * @param packet        a retained slice of the received packet; <b>ownership passes to the
     *                      sink</b>, which must release it exactly once (also when dropping it)
     * @param arrivalNanos  arrival time on the {@link System#nanoTime()} clock
     */
    void onRtp(ByteBuf packet, long arrivalNanos);

    /**
     * An RTCP sender report from the publisher for this track's stream: maps the stream's RTP
     * timestamps to the sender's NTP wall clock, which the recorder uses to place the recording on
     * the room's timeline.
     *
     * @param ntpTimestamp  the 64-bit NTP timestamp of the report
     * @param rtpTimestamp  the RTP timestamp corresponding to it
     * @param arrivalNanos  arrival time on the {@link System#nanoTime()} clock
     */
    void onSenderReport(long ntpTimestamp, long rtpTimestamp, long arrivalNanos);

    /**
     * The publisher enabled or disabled (muted) the track. Muted spans are gaps in the recording.
     * Called on a control thread.
     */
    default void onEnabled(boolean enabled) {}

    /**
     * The room's recording was paused or resumed. A paused span is a gap in the same file; the
     * sink drops packets while paused and asks for a keyframe on resume. Called on a control
     * thread.
     */
    default void onPaused(boolean paused) {}

    /**
     * The track is no longer tapped: finish the recording. Called once, on a control thread; no
     * packet method is called afterwards.
     */
    void close();
}

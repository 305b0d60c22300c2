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
     * sequence numbers and SSRC are the media stream's). Packets come from one stream at a time;
     * of a simulcast track, from the highest layer that flows. The SFU moves to another layer on a
     * keyframe of it, and, while the old layer still flows, only once both layers' sender reports
     * reached the sink (a publisher that sends none is moved after a short wait anyway).
     *
     * @param packet        the received packet, exactly; <b>borrowed</b>: valid only during the
     *                      call and released by the SFU when it returns. A sink that queues it
     *                      takes a reference of its own ({@code retain()}) and releases that one
     * @param arrivalNanos  arrival time on the {@link System#nanoTime()} clock
     */
    void onRtp(ByteBuf packet, long arrivalNanos);

    /**
     * An RTCP sender report from the publisher for one of this track's streams: maps that
     * stream's RTP timestamps to the sender's NTP wall clock. The reports of every stream of the
     * track arrive here, each simulcast layer's too, also while another layer is the one fed to
     * {@link #onRtp}: the layers share the sender's capture clock, so a sink can place the first
     * frame of a new layer after the last frame of the old one by their capture times. When the
     * sink is attached, the last report of each stream received before is handed over first.
     *
     * @param ssrc          the stream the report describes
     * @param ntpTimestamp  the 64-bit NTP timestamp of the report
     * @param rtpTimestamp  the RTP timestamp corresponding to it
     * @param arrivalNanos  arrival time on the {@link System#nanoTime()} clock
     */
    void onSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos);

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

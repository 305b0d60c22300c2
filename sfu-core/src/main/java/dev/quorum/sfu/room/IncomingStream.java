package dev.quorum.sfu.room;

import dev.quorum.rtp.SequenceNumberUnwrapper;
import dev.quorum.sfu.room.rtcp.KeyframeRequester;
import dev.quorum.sfu.room.rtcp.NackGenerator;
import dev.quorum.sfu.room.rtcp.ReceiveStatistics;
import dev.quorum.sfu.room.simulcast.BitrateMeter;
import dev.quorum.sfu.room.simulcast.KeyframeSize;

/**
 * One RTP stream a publisher sends for a track: the track itself, or one simulcast layer of it
 * (with its RTX stream). Holds what the receive side knows about it: SSRCs (latched from the
 * first packets when the SDP did not list them), sequence unwrapping, loss and NACK state,
 * reception statistics for receiver reports, keyframe throttling, bitrate, keyframe size, the last picture size
 * and the publisher's last sender report. Lives on the room's loop.
 */
final class IncomingStream {

    // Given
    final PublishedTrack track;
    /** Layer index, 0 = lowest quality. */
    final int index;
    /** Simulcast rid, or null. */
    final String rid;

    // Owned
    long ssrc;
    long rtxSsrc;
    final SequenceNumberUnwrapper sequences = new SequenceNumberUnwrapper();
    final NackGenerator nacks;
    final ReceiveStatistics statistics;
    final KeyframeRequester keyframes;
    final BitrateMeter bitrate = new BitrateMeter();
    final KeyframeSize keyframeSize = new KeyframeSize();
    long lastPacketNanos = Long.MIN_VALUE;
    long highestSequence = Long.MIN_VALUE;
    int width;
    int height;
    boolean keyframeSeen;
    /** The publisher's last sender report for this stream (forgotten when the SSRC changes). */
    long srNtp;

    long srRtp;
    /** When it arrived on the room's clock; {@code Long.MIN_VALUE} when there is none. */
    long srArrivalNanos = Long.MIN_VALUE;
    /** When its packet arrived, on the packet path's {@link System#nanoTime()} scale. */
    long srPacketArrivalNanos;
    /** FIR command sequence number (RFC 5104 §4.3.1.1), increments per new request. */
    int firSequence;

    IncomingStream(PublishedTrack track, int index, String rid, boolean nack, long keyframeIntervalNanos) {
        this.track = track;
        this.index = index;
        this.rid = rid;
        this.nacks = nack ? new NackGenerator() : null;
        this.statistics = new ReceiveStatistics(track.media().codec().clockRate());
        this.keyframes = new KeyframeRequester(keyframeIntervalNanos);
    }

    /** True if packets arrived within {@code timeoutNanos}. */
    boolean active(long nowNanos, long timeoutNanos) {
        return lastPacketNanos != Long.MIN_VALUE && nowNanos - lastPacketNanos < timeoutNanos;
    }

    /** True once a sender report of the current SSRC arrived. */
    boolean hasSenderReport() {
        return srArrivalNanos != Long.MIN_VALUE;
    }

    /** True once the SSRC is known. */
    boolean latched() {
        return ssrc != 0;
    }
}

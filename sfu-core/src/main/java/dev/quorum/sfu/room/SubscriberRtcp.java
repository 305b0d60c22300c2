package dev.quorum.sfu.room;

import dev.quorum.rtp.rtcp.FullIntraRequest;
import dev.quorum.rtp.rtcp.PictureLossIndication;
import dev.quorum.rtp.rtcp.ReceiverEstimatedMaxBitrate;
import dev.quorum.rtp.rtcp.ReceiverReport;
import dev.quorum.rtp.rtcp.ReportBlock;
import dev.quorum.rtp.rtcp.RtcpPacket;
import dev.quorum.rtp.rtcp.RtcpReader;
import dev.quorum.rtp.rtcp.SenderReport;
import dev.quorum.rtp.rtcp.TransportLayerNack;
import dev.quorum.rtp.rtcp.TransportWideFeedback;
import dev.quorum.sfu.room.link.MediaLink;
import dev.quorum.sfu.room.simulcast.BandwidthEstimator;
import dev.quorum.sfu.room.simulcast.SendHistory;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * RTCP on a subscriber connection. From the subscriber: NACKs (answered from the cache), PLI/FIR
 * (relayed to the publisher, throttled there), receiver reports (RTT, loss), REMB and
 * transport-wide feedback (the bandwidth estimate). Downstream: a sender report per outgoing
 * stream, rebased from the publisher's report onto the timestamps this subscriber sees, so its
 * player can keep audio and video of one participant in sync. Lives on the room's loop.
 */
final class SubscriberRtcp {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    // Given
    private final SubscriberConnection connection;
    private final RoomContext ctx;

    // Owned
    private final RtcpReader reader = new RtcpReader();
    private boolean transportCcSeen;

    SubscriberRtcp(SubscriberConnection connection, RoomContext ctx) {
        this.connection = connection;
        this.ctx = ctx;
    }

    /** True once the subscriber sent transport-wide feedback (then loss comes from there). */
    boolean transportCcSeen() {
        return transportCcSeen;
    }

    /** A compound RTCP packet from the subscriber. Borrows {@code packet}; false if it is malformed. */
    boolean receive(ByteBuf packet, long nowNanos) {
        if (!reader.reset(packet)) {
            return false;
        }
        while (reader.next()) {
            ByteBuf b = reader.buffer();
            int at = reader.offset();
            int len = reader.length();
            switch (reader.packetType()) {
                case RtcpPacket.RR -> {
                    ReceiverReport rr = ReceiverReport.parse(b, at, len).packetOrNull();
                    if (rr == null) {
                        return false;
                    }
                    reports(rr.reportBlocks(), nowNanos);
                }
                case RtcpPacket.SR -> {
                    SenderReport sr = SenderReport.parse(b, at, len).packetOrNull();
                    if (sr == null) {
                        return false;
                    }
                    reports(sr.reportBlocks(), nowNanos);
                }
                case RtcpPacket.RTPFB -> {
                    if (reader.count() == TransportLayerNack.FORMAT) {
                        TransportLayerNack nack =
                                TransportLayerNack.parse(b, at, len).packetOrNull();
                        if (nack == null) {
                            return false;
                        }
                        for (int seq : nack.lostSequenceNumbers()) {
                            connection.nack(nack.mediaSsrc(), seq, nowNanos);
                        }
                    } else if (reader.count() == TransportWideFeedback.FORMAT) {
                        TransportWideFeedback fb =
                                TransportWideFeedback.parse(b, at, len).packetOrNull();
                        if (fb == null) {
                            return false;
                        }
                        transportFeedback(fb, nowNanos);
                    }
                }
                case RtcpPacket.PSFB -> {
                    if (reader.count() == PictureLossIndication.FORMAT) {
                        connection.keyframeRequested(reader.mediaSsrc(), nowNanos);
                    } else if (reader.count() == FullIntraRequest.FORMAT) {
                        FullIntraRequest fir =
                                FullIntraRequest.parse(b, at, len).packetOrNull();
                        if (fir == null) {
                            return false;
                        }
                        for (FullIntraRequest.Entry e : fir.entries()) {
                            connection.keyframeRequested(e.ssrc(), nowNanos);
                        }
                    } else if (reader.count() == ReceiverEstimatedMaxBitrate.FORMAT
                            && ReceiverEstimatedMaxBitrate.isRemb(b, at, len)) {
                        ReceiverEstimatedMaxBitrate remb =
                                ReceiverEstimatedMaxBitrate.parse(b, at, len).packetOrNull();
                        if (remb == null) {
                            return false;
                        }
                        connection.estimator().remb(remb.bitrate(), nowNanos);
                    }
                }
                default -> {
                    // SDES, BYE, APP, XR: nothing to act on.
                }
            }
        }
        return true;
    }

    private void reports(List<ReportBlock> blocks, long nowNanos) {
        for (ReportBlock block : blocks) {
            connection.receiverReport(
                    block.ssrc(),
                    block.fractionLost(),
                    block.lastSenderReport(),
                    block.delaySinceLastSenderReport(),
                    nowNanos);
        }
    }

    /** Feeds the estimator the delay and loss of each packet the feedback describes. */
    private void transportFeedback(TransportWideFeedback fb, long nowNanos) {
        transportCcSeen = true;
        SendHistory history = connection.history();
        BandwidthEstimator estimator = connection.estimator();
        int[] statuses = fb.statuses();
        int[] deltas = fb.receiveDeltas();
        long arrival = fb.referenceTimeMicros() * 1000;
        int d = 0;
        for (int i = 0; i < statuses.length; i++) {
            int seq = (fb.baseSequenceNumber() + i) & 0xFFFF;
            long sent = history.sentNanos(seq);
            int status = statuses[i];
            boolean received = status != TransportWideFeedback.NOT_RECEIVED;
            if (status == TransportWideFeedback.SMALL_DELTA || status == TransportWideFeedback.LARGE_DELTA) {
                if (d < deltas.length) {
                    arrival += deltas[d++] * (long) TransportWideFeedback.DELTA_TICK_MICROS * 1000;
                }
            }
            if (sent == Long.MIN_VALUE || status == TransportWideFeedback.RECEIVED_WITHOUT_DELTA) {
                continue;
            }
            estimator.packet(sent, arrival, history.size(seq), received, nowNanos);
        }
        estimator.feedbackDone(nowNanos);
    }

    /**
     * A sender report for one outgoing stream: the publisher's last report for the layer being
     * forwarded, moved forward to now and mapped onto this subscriber's timestamps. Nothing is sent
     * before the publisher reported.
     */
    void sendSenderReport(Subscription sub, long nowNanos) {
        IncomingStream source = sub.current();
        if (source == null || source.srArrivalNanos == Long.MIN_VALUE || !sub.timestamps.mapped()) {
            return;
        }
        long elapsed = Math.max(0, nowNanos - source.srArrivalNanos);
        long ntp = source.srNtp
                + ((elapsed / NANOS_PER_SECOND) << 32)
                + ((elapsed % NANOS_PER_SECOND) << 32) / NANOS_PER_SECOND;
        long rtp = (sub.timestamps.map(source.srRtp) + elapsed * sub.timestamps.clockRate() / NANOS_PER_SECOND)
                & 0xFFFFFFFFL;
        SenderReport sr = new SenderReport(
                sub.outgoing.ssrc(), ntp, rtp, sub.packetsSent & 0xFFFFFFFFL, sub.octetsSent & 0xFFFFFFFFL);
        MediaLink link = connection.link();
        if (!link.connected()) {
            return;
        }
        ByteBuf out = link.allocate(sr.encodedLength());
        sr.writeTo(out);
        if (link.sendRtcp(out)) {
            sub.senderReportSent(ntp, nowNanos);
        }
    }
}

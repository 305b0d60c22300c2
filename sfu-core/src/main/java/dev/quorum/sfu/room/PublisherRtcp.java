package dev.quorum.sfu.room;

import dev.quorum.rtp.rtcp.FullIntraRequest;
import dev.quorum.rtp.rtcp.PictureLossIndication;
import dev.quorum.rtp.rtcp.ReceiverEstimatedMaxBitrate;
import dev.quorum.rtp.rtcp.ReceiverReport;
import dev.quorum.rtp.rtcp.ReportBlock;
import dev.quorum.rtp.rtcp.RtcpPacket;
import dev.quorum.rtp.rtcp.RtcpParser;
import dev.quorum.rtp.rtcp.RtcpReader;
import dev.quorum.rtp.rtcp.RtcpResult;
import dev.quorum.rtp.rtcp.SenderReport;
import dev.quorum.rtp.rtcp.TransportLayerNack;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.link.MediaLink;
import dev.quorum.sfu.room.rtcp.TwccRecorder;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RTCP on a publisher connection. Upstream the server sends what a receiving browser would:
 * receiver reports with loss, jitter and LSR/DLSR, NACKs for lost packets, PLI/FIR for keyframes,
 * transport-wide feedback (without it the publisher's congestion control never ramps up) and REMB
 * capping all of the publisher's video at {@code rooms.max-video-bitrate}. From the publisher only
 * sender reports matter (NTP↔RTP mapping for lip sync and recording offsets). Lives on the room's
 * loop; feedback is sent at most every few milliseconds, so building it may allocate.
 */
final class PublisherRtcp {

    // Given
    private final PublisherConnection connection;
    private final RoomContext ctx;

    // Owned
    private final long senderSsrc = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
    private final RtcpReader reader = new RtcpReader();
    private final TwccRecorder twcc = new TwccRecorder();
    private final int[] nackScratch = new int[64];
    private long lastReportNanos = Long.MIN_VALUE;
    private long lastFeedbackNanos = Long.MIN_VALUE;

    PublisherRtcp(PublisherConnection connection, RoomContext ctx) {
        this.connection = connection;
        this.ctx = ctx;
    }

    /** A compound RTCP packet from the publisher. Borrows {@code packet}; false if it is malformed. */
    boolean receive(ByteBuf packet, long arrivalNanos) {
        if (!reader.reset(packet)) {
            return false;
        }
        while (reader.next()) {
            if (reader.packetType() == RtcpPacket.SR) {
                RtcpResult<SenderReport> sr = SenderReport.parse(reader.buffer(), reader.offset(), reader.length());
                SenderReport r = sr.packetOrNull();
                if (r == null) {
                    return false;
                }
                connection.senderReport(r.senderSsrc(), r.ntpTimestamp(), r.rtpTimestamp(), arrivalNanos);
            }
        }
        return true;
    }

    /** A packet with this transport-wide sequence number arrived (for transport-cc feedback). */
    void transportSequence(int sequenceNumber, long arrivalNanos) {
        twcc.record(sequenceNumber, arrivalNanos);
    }

    /** NACKs the stream's missing packets that are due (new holes, or a round trip since the last ask). */
    void sendDueNacks(IncomingStream stream, long nowNanos) {
        int n = stream.nacks.due(nowNanos, connection.participant().rttNanos(), nackScratch);
        if (n > 0) {
            sendNack(stream, nackScratch, n);
            connection.metrics().nacksSent += n;
        }
    }

    /** PLI if negotiated, else FIR; nothing if the publisher accepts neither. */
    void sendKeyframeRequest(IncomingStream stream) {
        if (connection.existingLink() == null || stream.ssrc == 0) {
            return;
        }
        CodecChoice c = stream.track.media().codec();
        if (c.hasFeedback(CodecChoice.NACK_PLI)) {
            sendPli(stream);
        } else if (c.hasFeedback(CodecChoice.CCM_FIR)) {
            sendFir(stream);
        } else {
            return;
        }
        connection.metrics().keyframeRequests++;
    }

    /**
     * The timers: NACK retries (and keyframes for what cannot be repaired), transport-wide
     * feedback every {@code rooms.transport-cc-feedback-interval}, reports every
     * {@code rooms.rtcp-report-interval}.
     */
    void tick(long nowNanos, boolean transportCc) {
        for (PublishedTrack t : connection.tracks()) {
            for (int i = 0; i < t.layerCount(); i++) {
                IncomingStream l = t.layer(i);
                if (l.nacks != null && l.latched()) {
                    if (l.nacks.missingCount() > 0) {
                        sendDueNacks(l, nowNanos);
                    }
                    if (l.nacks.takeKeyframeNeeded()) {
                        t.requestKeyframe(l, nowNanos);
                    }
                }
            }
        }
        if (transportCc
                && (lastFeedbackNanos == Long.MIN_VALUE
                        || nowNanos - lastFeedbackNanos
                                >= ctx.config().feedbackInterval().toNanos())) {
            lastFeedbackNanos = nowNanos;
            while (twcc.nextFeedback()) {
                sendTransportFeedback(twcc, anyMediaSsrc());
            }
        }
        if (lastReportNanos == Long.MIN_VALUE
                || nowNanos - lastReportNanos
                        >= ctx.config().rtcpReportInterval().toNanos()) {
            lastReportNanos = nowNanos;
            sendReports(nowNanos);
        }
    }

    private long anyMediaSsrc() {
        for (PublishedTrack t : connection.tracks()) {
            for (int i = 0; i < t.layerCount(); i++) {
                if (t.layer(i).ssrc != 0) {
                    return t.layer(i).ssrc;
                }
            }
        }
        return 0;
    }

    void sendNack(IncomingStream stream, int[] sequenceNumbers, int count) {
        send(List.of(TransportLayerNack.of(senderSsrc, stream.ssrc, Arrays.copyOf(sequenceNumbers, count))));
    }

    void sendPli(IncomingStream stream) {
        send(List.of(new PictureLossIndication(senderSsrc, stream.ssrc)));
    }

    void sendFir(IncomingStream stream) {
        int seq = stream.firSequence;
        stream.firSequence = (seq + 1) & 0xFF;
        send(List.of(new FullIntraRequest(senderSsrc, List.of(new FullIntraRequest.Entry(stream.ssrc, seq)))));
    }

    /** Sends the feedback {@code twcc} just built (written without allocating). */
    void sendTransportFeedback(TwccRecorder twcc, long mediaSsrc) {
        MediaLink link = connection.existingLink();
        if (link == null || !link.connected()) {
            return;
        }
        ByteBuf out = link.allocate(twcc.maxFeedbackLength());
        twcc.writeFeedback(senderSsrc, mediaSsrc, out);
        link.sendRtcp(out);
    }

    /** Receiver report for every stream (with REMB when negotiated). */
    void sendReports(long nowNanos) {
        List<ReportBlock> blocks = new ArrayList<>();
        List<Long> videoSsrcs = new ArrayList<>();
        boolean remb = false;
        for (PublishedTrack t : connection.tracks()) {
            boolean video = t.kind() == TrackKind.VIDEO;
            remb |= video && t.media().codec().hasFeedback(CodecChoice.GOOG_REMB);
            for (int i = 0; i < t.layerCount(); i++) {
                IncomingStream s = t.layer(i);
                if (!s.latched()) {
                    continue;
                }
                if (video) {
                    videoSsrcs.add(s.ssrc);
                }
                if (s.statistics.started() && blocks.size() < 31) {
                    s.statistics.closeInterval();
                    blocks.add(new ReportBlock(
                            s.ssrc,
                            s.statistics.fractionLost(),
                            s.statistics.cumulativeLost(),
                            s.statistics.extendedHighestSequence(),
                            s.statistics.jitter(),
                            s.statistics.lastSenderReport(),
                            s.statistics.delaySinceLastSenderReport(nowNanos)));
                }
            }
        }
        List<RtcpPacket> compound = new ArrayList<>(2);
        compound.add(new ReceiverReport(senderSsrc, blocks));
        if (remb && !videoSsrcs.isEmpty()) {
            compound.add(
                    new ReceiverEstimatedMaxBitrate(senderSsrc, ctx.config().maxVideoBitrate(), videoSsrcs));
        }
        send(compound);
    }

    private void send(List<? extends RtcpPacket> packets) {
        MediaLink link = connection.existingLink();
        if (link == null || !link.connected()) {
            return;
        }
        ByteBuf out = link.allocate(RtcpParser.compoundLength(packets));
        try {
            RtcpParser.writeCompound(packets, out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        link.sendRtcp(out);
    }
}

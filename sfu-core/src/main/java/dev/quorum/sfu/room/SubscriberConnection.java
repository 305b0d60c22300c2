package dev.quorum.sfu.room;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.ext.AbsSendTime;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.forward.HeaderExtension;
import dev.quorum.sfu.room.forward.OutgoingHeader;
import dev.quorum.sfu.room.forward.OutgoingPacketWriter;
import dev.quorum.sfu.room.link.MediaLink;
import dev.quorum.sfu.room.simulcast.BandwidthEstimator;
import dev.quorum.sfu.room.simulcast.BitrateMeter;
import dev.quorum.sfu.room.simulcast.LayerAllocator;
import dev.quorum.sfu.room.simulcast.ProbeController;
import dev.quorum.sfu.room.simulcast.SendHistory;
import dev.quorum.sfu.room.simulcast.VideoLayers;
import io.netty.buffer.ByteBuf;
import io.netty.util.collection.LongObjectHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A participant's subscriber peer connection: the sections of the server's offers (stable mids,
 * vacated sections recycled), one {@link Subscription} per received track, the transport that
 * carries them, the bandwidth estimate and the layer allocation. RTCP from the subscriber (NACK,
 * PLI/FIR, receiver reports, REMB, transport-cc feedback) arrives here. Lives on the room's loop.
 */
final class SubscriberConnection implements MediaLink.Listener {

    private static final long ALLOCATION_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** An estimate cut below this fraction of the one last allocated reallocates at the next tick. */
    private static final double CUT_REALLOCATES = 0.9;

    /**
     * A path that showed no sign of congestion for this long keeps every track on its layer: its
     * estimate only bounds what it has been shown to carry.
     */
    private static final long STEADY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final long MIN_RESEND_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * Resends take at most this share of the subscriber's estimate (over the last second): on a
     * congested link, answering every NACK would add to the congestion that lost the packets.
     */
    static final double MAX_RESEND_SHARE = 0.25;

    // Given
    private final RoomParticipant participant;
    private final RoomContext ctx;

    // Owned
    private MediaLink link;
    private boolean connected;
    private final SubscriberSections sections = new SubscriberSections();
    private final Map<PublishedTrack, Subscription> byTrack = new LinkedHashMap<>();
    private final LongObjectHashMap<Subscription> bySsrc = new LongObjectHashMap<>();
    private final Map<String, int[]> preferences = new HashMap<>();
    private int[] extensionIds = HeaderExtension.ids(Map.of());
    private final SendHistory history =
            new SendHistory(ThreadLocalRandom.current().nextInt(0x10000));
    private final BandwidthEstimator estimator;
    private final ProbeController probes = new ProbeController();
    /** What is sent to this subscriber, probes included (a probe's padding is sized against it). */
    private final BitrateMeter sent = new BitrateMeter();
    /** How many more bits per second the cheapest upgrade left out needs; 0 if none. */
    private long shortfall;
    /** What was resent to this subscriber on its NACKs, for {@link #MAX_RESEND_SHARE}. */
    private final BitrateMeter resent = new BitrateMeter();
    /** The part of {@link #sent} that was a probe's padding. */
    private final BitrateMeter padded = new BitrateMeter();
    /** Padding bytes a probe still owes. */
    private long paddingDue;

    private long probeBytes;

    private long lastTickNanos = Long.MIN_VALUE;
    private final OutgoingPacketWriter writer = new OutgoingPacketWriter();
    private final SubscriberRtcp rtcp;
    private final List<VideoLayers> allocation = new ArrayList<>();
    private boolean allocationDue;
    /** The estimate the last allocation spent. */
    private long allocatedEstimate;

    private long lastAllocationNanos = Long.MIN_VALUE;
    private long lastReportNanos = Long.MIN_VALUE;
    private long rttNanos = -1;
    private boolean closed;
    /** This subscriber's own meters, or null when they are not kept. */
    private final SubscriberMeters meters;

    // What the participant's browser reported, summed: read by its meters.
    long reportedFrames;
    long reportedFreezes;
    long reportedFrozenMs;
    long reportedAudioSamples;
    long reportedConcealedSamples;

    SubscriberConnection(RoomParticipant participant, RoomContext ctx) {
        this.participant = participant;
        this.ctx = ctx;
        this.estimator = new BandwidthEstimator(
                ctx.config().initialSubscriberBitrate(), ctx.config().maxSubscriberBitrate());
        this.rtcp = new SubscriberRtcp(this, ctx);
        this.meters = ctx.metrics().openSubscriber(participant.owner().info().sid(), participant.sid(), this);
    }

    MediaLink link() {
        if (link == null) {
            link = ctx.links().create(participant.sid() + "/subscriber", participant.owner().loop, this);
        }
        return link;
    }

    boolean connected() {
        return connected;
    }

    long rttNanos() {
        return rttNanos;
    }

    BandwidthEstimator estimator() {
        return estimator;
    }

    SendHistory history() {
        return history;
    }

    RoomMetrics metrics() {
        return participant.owner().metrics();
    }

    /** The estimate the last allocation spent, bit/s. */
    long allocatedEstimate() {
        return allocatedEstimate;
    }

    /** Bytes of padding sent to probe this subscriber's downlink. */
    long probeBytes() {
        return probeBytes;
    }

    RoomContext context() {
        return ctx;
    }

    // -------------------------------------------------------------------------------------------
    // Sections and subscriptions

    void subscribe(PublishedTrack track) {
        if (closed || byTrack.containsKey(track) || track.closed()) {
            return;
        }
        boolean video = track.kind() == TrackKind.VIDEO;
        long ssrc = newSsrc();
        long rtxSsrc = 0;
        while (video && (rtxSsrc == 0 || rtxSsrc == ssrc)) {
            rtxSsrc = newSsrc();
        }
        OutgoingTrack outgoing = sections.reserve(track, ssrc, rtxSsrc);
        TrackInfo info = track.info();
        int cacheSize = ctx.config().retransmissionCache();
        Subscription sub = track.simulcast()
                ? new SimulcastSubscription(this, track, outgoing, cacheSize)
                : new SimpleSubscription(this, track, outgoing, cacheSize);
        sections.occupy(sub);
        byTrack.put(track, sub);
        bySsrc.put(ssrc, sub);
        if (rtxSsrc != 0) {
            bySsrc.put(rtxSsrc, sub);
        }
        if (sub instanceof SimulcastSubscription s) {
            int[] pref = preferences.get(info.sid());
            if (pref != null) {
                s.layers.maxWidth = pref[0];
                s.layers.maxHeight = pref[1];
            }
        }
        track.addSubscription(sub);
        metrics().subscriptions++;
        if (meters != null) {
            meters.add(sub);
        }
        participant.listener().onSubscriptionsChanged();
    }

    void unsubscribe(PublishedTrack track) {
        Subscription sub = byTrack.remove(track);
        if (sub == null) {
            return;
        }
        end(sub);
        sections.vacate(sub);
        if (!closed) {
            participant.listener().onSubscriptionsChanged();
        }
    }

    private void end(Subscription sub) {
        sub.track.removeSubscription(sub);
        bySsrc.remove(sub.outgoing.ssrc());
        if (sub.outgoing.rtxSsrc() != 0) {
            bySsrc.remove(sub.outgoing.rtxSsrc());
        }
        sub.close();
        metrics().subscriptions--;
        if (meters != null) {
            meters.remove(sub);
        }
    }

    private long newSsrc() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long ssrc;
        do {
            ssrc = random.nextInt() & 0xFFFFFFFFL;
        } while (ssrc == 0 || bySsrc.containsKey(ssrc));
        return ssrc;
    }

    SubscriberOffer offer() {
        return sections.offer();
    }

    void answered(long version, String fingerprintAlgorithm, String fingerprint, Map<String, Integer> accepted) {
        link().setRemoteFingerprint(fingerprintAlgorithm, fingerprint);
        Map<String, Integer> usable = new HashMap<>();
        for (Map.Entry<String, Integer> e : accepted.entrySet()) {
            HeaderExtension ext = HeaderExtension.byUri(e.getKey());
            if (ext != null && e.getValue() != null && e.getValue() == ext.offeredId()) {
                usable.put(e.getKey(), e.getValue());
            }
        }
        extensionIds = HeaderExtension.ids(usable);
        long now = ctx.clock().nanoTime();
        sections.answered(version, sub -> {
            sub.answered = true;
            if (connected && !sub.active) {
                sub.activate(now);
            }
        });
    }

    List<TrackInfo> subscribedTrackInfos() {
        List<TrackInfo> out = new ArrayList<>(byTrack.size());
        byTrack.keySet().forEach(t -> out.add(t.info()));
        return out;
    }

    void setVideoPreference(String trackSid, int maxWidth, int maxHeight) {
        preferences.put(trackSid, new int[] {maxWidth, maxHeight});
        for (Subscription sub : byTrack.values()) {
            if (sub.track.info().sid().equals(trackSid) && sub instanceof SimulcastSubscription s) {
                s.layers.maxWidth = maxWidth;
                s.layers.maxHeight = maxHeight;
                allocationDue = true;
            }
        }
    }

    void allocateSoon() {
        allocationDue = true;
    }

    Subscription bySsrc(long ssrc) {
        return bySsrc.get(ssrc);
    }

    // -------------------------------------------------------------------------------------------
    // Packet path

    /**
     * Writes and sends one subscriber packet (see {@link OutgoingPacketWriter}).
     *
     * @param source borrowed
     * @return false if the packet could not be sent
     */
    boolean transmit(RtpPacket source, int[] sourceIds, OutgoingHeader h, boolean vp8, long nowNanos) {
        ctx.metrics().subscriberOut().in();
        if (!connected) {
            ctx.metrics().subscriberOut().drop(DropReason.NOT_CONNECTED);
            return false;
        }
        int[] ids = extensionIds;
        int twcc = ids[HeaderExtension.TRANSPORT_CC.ordinal()] > 0 ? history.next() : -1;
        h.transportSequenceNumber = twcc;
        h.absSendTime = ids[HeaderExtension.ABS_SEND_TIME.ordinal()] > 0 ? AbsSendTime.fromNanos(nowNanos) : -1;
        ByteBuf out = link.allocate(OutgoingPacketWriter.maxLength(source));
        int length;
        try {
            length = writer.write(source, sourceIds, out, h, ids, vp8);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        // The transport takes the packet and counts it if it cannot send it (stage transport_out).
        ctx.metrics().subscriberOut().out();
        if (!link.sendRtp(out)) {
            // Not sent: its transport-wide number stays out of the history, so feedback about it
            // is ignored instead of read as loss, and it does not count as sent bitrate.
            return false;
        }
        if (twcc >= 0) {
            history.sent(twcc, length, nowNanos);
        }
        sent.add(length, nowNanos);
        RoomMetrics m = metrics();
        m.packetsForwarded++;
        m.bytesForwarded += length;
        return true;
    }

    /** The subscriber NACKed {@code sequenceNumber} of outgoing stream {@code ssrc}. */
    void nack(long ssrc, int sequenceNumber, long nowNanos) {
        Subscription sub = bySsrc.get(ssrc);
        if (sub == null) {
            return;
        }
        RoomMetrics m = metrics();
        m.nacksReceived++;
        sub.nacksReceived++;
        if (resent.bitsInLastSecond(nowNanos) >= estimator.estimate() * MAX_RESEND_SHARE) {
            m.resendsRefused++;
            sub.resendsRefused++;
            return;
        }
        long minInterval = Math.max(MIN_RESEND_INTERVAL_NANOS, rttNanos / 2);
        int n = sub.retransmit(sequenceNumber, nowNanos, minInterval);
        if (n > 0) {
            m.retransmissions++;
            sub.retransmissions++;
            resent.add(n, nowNanos);
        }
    }

    /** The subscriber asked for a keyframe on outgoing stream {@code ssrc}. */
    void keyframeRequested(long ssrc, long nowNanos) {
        Subscription sub = bySsrc.get(ssrc);
        if (sub != null && sub.active) {
            sub.keyframeRequests++;
            sub.keyframeRequested(nowNanos);
        }
    }

    /** What the participant's browser reported seeing since its last report (the SDK's quality message). */
    void qualityReported(ClientQuality q) {
        reportedFrames += q.framesDecoded();
        reportedFreezes += q.freezes();
        reportedFrozenMs += q.frozenMs();
        reportedAudioSamples += q.audioSamples();
        reportedConcealedSamples += q.concealedSamples();
    }

    /** A receiver report block about outgoing stream {@code ssrc}. */
    void receiverReport(long ssrc, int fractionLost, long lsr, long dlsr, long nowNanos) {
        Subscription sub = bySsrc.get(ssrc);
        if (sub == null) {
            return;
        }
        long rtt = sub.rttNanos(lsr, dlsr, nowNanos);
        if (rtt >= 0) {
            rttNanos = rttNanos < 0 ? rtt : (rttNanos * 7 + rtt) / 8;
            double millis = rtt / 1e6;
            ctx.metrics().rtt(millis);
            RoomMetrics m = metrics();
            m.rttMillis = m.rttMillis == 0 ? millis : m.rttMillis * 0.9 + millis * 0.1;
        }
        double loss = fractionLost / 256.0;
        ctx.metrics().loss(loss);
        RoomMetrics m = metrics();
        m.lossFraction = m.lossFraction * 0.9 + loss * 0.1;
        if (!rtcp.transportCcSeen()) {
            estimator.receiverReport(loss, nowNanos);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Transport events

    @Override
    public void onConnected() {
        if (closed) {
            return;
        }
        connected = true;
        long now = ctx.clock().nanoTime();
        for (Subscription sub : byTrack.values()) {
            if (sub.answered && !sub.active) {
                sub.activate(now);
            }
        }
    }

    @Override
    public void onRtp(ByteBuf packet, long arrivalNanos) {
        ctx.metrics().roomIn().inAndDrop(DropReason.UNEXPECTED_RTP);
    }

    @Override
    public void onRtcp(ByteBuf packet, long arrivalNanos) {
        ctx.metrics().roomIn().in();
        if (closed) {
            ctx.metrics().roomIn().drop(DropReason.CONNECTION_CLOSED);
        } else if (rtcp.receive(packet, ctx.clock().nanoTime())) {
            ctx.metrics().roomIn().out();
        } else {
            ctx.metrics().roomIn().drop(DropReason.MALFORMED_RTCP);
        }
    }

    @Override
    public void onClosed(MediaLink.Ending ending, String reason) {
        connected = false;
        if (!closed) {
            participant.transportEnded("subscriber", ending, reason);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Timers

    void tick(long nowNanos) {
        if (closed) {
            return;
        }
        Subscription padder = null;
        for (Subscription sub : byTrack.values()) {
            sub.tick(nowNanos);
            if (padder == null && sub.active && sub.canProbe()) {
                padder = sub;
            }
        }
        if (allocationDue
                || lastAllocationNanos == Long.MIN_VALUE
                || nowNanos - lastAllocationNanos >= ALLOCATION_INTERVAL_NANOS
                // The path congested: the layers go down now, not at the next periodic
                // allocation; every millisecond over the new estimate adds to the queue.
                || estimator.estimate() < allocatedEstimate * CUT_REALLOCATES) {
            allocate(nowNanos);
        }
        probe(padder, nowNanos);
        if (connected
                && (lastReportNanos == Long.MIN_VALUE
                        || nowNanos - lastReportNanos
                                >= ctx.config().rtcpReportInterval().toNanos())) {
            lastReportNanos = nowNanos;
            for (Subscription sub : byTrack.values()) {
                if (sub.active) {
                    rtcp.sendSenderReport(sub, nowNanos);
                }
            }
        }
    }

    /** Shares the bandwidth estimate between the simulcast tracks this subscriber receives. */
    private void allocate(long nowNanos) {
        allocationDue = false;
        lastAllocationNanos = nowNanos;
        allocation.clear();
        long budget = estimator.estimate();
        allocatedEstimate = budget;
        long timeout = ctx.config().layerTimeout().toNanos();
        for (Subscription sub : byTrack.values()) {
            if (!sub.active) {
                continue;
            }
            IncomingStream current = sub.current();
            if (sub instanceof SimulcastSubscription s) {
                VideoLayers v = s.layers;
                PublishedTrack t = s.track;
                v.count = Math.min(VideoLayers.MAX_LAYERS, t.layerCount());
                v.current = s.currentLayer();
                for (int i = 0; i < v.count; i++) {
                    IncomingStream l = t.layer(i);
                    v.bitrate[i] = l.bitrate.bitrate(nowNanos);
                    v.active[i] = l.active(nowNanos, timeout);
                    v.width[i] = l.width;
                    v.height[i] = l.height;
                    v.keyframeBits[i] = l.keyframeSize.bits();
                }
                allocation.add(v);
            } else if (current != null) {
                budget -= current.bitrate.bitrate(nowNanos);
            }
        }
        if (allocation.isEmpty()) {
            shortfall = 0;
            return;
        }
        ctx.metrics().estimate(allocatedEstimate);
        shortfall = LayerAllocator.allocate(
                allocation,
                Math.max(0, budget),
                probes.mayGoUp(),
                !estimator.provenOnly(nowNanos, STEADY_NANOS),
                !estimator.calm(nowNanos, STEADY_NANOS));
        for (Subscription sub : byTrack.values()) {
            if (sub.active && sub instanceof SimulcastSubscription s) {
                s.setTarget(s.layers.target, nowNanos);
            }
        }
    }

    /**
     * Probes the downlink before a layer goes up ({@link ProbeController}): while a probe (or a
     * REMB-only subscriber's ramp) runs, each tick sends its share of padding as RTX copies of
     * recent video packets.
     *
     * @param padder the subscription to send them on, or null if none can
     */
    private void probe(Subscription padder, long nowNanos) {
        long elapsed = lastTickNanos == Long.MIN_VALUE ? 0 : Math.min(nowNanos - lastTickNanos, 100_000_000L);
        lastTickNanos = nowNanos;
        if (!connected) {
            return;
        }
        probes.tick(estimator, shortfall, sent.bitrate(nowNanos), padded.bitrate(nowNanos), padder != null, nowNanos);
        long rate = probes.paddingBitrate();
        if (rate == 0 || padder == null) {
            paddingDue = 0;
            return;
        }
        paddingDue += rate * elapsed / 8_000_000_000L;
        while (paddingDue > 0) {
            int n = padder.probe(nowNanos);
            if (n <= 0) {
                break;
            }
            paddingDue -= n;
            padded.add(n, nowNanos);
            metrics().probeBytes += n;
            probeBytes += n;
        }
    }

    void close() {
        closed = true;
        for (Subscription sub : new ArrayList<>(byTrack.values())) {
            end(sub);
        }
        byTrack.clear();
        if (meters != null) {
            meters.close();
        }
        if (link != null) {
            link.close();
        }
    }
}

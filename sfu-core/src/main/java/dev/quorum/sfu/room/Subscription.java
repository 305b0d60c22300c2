package dev.quorum.sfu.room;

import dev.quorum.rtp.PacketStage;
import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.codec.vp8.Vp8PayloadDescriptor;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.forward.OutgoingHeader;
import dev.quorum.sfu.room.forward.RetransmissionBuffer;
import dev.quorum.sfu.room.forward.SeqRewriter;
import dev.quorum.sfu.room.forward.TimestampRewriter;
import dev.quorum.sfu.room.forward.Vp8Rewriter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One published track forwarded to one subscriber as one outgoing stream: a stable SSRC (and RTX
 * SSRC), continuous sequence numbers, timestamps and VP8 picture ids whatever the source does,
 * the packets recently sent for NACKs, and the counts its sender reports carry. Subclasses decide
 * which received packets to forward ({@link SimpleSubscription}, {@link SimulcastSubscription}).
 * Lives on the room's loop.
 */
abstract class Subscription {

    // Given
    final SubscriberConnection connection;
    final PublishedTrack track;
    final OutgoingTrack outgoing;
    /** The publisher's header extension ids, as the packets carry them (updated in place on renegotiation). */
    private final int[] sourceIds;

    // Owned
    final OutgoingHeader header = new OutgoingHeader();
    final SeqRewriter sequences;
    final TimestampRewriter timestamps;
    final Vp8Rewriter vp8;
    final RetransmissionBuffer cache;
    /** The ledger of the {@code subscription} stage: every packet offered to {@link #forward}. */
    final PacketStage<DropReason> stage;

    private final Vp8PayloadDescriptor sourceVp8 = new Vp8PayloadDescriptor();
    private final RtpPacket cached = new RtpPacket();
    private final byte[] mid;
    private int rtxSequence;
    /** The last outgoing sequence number, or -1; probes resend the packets up to it. */
    private int lastSequence = -1;

    /**
     * How long a sent packet stays cached for NACKs at least; longer when three round trips are
     * longer (libwebrtc's senders keep theirs as long): a repair later than that comes after the
     * receiver's jitter buffer gave the packet up.
     */
    static final long CACHE_KEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private int probeCursor;
    /** How far back probes reach: recent packets, which the receiver's buffer still holds as duplicates. */
    private static final int PROBE_SPAN = 16;
    /** Forwarding runs once the offer with this section was answered and the transport is up. */
    boolean answered;

    boolean active;
    boolean closed;
    long packetsSent;
    long octetsSent;
    // What the subscriber asked of this track, and what it got: read by its meters.
    long nacksReceived;
    long retransmissions;
    long resendsRefused;
    long keyframeRequests;
    long layerSwitchesUp;
    long layerSwitchesDown;
    /** The middle 32 bits and send time of our last sender reports, to compute RTT from RR. */
    final long[] srMiddle = new long[4];

    final long[] srSentNanos = new long[4];
    int srNext;

    Subscription(SubscriberConnection connection, PublishedTrack track, OutgoingTrack outgoing, int cacheSize) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.connection = connection;
        this.track = track;
        this.outgoing = outgoing;
        this.sourceIds = track.extensionIds();
        this.sequences = new SeqRewriter(random.nextInt(0x10000));
        this.timestamps = new TimestampRewriter(outgoing.codec().clockRate(), random.nextInt() & 0xFFFFFFFFL);
        this.vp8 = track.videoKind() == VideoFrames.Kind.VP8 ? new Vp8Rewriter() : null;
        this.cache = track.kind() == TrackKind.VIDEO ? new RetransmissionBuffer(cacheSize) : null;
        this.rtxSequence = random.nextInt(0x10000);
        this.mid = outgoing.mid().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.stage = connection.context().metrics().subscription();
    }

    /**
     * A received media packet of one of the track's streams. Borrows the packet. Counts it in the
     * {@code subscription} stage: sent on ({@link #send}) or dropped for one reason.
     */
    abstract void forward(IncomingStream layer, RtpPacket packet, boolean keyframe, long nowNanos);

    /** A packet of {@code layer} that carries nothing to forward. */
    abstract void skipped(IncomingStream layer, int sequenceNumber);

    /** Forwarding may start: ask for what the decoder needs first. */
    abstract void activate(long nowNanos);

    /** The subscriber asked for a keyframe (PLI/FIR). */
    abstract void keyframeRequested(long nowNanos);

    /** The stream currently forwarded, or null. */
    abstract IncomingStream current();

    /** Periodic work (every room tick). */
    void tick(long nowNanos) {}

    /** Sends one received packet as this subscription's next packet (it leaves the {@code subscription} stage). */
    final void send(RtpPacket p, long nowNanos) {
        int seq = sequences.rewrite(p.sequenceNumber());
        if (seq < 0) {
            stage.drop(DropReason.BEFORE_LAYER_SWITCH);
            return;
        }
        stage.out();
        long ts = timestamps.rewrite(p.timestamp(), nowNanos);
        int pictureId = -1;
        int tl0 = -1;
        if (vp8 != null && sourceVp8.wrap(p.buffer(), p.payloadOffset(), p.payloadLength())) {
            int srcPicture = sourceVp8.pictureId();
            int srcTl0 = sourceVp8.tl0PicIdx();
            vp8.next(srcPicture, srcTl0);
            pictureId = srcPicture >= 0 ? vp8.outPictureId(srcPicture) : -1;
            tl0 = srcTl0 >= 0 ? vp8.outTl0PicIdx(srcTl0) : -1;
        }
        OutgoingHeader h = header.reset();
        h.payloadType = outgoing.codec().payloadType();
        h.sequenceNumber = seq;
        h.timestamp = ts;
        h.ssrc = outgoing.ssrc();
        h.marker = p.marker();
        h.mid = mid;
        h.pictureId = pictureId;
        h.tl0PicIdx = tl0;
        if (connection.transmit(p, sourceIds, h, vp8 != null, nowNanos)) {
            packetsSent++;
            octetsSent += p.payloadLength();
        }
        if (cache != null) {
            cache.put(seq, p.buffer().retain(), p.offset(), p.length(), ts, p.marker(), pictureId, tl0, nowNanos);
            // Only when something new is cached: a paused track keeps its last packets to pad probes.
            cache.expire(nowNanos - Math.max(CACHE_KEEP_NANOS, 3 * connection.rttNanos()));
            lastSequence = seq;
        }
    }

    /**
     * Answers a NACK for one outgoing sequence number from the cache, as RTX when negotiated.
     *
     * @return the bytes resent, or 0 if nothing was
     */
    final int retransmit(int sequenceNumber, long nowNanos, long minIntervalNanos) {
        if (cache == null) {
            return 0;
        }
        int slot = cache.find(sequenceNumber);
        if (slot < 0 || !cache.markResent(slot, nowNanos, minIntervalNanos)) {
            return 0;
        }
        if (!(cached.wrap(cache.packet(slot), cache.offset(slot), cache.length(slot)) instanceof RtpPacket p)) {
            return 0;
        }
        int length = p.length();
        return resend(p, slot, sequenceNumber, rtxNegotiated(), nowNanos) ? length : 0;
    }

    /** Whether {@link #probe} can send: a video stream with RTX negotiated that sent something. */
    final boolean canProbe() {
        return cache != null && rtxNegotiated() && lastSequence >= 0;
    }

    private boolean rtxNegotiated() {
        return outgoing.codec().hasRtx() && outgoing.rtxSsrc() != 0;
    }

    /**
     * Resends one of the last {@link #PROBE_SPAN} packets as RTX, as padding that probes the
     * downlink: the receiver drops the duplicate, its transport-cc feedback reports it.
     *
     * @return the bytes resent, or 0 if nothing could be
     */
    final int probe(long nowNanos) {
        if (!canProbe()) {
            return 0;
        }
        int seq = (lastSequence - probeCursor) & 0xFFFF;
        probeCursor = (probeCursor + 1) % PROBE_SPAN;
        int slot = cache.find(seq);
        if (slot < 0) {
            probeCursor = 0;
            seq = lastSequence;
            slot = cache.find(seq);
        }
        if (slot < 0
                || !(cached.wrap(cache.packet(slot), cache.offset(slot), cache.length(slot)) instanceof RtpPacket p)) {
            return 0;
        }
        int length = p.length();
        return resend(p, slot, seq, true, nowNanos) ? length : 0;
    }

    /** Sends cached packet {@code p} (outgoing number {@code sequenceNumber}) again; clears {@link #cached}. */
    private boolean resend(RtpPacket p, int slot, int sequenceNumber, boolean rtx, long nowNanos) {
        OutgoingHeader h = header.reset();
        h.payloadType =
                rtx ? outgoing.codec().rtxPayloadType() : outgoing.codec().payloadType();
        h.sequenceNumber = rtx ? nextRtxSequence() : sequenceNumber;
        h.ssrc = rtx ? outgoing.rtxSsrc() : outgoing.ssrc();
        h.originalSequenceNumber = rtx ? sequenceNumber : -1;
        h.timestamp = cache.timestamp(slot);
        h.marker = cache.marker(slot);
        h.mid = mid;
        h.pictureId = cache.pictureId(slot);
        h.tl0PicIdx = cache.tl0PicIdx(slot);
        boolean sent = connection.transmit(p, sourceIds, h, vp8 != null, nowNanos);
        cached.clear();
        return sent;
    }

    private int nextRtxSequence() {
        int s = rtxSequence;
        rtxSequence = (rtxSequence + 1) & 0xFFFF;
        return s;
    }

    /** Remembers a sender report we sent, for the RTT its receiver report will allow. */
    final void senderReportSent(long ntp, long nowNanos) {
        srMiddle[srNext] = (ntp >>> 16) & 0xFFFFFFFFL;
        srSentNanos[srNext] = nowNanos;
        srNext = (srNext + 1) & 3;
    }

    /**
     * Round-trip time from a receiver report's LSR and DLSR (RFC 3550 §6.4.1), or -1 if the LSR
     * is not one of our recent reports.
     */
    final long rttNanos(long lsr, long dlsr, long nowNanos) {
        if (lsr == 0) {
            return -1;
        }
        for (int i = 0; i < srMiddle.length; i++) {
            if (srMiddle[i] == lsr && srSentNanos[i] != 0) {
                long rtt = nowNanos - srSentNanos[i] - dlsr * 1_000_000_000L / 65536;
                return Math.max(0, rtt);
            }
        }
        return -1;
    }

    void close() {
        closed = true;
        active = false;
        if (cache != null) {
            cache.close();
        }
    }
}

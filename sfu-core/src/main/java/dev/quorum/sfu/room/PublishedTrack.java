package dev.quorum.sfu.room;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.sfu.tap.TrackSink;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * A track a participant publishes: its streams (one, or one per simulcast layer), the
 * subscriptions it fans out to and the recording sink it feeds. Lives on the room's loop.
 */
final class PublishedTrack {

    /**
     * How long a recording waits for the sender reports that let it switch layers in sync. Chrome
     * sends a report per stream about every second, the first soon after the stream starts.
     */
    private static final long REPORT_WAIT_NANOS = 2_000_000_000L;

    // Given
    private final RoomParticipant publisher;
    private final PublisherConnection connection;
    private final int[] extensionIds;
    private final PublishedMedia media;
    private final RoomContext ctx;

    // Owned
    private TrackInfo info;
    private final IncomingStream[] layers;
    private final VideoFrames.Kind videoKind;
    private final ArrayList<Subscription> subscriptions = new ArrayList<>();
    private TrackSink sink;
    private int tapLayer = -1;
    /** Since when the sink waits for sender reports to move to another layer. */
    private long switchWantedSinceNanos = Long.MIN_VALUE;

    private boolean closed;

    /**
     * @param connection   the peer connection the track arrives on (keyframe requests go there)
     * @param extensionIds that connection's header extension ids, current after renegotiations
     */
    PublishedTrack(
            RoomParticipant publisher,
            PublisherConnection connection,
            int[] extensionIds,
            PublishedMedia media,
            TrackInfo info,
            RoomContext ctx) {
        this.publisher = publisher;
        this.connection = connection;
        this.extensionIds = extensionIds;
        this.media = media;
        this.info = info;
        this.ctx = ctx;
        this.videoKind = media.kind() == TrackKind.VIDEO ? VideoFrames.kind(media.codec()) : VideoFrames.Kind.OTHER;
        int count = Math.max(1, Math.max(media.rids().size(), media.ssrcs().size()));
        boolean nack = media.kind() == TrackKind.VIDEO && media.codec().hasFeedback(CodecChoice.NACK);
        long keyframeInterval = ctx.config().keyframeRequestInterval().toNanos();
        layers = new IncomingStream[count];
        for (int i = 0; i < count; i++) {
            String rid = i < media.rids().size() ? media.rids().get(i) : null;
            layers[i] = new IncomingStream(this, i, rid, nack, keyframeInterval);
            if (i < media.ssrcs().size()) {
                layers[i].ssrc = media.ssrcs().get(i);
                Long rtx = media.rtxSsrcs().get(layers[i].ssrc);
                layers[i].rtxSsrc = rtx == null ? 0 : rtx;
            }
        }
    }

    TrackInfo info() {
        return info;
    }

    PublishedMedia media() {
        return media;
    }

    RoomParticipant publisher() {
        return publisher;
    }

    /** The header extension ids of the track's packets ({@link dev.quorum.sfu.room.forward.HeaderExtension#ids}). */
    int[] extensionIds() {
        return extensionIds;
    }

    TrackKind kind() {
        return media.kind();
    }

    boolean simulcast() {
        return layers.length > 1;
    }

    int layerCount() {
        return layers.length;
    }

    IncomingStream layer(int index) {
        return layers[index];
    }

    VideoFrames.Kind videoKind() {
        return videoKind;
    }

    /** Bits per second received over the last second, all layers together. */
    long bitrate(long nowNanos) {
        long sum = 0;
        for (IncomingStream layer : layers) {
            sum += layer.bitrate.bitrate(nowNanos);
        }
        return sum;
    }

    boolean closed() {
        return closed;
    }

    void setEnabled(boolean enabled) {
        info = new TrackInfo(
                info.sid(),
                info.participantSid(),
                info.roomSid(),
                info.name(),
                info.kind(),
                enabled,
                info.codec(),
                info.dateCreated());
    }

    TappedTrack tapped(RoomInfo room) {
        CodecChoice c = media.codec();
        return new TappedTrack(
                room.accountSid(),
                room.sid(),
                room.uniqueName(),
                publisher.sid(),
                publisher.identity(),
                info.sid(),
                info.name(),
                info.kind(),
                c.name(),
                c.payloadType(),
                c.clockRate(),
                c.channels(),
                c.fmtp(),
                room.dateCreated().toEpochMilli());
    }

    // -------------------------------------------------------------------------------------------
    // Fan-out

    void addSubscription(Subscription s) {
        subscriptions.add(s);
    }

    void removeSubscription(Subscription s) {
        subscriptions.remove(s);
    }

    List<Subscription> subscriptions() {
        return subscriptions;
    }

    /**
     * A media packet of one of the track's streams, RTX already unwrapped: to the recording sink
     * and every subscription.
     *
     * @param packet borrowed; whoever keeps it takes a retained slice
     */
    void forward(IncomingStream layer, RtpPacket packet, boolean keyframe, long nowNanos, long arrivalNanos) {
        if (sink != null) {
            tap(layer, packet, keyframe, nowNanos, arrivalNanos);
        }
        ArrayList<Subscription> subs = subscriptions;
        for (int i = 0, n = subs.size(); i < n; i++) {
            subs.get(i).forward(layer, packet, keyframe, nowNanos);
        }
    }

    /** A packet of the layer that carries nothing to forward (padding): subscribers close the gap. */
    void skipped(IncomingStream layer, int sequenceNumber) {
        ArrayList<Subscription> subs = subscriptions;
        for (int i = 0, n = subs.size(); i < n; i++) {
            subs.get(i).skipped(layer, sequenceNumber);
        }
    }

    /**
     * Feeds the sink from one stream: the highest layer that flows. A switch happens only on a
     * keyframe of the new layer (asked for), so the recording never continues from a frame its
     * decoder lacks the reference for, and only when the sink can place the new layer in time:
     * see {@link #switchReady}.
     */
    private void tap(IncomingStream layer, RtpPacket packet, boolean keyframe, long nowNanos, long arrivalNanos) {
        int wanted = highestActiveLayer(nowNanos);
        if (wanted == tapLayer || wanted < 0) {
            switchWantedSinceNanos = Long.MIN_VALUE;
        } else if (switchReady(layers[wanted], nowNanos)) {
            if (layer.index == wanted && (keyframe || media.kind() == TrackKind.AUDIO)) {
                tapLayer = wanted;
                switchWantedSinceNanos = Long.MIN_VALUE;
            } else {
                requestKeyframe(layers[wanted], nowNanos);
            }
        }
        if (layer.index == tapLayer) {
            // The sink borrows the packet as it is (RTX unwrapped): a recycled slice, released here.
            ByteBuf slice = packet.buffer().retainedSlice(packet.offset(), packet.length());
            try {
                sink.onRtp(slice, arrivalNanos);
            } finally {
                slice.release();
            }
        }
    }

    /**
     * Whether the recording may move to layer {@code next} now. The recorder places the new
     * layer's first frame after the old layer's last one by their capture times, which only the
     * two layers' sender reports give; with a network delay that differs per layer, their arrival
     * times would shift the rest of the recording against its audio. So the old layer keeps being
     * recorded until both have a report. An old layer that stopped flowing gets no report any
     * more: then only the new layer's is waited for. A publisher that sends no reports at all is
     * switched after {@link #REPORT_WAIT_NANOS} anyway.
     */
    private boolean switchReady(IncomingStream next, long nowNanos) {
        if (tapLayer < 0) {
            return true; // the recording's first layer: its reports may follow
        }
        IncomingStream current = layers[tapLayer];
        if (next.hasSenderReport()
                && (current.hasSenderReport()
                        || !current.active(nowNanos, ctx.config().layerTimeout().toNanos()))) {
            return true;
        }
        if (switchWantedSinceNanos == Long.MIN_VALUE) {
            switchWantedSinceNanos = nowNanos;
        }
        return nowNanos - switchWantedSinceNanos >= REPORT_WAIT_NANOS;
    }

    /** The publisher's sender report for one stream: every layer's reaches the sink. */
    void senderReport(IncomingStream layer, long ntp, long rtp, long arrivalNanos) {
        if (sink != null) {
            sink.onSenderReport(layer.ssrc, ntp, rtp, arrivalNanos);
        }
    }

    int highestActiveLayer(long nowNanos) {
        long timeout = ctx.config().layerTimeout().toNanos();
        for (int i = layers.length - 1; i >= 0; i--) {
            if (layers[i].active(nowNanos, timeout)) {
                return i;
            }
        }
        return -1;
    }

    /** Starts feeding a sink, first with the last sender report of every stream that had one. */
    void attachSink(TrackSink s) {
        sink = s;
        tapLayer = -1;
        switchWantedSinceNanos = Long.MIN_VALUE;
        for (IncomingStream l : layers) {
            if (l.hasSenderReport()) {
                s.onSenderReport(l.ssrc, l.srNtp, l.srRtp, l.srPacketArrivalNanos);
            }
        }
        requestKeyframe();
    }

    void detachSink() {
        sink = null;
        tapLayer = -1;
    }

    /** True if a recording sink or a subscription is attached (someone needs this track's keyframes). */
    boolean waitingForKeyframe() {
        return media.kind() == TrackKind.VIDEO && (sink != null || !subscriptions.isEmpty());
    }

    /** Asks for a keyframe on every stream that flows (a recording start, a tap's request). */
    void requestKeyframe() {
        if (media.kind() != TrackKind.VIDEO) {
            return;
        }
        long now = ctx.clock().nanoTime();
        for (IncomingStream l : layers) {
            if (l.latched()) {
                requestKeyframe(l, now);
            }
        }
    }

    /** Asks for a keyframe on one stream, throttled per stream. */
    void requestKeyframe(IncomingStream layer, long nowNanos) {
        if (media.kind() == TrackKind.VIDEO && layer.keyframes.request(nowNanos)) {
            connection.sendKeyframeRequest(layer);
        }
    }

    /** Timers: deferred keyframe requests. */
    void tick(long nowNanos) {
        if (media.kind() != TrackKind.VIDEO) {
            return;
        }
        for (IncomingStream l : layers) {
            if (l.latched() && l.keyframes.due(nowNanos)) {
                connection.sendKeyframeRequest(l);
            }
        }
    }

    /** The track is unpublished: subscriptions are ended by the room, the sink by the taps. */
    void close() {
        closed = true;
        sink = null;
    }
}

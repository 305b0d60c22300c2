package dev.quorum.sfu.room;

import dev.quorum.rtp.RtpError;
import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.Rtx;
import dev.quorum.rtp.ext.AudioLevel;
import dev.quorum.rtp.ext.SdesExtension;
import dev.quorum.rtp.ext.TransportWideSequenceNumber;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.forward.HeaderExtension;
import dev.quorum.sfu.room.link.MediaLink;
import io.netty.buffer.ByteBuf;
import io.netty.util.collection.LongObjectHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A participant's publisher peer connection: the tracks it publishes (by mid), their streams by
 * SSRC, and the receive path every packet takes — parse, find the stream (latching unknown SSRCs
 * from the mid/rid extensions), record for transport-cc, unwrap RTX, note losses for NACKs, then
 * hand the packet to its track for the recording tap and the subscriptions. Lives on the room's
 * loop; nothing on the receive path allocates.
 */
final class PublisherConnection implements MediaLink.Listener {

    // Given
    private final RoomParticipant participant;
    private final RoomContext ctx;

    // Owned
    private MediaLink link;
    private final LinkedHashMap<String, PublishedTrack> byMid = new LinkedHashMap<>();
    private final Set<String> refusedMids = new HashSet<>();
    private final LongObjectHashMap<IncomingStream> bySsrc = new LongObjectHashMap<>();
    private final LongObjectHashMap<IncomingStream> byRtxSsrc = new LongObjectHashMap<>();
    /**
     * The negotiated header extension ids ({@link HeaderExtension#ids}). One array for the
     * connection's life, rewritten in place on renegotiation: tracks and subscriptions are given
     * it when they are made and always read the current ids.
     */
    private final int[] extensionIds = HeaderExtension.ids(Map.of());

    private final RtpPacket view = new RtpPacket();
    private final VideoFrames frames = new VideoFrames();
    private final PublisherRtcp rtcp;
    private boolean transportCc;
    private boolean closed;

    PublisherConnection(RoomParticipant participant, RoomContext ctx) {
        this.participant = participant;
        this.ctx = ctx;
        this.rtcp = new PublisherRtcp(this, ctx);
    }

    MediaLink link() {
        if (link == null) {
            link = ctx.links().create(participant.sid() + "/publisher", participant.owner().loop, this);
        }
        return link;
    }

    MediaLink existingLink() {
        return link;
    }

    RoomMetrics metrics() {
        return participant.owner().metrics();
    }

    RoomParticipant participant() {
        return participant;
    }

    Iterable<PublishedTrack> tracks() {
        return byMid.values();
    }

    List<PublishedTrack> trackList() {
        return new ArrayList<>(byMid.values());
    }

    PublishedTrack track(String sidOrMid) {
        PublishedTrack t = byMid.get(sidOrMid);
        if (t != null) {
            return t;
        }
        for (PublishedTrack track : byMid.values()) {
            if (track.info().sid().equals(sidOrMid)) {
                return track;
            }
        }
        return null;
    }

    // -------------------------------------------------------------------------------------------
    // Publications

    /**
     * Applies the complete list of published sections: new mids are published, missing ones
     * unpublished. Returns the published tracks with their mids in the order of {@code media}.
     */
    List<Publication> update(List<PublishedMedia> media) {
        Map<String, Integer> uris = new HashMap<>();
        boolean cc = false;
        for (PublishedMedia m : media) {
            uris.putAll(m.headerExtensions());
            cc |= m.codec().hasFeedback(CodecChoice.TRANSPORT_CC);
        }
        int[] ids = HeaderExtension.ids(uris);
        System.arraycopy(ids, 0, extensionIds, 0, ids.length);
        transportCc = cc && extensionIds[HeaderExtension.TRANSPORT_CC.ordinal()] > 0;

        Set<String> mids = new HashSet<>();
        media.forEach(m -> mids.add(m.mid()));
        for (PublishedTrack gone : new ArrayList<>(byMid.values())) {
            if (!mids.contains(gone.media().mid())) {
                unpublish(gone);
            }
        }
        refusedMids.retainAll(mids);

        List<PublishedTrack> added = new ArrayList<>();
        List<Publication> result = new ArrayList<>();
        for (PublishedMedia m : media) {
            PublishedTrack existing = byMid.get(m.mid());
            if (existing != null) {
                registerSignalled(existing);
                result.add(new Publication(m.mid(), existing.info()));
                continue;
            }
            if (m.kind() == TrackKind.VIDEO
                    && participant.owner().info().settings().audioOnly()) {
                refusedMids.add(m.mid());
                continue;
            }
            String sid = Sid.generate(Sid.TRACK);
            String name =
                    m.trackName() == null || m.trackName().isEmpty() || nameTaken(m.trackName()) ? sid : m.trackName();
            TrackInfo info = new TrackInfo(
                    sid,
                    participant.sid(),
                    participant.owner().info().sid(),
                    name,
                    m.kind(),
                    true,
                    m.codec().name(),
                    ctx.clock().now());
            PublishedTrack track = new PublishedTrack(participant, this, extensionIds, m, info, ctx);
            byMid.put(m.mid(), track);
            registerSignalled(track);
            added.add(track);
            result.add(new Publication(m.mid(), info));
        }
        for (PublishedTrack t : added) {
            participant.owner().trackPublished(participant, t);
        }
        return result;
    }

    private boolean nameTaken(String name) {
        for (PublishedTrack t : byMid.values()) {
            if (t.info().name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void registerSignalled(PublishedTrack track) {
        for (int i = 0; i < track.layerCount(); i++) {
            IncomingStream l = track.layer(i);
            if (l.ssrc != 0) {
                bySsrc.put(l.ssrc, l);
            }
            if (l.rtxSsrc != 0) {
                byRtxSsrc.put(l.rtxSsrc, l);
            }
        }
    }

    private void unpublish(PublishedTrack track) {
        byMid.remove(track.media().mid());
        for (int i = 0; i < track.layerCount(); i++) {
            IncomingStream l = track.layer(i);
            if (l.ssrc != 0) {
                bySsrc.remove(l.ssrc);
            }
            if (l.rtxSsrc != 0) {
                byRtxSsrc.remove(l.rtxSsrc);
            }
        }
        track.close();
        participant.owner().trackUnpublished(participant, track);
    }

    // -------------------------------------------------------------------------------------------
    // Receive path

    @Override
    public void onRtp(ByteBuf buf, long arrivalNanos) {
        ctx.metrics().roomIn().in();
        if (closed) {
            ctx.metrics().roomIn().drop(DropReason.CONNECTION_CLOSED);
            return;
        }
        if (view.wrap(buf) instanceof RtpError) {
            ctx.metrics().roomIn().drop(DropReason.MALFORMED_RTP);
            return;
        }
        try {
            receive(view, arrivalNanos);
        } finally {
            view.clear();
        }
    }

    private void receive(RtpPacket p, long arrivalNanos) {
        long now = ctx.clock().nanoTime();
        RoomMetrics m = metrics();
        m.packetsReceived++;
        m.bytesReceived += p.length();
        if (transportCc) {
            int twccSeq = TransportWideSequenceNumber.read(p, extensionIds[HeaderExtension.TRANSPORT_CC.ordinal()]);
            if (twccSeq >= 0) {
                rtcp.transportSequence(twccSeq, arrivalNanos);
            }
        }
        long ssrc = p.ssrc();
        boolean rtx = false;
        IncomingStream stream = bySsrc.get(ssrc);
        if (stream == null) {
            stream = byRtxSsrc.get(ssrc);
            rtx = stream != null;
        }
        if (stream == null) {
            stream = latch(p);
            if (stream == null) {
                ctx.metrics().roomIn().drop(refusedMids.isEmpty() ? DropReason.UNKNOWN_SSRC : DropReason.REFUSED_TRACK);
                return;
            }
            rtx = stream.rtxSsrc == ssrc && stream.ssrc != ssrc;
        }
        PublishedTrack track = stream.track;
        CodecChoice codec = track.media().codec();
        if (rtx) {
            if (p.payloadType() != codec.rtxPayloadType() || stream.ssrc == 0) {
                ctx.metrics().roomIn().drop(DropReason.BAD_RTX);
                return;
            }
            if (Rtx.unwrap(p, codec.payloadType(), stream.ssrc) instanceof RtpError e) {
                ctx.metrics()
                        .roomIn()
                        .drop(e == RtpError.RTX_PADDING_ONLY ? DropReason.PADDING_ONLY : DropReason.BAD_RTX);
                return;
            }
        } else if (p.payloadType() != codec.payloadType()) {
            ctx.metrics().roomIn().drop(DropReason.UNKNOWN_PAYLOAD_TYPE);
            return;
        }
        long seq = stream.sequences.unwrap(p.sequenceNumber());
        boolean repaired = false;
        if (stream.nacks != null) {
            int missingBefore = stream.nacks.missingCount();
            repaired = stream.nacks.received(seq, now);
            if (stream.nacks.missingCount() > missingBefore) {
                rtcp.sendDueNacks(stream, now);
            }
        }
        boolean duplicate = seq <= stream.highestSequence && !repaired && (rtx || stream.nacks != null);
        if (seq > stream.highestSequence || stream.highestSequence == Long.MIN_VALUE) {
            stream.highestSequence = seq;
        }
        if (duplicate) {
            ctx.metrics().roomIn().drop(DropReason.DUPLICATE);
            return;
        }
        stream.statistics.received(seq, p.timestamp(), arrivalNanos, rtx);
        if (p.payloadLength() == 0) {
            track.skipped(stream, p.sequenceNumber());
            ctx.metrics().roomIn().drop(DropReason.PADDING_ONLY);
            return;
        }
        stream.bitrate.add(p.length(), now);
        stream.lastPacketNanos = now;
        boolean keyframe = false;
        if (track.kind() == TrackKind.VIDEO) {
            keyframe = frames.isKeyframe(track.videoKind(), p);
            if (keyframe) {
                stream.keyframes.keyframeReceived();
                stream.keyframeSeen = true;
                if (frames.width() > 0) {
                    stream.width = frames.width();
                    stream.height = frames.height();
                }
            }
            stream.keyframeSize.packet(p.timestamp(), p.length(), keyframe);
        } else {
            int levelId = extensionIds[HeaderExtension.AUDIO_LEVEL.ordinal()];
            if (levelId > 0) {
                int raw = AudioLevel.read(p, levelId);
                if (raw >= 0) {
                    participant.owner().audioLevel(participant, AudioLevel.level(raw), now);
                }
            }
        }
        ctx.metrics().roomIn().out();
        track.forward(stream, p, keyframe, now, arrivalNanos);
    }

    /**
     * Finds the stream of an SSRC seen for the first time: by the mid extension (or, with a single
     * section using this payload type, by the payload type), then the layer by rid or
     * repaired-rid. Chrome sends mid/rid only in the first packets of a stream, so the mapping is
     * kept. Control-path work: may allocate.
     */
    private IncomingStream latch(RtpPacket p) {
        String mid = SdesExtension.read(p, extensionIds[HeaderExtension.MID.ordinal()]);
        PublishedTrack track = mid == null ? null : byMid.get(mid);
        int pt = p.payloadType();
        if (track == null && mid == null) {
            for (PublishedTrack t : byMid.values()) {
                CodecChoice c = t.media().codec();
                if (!t.simulcast() && (c.payloadType() == pt || c.rtxPayloadType() == pt)) {
                    if (track != null) {
                        return null;
                    }
                    track = t;
                }
            }
        }
        if (track == null) {
            return null;
        }
        CodecChoice codec = track.media().codec();
        long ssrc = p.ssrc();
        boolean rtx = codec.hasRtx() && pt == codec.rtxPayloadType();
        if (!rtx && pt != codec.payloadType()) {
            return null;
        }
        IncomingStream layer = null;
        if (track.simulcast() && !track.media().rids().isEmpty()) {
            String rid = SdesExtension.read(
                    p, extensionIds[(rtx ? HeaderExtension.REPAIRED_RID : HeaderExtension.RID).ordinal()]);
            for (int i = 0; i < track.layerCount() && rid != null; i++) {
                if (rid.equals(track.layer(i).rid)) {
                    layer = track.layer(i);
                }
            }
        } else if (!track.simulcast()) {
            layer = track.layer(0);
        }
        if (layer == null) {
            return null;
        }
        if (mid == null && (rtx ? layer.rtxSsrc : layer.ssrc) != 0) {
            // Guessed from the payload type only: never take over a stream that is already known.
            return null;
        }
        if (rtx) {
            if (layer.rtxSsrc != 0) {
                byRtxSsrc.remove(layer.rtxSsrc);
            }
            layer.rtxSsrc = ssrc;
            byRtxSsrc.put(ssrc, layer);
        } else {
            if (layer.ssrc != 0) {
                bySsrc.remove(layer.ssrc);
                layer.sequences.reset();
                layer.highestSequence = Long.MIN_VALUE;
                layer.srArrivalNanos = Long.MIN_VALUE;
                if (layer.nacks != null) {
                    layer.nacks.clear();
                }
            }
            layer.ssrc = ssrc;
            bySsrc.put(ssrc, layer);
        }
        return layer;
    }

    @Override
    public void onRtcp(ByteBuf packet, long arrivalNanos) {
        ctx.metrics().roomIn().in();
        if (closed) {
            ctx.metrics().roomIn().drop(DropReason.CONNECTION_CLOSED);
        } else if (rtcp.receive(packet, arrivalNanos)) {
            ctx.metrics().roomIn().out();
        } else {
            ctx.metrics().roomIn().drop(DropReason.MALFORMED_RTCP);
        }
    }

    /** The publisher's sender report for stream {@code ssrc}. */
    void senderReport(long ssrc, long ntp, long rtpTimestamp, long arrivalNanos) {
        IncomingStream stream = bySsrc.get(ssrc);
        if (stream == null) {
            return;
        }
        stream.statistics.senderReport(ntp, arrivalNanos);
        stream.srNtp = ntp;
        stream.srRtp = rtpTimestamp;
        stream.srArrivalNanos = ctx.clock().nanoTime();
        stream.srPacketArrivalNanos = arrivalNanos;
        stream.track.senderReport(stream, ntp, rtpTimestamp, arrivalNanos);
    }

    /** Keyframe requests made before DTLS completed were lost: ask again for whoever waits. */
    @Override
    public void onConnected() {
        if (closed) {
            return;
        }
        for (PublishedTrack t : byMid.values()) {
            if (t.waitingForKeyframe()) {
                t.requestKeyframe();
            }
        }
    }

    @Override
    public void onClosed(MediaLink.Ending ending, String reason) {
        if (!closed) {
            participant.transportEnded("publisher", ending, reason);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Upstream feedback

    /** Asks the publisher for a keyframe of one stream (throttling is the caller's). */
    void sendKeyframeRequest(IncomingStream stream) {
        rtcp.sendKeyframeRequest(stream);
    }

    void tick(long nowNanos) {
        if (closed || link == null) {
            return;
        }
        for (PublishedTrack t : byMid.values()) {
            t.tick(nowNanos);
        }
        rtcp.tick(nowNanos, transportCc);
    }

    /** Unpublishes everything and closes the transport. */
    void close() {
        closed = true;
        for (PublishedTrack t : new ArrayList<>(byMid.values())) {
            unpublish(t);
        }
        if (link != null) {
            link.close();
        }
    }
}

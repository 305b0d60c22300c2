package dev.quorum.recorder.pipeline;

import dev.quorum.recorder.mkv.MatroskaCodec;
import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.RtpParseResult;
import dev.quorum.rtp.SequenceNumberUnwrapper;
import dev.quorum.rtp.codec.Codec;
import dev.quorum.rtp.codec.Depacketizer;
import dev.quorum.rtp.codec.Depacketizers;
import dev.quorum.rtp.codec.Frame;
import dev.quorum.rtp.codec.PayloadError;
import dev.quorum.rtp.codec.h264.H264Depacketizer;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.rtcp.KeyframeRequester;
import dev.quorum.sfu.tap.TapControl;
import dev.quorum.sfu.tap.TappedTrack;
import dev.quorum.sfu.tap.TrackSink;
import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records one tapped track: the {@link dev.quorum.sfu.tap.TrackSink} the SFU feeds, and the
 * pipeline a recorder thread runs for it.
 *
 * <pre>
 *  event loop:   onRtp ─► [paused/muted/closed? drop] ─► PacketQueue (full? drop, count)
 *  recorder:     service(): queue ─► parse ─► SSRC/PT check ─► ReorderBuffer ─► Depacketizer
 *                           ─► RecordingSession (first keyframe starts the file) ─► Matroska
 * </pre>
 *
 * The packet methods never block and never allocate; control methods set flags the recorder
 * thread acts on. A new SSRC is a new stream in the same file; pause and mute leave gaps; resume
 * and loss ask the publisher for a keyframe.
 */
public final class TrackRecorder implements TrackSink, ReorderBuffer.Output, Depacketizer.Listener {

    private static final int DRAIN_BATCH = 512;
    private static final int REORDER_CAPACITY = 2048;

    // given
    private final TappedTrack track;
    private final RecorderServices services;
    private final Codec rtpCodec;
    private final MatroskaCodec fileCodec;
    private final Runnable onFinished;
    private final PublisherClock publisher;

    // owned: shared with the producer (event loop) and control threads
    private final PacketQueue queue;
    private final TrackStats stats;
    private final AtomicInteger controlVersion = new AtomicInteger();
    private volatile boolean paused;
    private volatile boolean muted;
    private volatile boolean closeRequested;

    // owned: recorder thread only
    private final PacketQueue.Handler dequeued = new Dequeued();
    private final RtpPacket view = new RtpPacket();
    private final SequenceNumberUnwrapper sequences = new SequenceNumberUnwrapper();
    private final ReorderBuffer reorder;
    private final TapControl control;
    /** At most one request per retry interval however often the need is reported. */
    private final KeyframeRequester keyframes;

    private long keyframeRequests;
    private final RecordingSession session;
    private Depacketizer depacketizer;
    private int seenControlVersion;
    private boolean active = true;
    private boolean started;
    private boolean finished;
    private long ssrc = -1;
    private long nowNanos;
    private long currentArrivalNanos;
    private boolean unsupportedReported;

    public TrackRecorder(
            TappedTrack track,
            TapControl control,
            RecorderServices services,
            PublisherClock publisher,
            Runnable onFinished) {
        this.track = track;
        this.services = services;
        this.onFinished = onFinished;
        this.publisher = publisher;
        this.rtpCodec = Codec.fromRtpName(track.codec());
        this.fileCodec = MatroskaCodec.fromSdpName(track.codec());
        this.queue = new PacketQueue(services.config().queueCapacity());
        this.stats = new TrackStats(services.metrics());
        this.reorder = new ReorderBuffer(
                REORDER_CAPACITY, services.config().reorderWindow().toNanos());
        this.control = control;
        this.keyframes =
                new KeyframeRequester(services.config().keyframeRetryInterval().toNanos());
        // A track in a codec we cannot write never opens a file; its session only reports that.
        this.session =
                new RecordingSession(track, fileCodec == null ? MatroskaCodec.OPUS : fileCodec, services, publisher);
        this.depacketizer =
                recordable(rtpCodec, fileCodec) ? Depacketizers.create(rtpCodec, this, services.alloc(), -1) : null;
    }

    public TappedTrack track() {
        return track;
    }

    // ---- TrackSink: event loop and control threads ----

    /** {@inheritDoc} Borrows {@code packet}: a reference is queued, or the drop is counted. */
    @Override
    public void onRtp(ByteBuf packet, long arrivalNanos) {
        services.metrics().packetIn();
        DropReason refused =
                closeRequested ? DropReason.CLOSED : paused ? DropReason.PAUSED : muted ? DropReason.MUTED : null;
        if (refused == null) {
            if (queue.offerRtp(packet.retain(), arrivalNanos)) {
                return;
            }
            packet.release();
        }
        stats.dropPacket(refused == null ? DropReason.QUEUE_FULL : refused);
    }

    /**
     * {@inheritDoc} The publisher's clock mapping learns from the report at once, so every track
     * of the publisher sees the same reports however far behind its recorder thread is.
     */
    @Override
    public void onSenderReport(long reportSsrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {
        if (closeRequested) {
            return;
        }
        publisher.onSenderReport(
                PublisherClock.ntpToEpochMicros(ntpTimestamp),
                services.arrivals().epochMicros(arrivalNanos));
        if (!queue.offerSenderReport(reportSsrc, ntpTimestamp, rtpTimestamp, arrivalNanos)) {
            // A refused report enters the ledger as it leaves it: in and dropped.
            services.metrics().packetIn();
            stats.dropPacket(DropReason.QUEUE_FULL);
        }
    }

    @Override
    public void onEnabled(boolean enabled) {
        muted = !enabled;
        controlVersion.incrementAndGet();
    }

    @Override
    public void onPaused(boolean paused) {
        this.paused = paused;
        controlVersion.incrementAndGet();
    }

    @Override
    public void close() {
        closeRequested = true;
        controlVersion.incrementAndGet();
    }

    // ---- recorder thread ----

    /**
     * Does the pending work: control changes, queued packets, reorder timeouts, flushing, and the
     * end of the recording once closed.
     *
     * @return whether anything was processed
     */
    public boolean service(long now) {
        if (finished) {
            return false;
        }
        nowNanos = now;
        if (!started) {
            started = true;
            if (fileCodec != null && fileCodec.isVideo()) {
                requestKeyframe(true);
            }
        }
        int version = controlVersion.get();
        if (version != seenControlVersion) {
            seenControlVersion = version;
            onControlChange();
        }
        int n = queue.drain(dequeued, DRAIN_BATCH);
        reorder.poll(now, this);
        session.maybeFlush(now);
        if (closeRequested && queue.size() == 0) {
            finish();
            return true;
        }
        return n > 0;
    }

    public boolean finished() {
        return finished;
    }

    private void onControlChange() {
        boolean nowActive = !paused && !muted;
        if (active && !nowActive) {
            // What arrived before the pause is still written. The sender's sequence numbers run on
            // while nothing is recorded, so the depacketizer starts afresh on resume.
            restartDepacketizing();
        } else if (!active && nowActive && fileCodec != null && fileCodec.isVideo()) {
            requestKeyframe(true);
        }
        active = nowActive;
    }

    /** Handles a dequeued packet; owns {@code packet}. */
    private void process(ByteBuf packet, long arrivalNanos) {
        RtpParseResult parsed = view.wrap(packet);
        if (!(parsed instanceof RtpPacket)) {
            release(packet, DropReason.MALFORMED);
            return;
        }
        if (depacketizer == null) {
            reportUnsupported();
            release(packet, DropReason.UNSUPPORTED_CODEC);
            return;
        }
        if (view.payloadType() != track.payloadType()) {
            release(packet, DropReason.UNEXPECTED_PAYLOAD_TYPE);
            return;
        }
        long packetSsrc = view.ssrc();
        int seq = view.sequenceNumber();
        if (packetSsrc != ssrc) {
            if (ssrc != -1) {
                newStream();
            }
            ssrc = packetSsrc;
            session.onStream(packetSsrc);
        }
        ReorderBuffer.Outcome outcome = reorder.insert(packet, sequences.unwrap(seq), arrivalNanos, this);
        if (outcome == ReorderBuffer.Outcome.DUPLICATE) {
            stats.dropPacket(DropReason.DUPLICATE);
        } else if (outcome == ReorderBuffer.Outcome.LATE) {
            stats.dropPacket(DropReason.LATE);
        }
    }

    private final class Dequeued implements PacketQueue.Handler {
        @Override
        public void onRtp(ByteBuf packet, long arrivalNanos) {
            process(packet, arrivalNanos);
        }

        @Override
        public void onSenderReport(long reportSsrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {
            session.onSenderReport(reportSsrc, ntpTimestamp, rtpTimestamp);
        }
    }

    /** A new SSRC: the old stream's held packets go first, then everything restarts. */
    private void newStream() {
        restartDepacketizing();
        if (fileCodec.isVideo()) {
            requestKeyframe(true);
        }
    }

    /** Delivers what is held, then forgets the sequence: the next packet starts a fresh run. */
    private void restartDepacketizing() {
        reorder.flush(this);
        reorder.clear();
        sequences.reset();
        if (depacketizer != null) {
            depacketizer.close();
            depacketizer = Depacketizers.create(rtpCodec, this, services.alloc(), -1);
        }
    }

    // ---- ReorderBuffer.Output ----

    @Override
    public void onPacket(ByteBuf packet, long sequence, long arrivalNanos) {
        try {
            if (view.wrap(packet) instanceof RtpPacket) {
                currentArrivalNanos = arrivalNanos;
                stats.packet(view.length());
                depacketizer.push(view);
            } else {
                stats.dropPacket(DropReason.MALFORMED);
            }
        } finally {
            packet.release();
        }
    }

    @Override
    public void onLoss(long first, long count) {
        stats.lost(count);
    }

    // ---- Depacketizer.Listener ----

    @Override
    public void onFrame(Frame frame) {
        try {
            RecordingSession.WriteResult r = session.write(
                    frame.timestamp(),
                    frame.keyframe(),
                    frame.width(),
                    frame.height(),
                    frame.duration(),
                    frame.data(),
                    session.started() ? null : earlierAvcConfiguration(),
                    currentArrivalNanos,
                    nowNanos);
            switch (r) {
                case WRITTEN -> services.metrics().frame();
                case NEEDS_KEYFRAME -> {
                    stats.dropInFrames(DropReason.WAITING_FOR_KEYFRAME);
                    requestKeyframe(false);
                }
                case NON_MONOTONIC -> stats.dropInFrames(DropReason.NON_MONOTONIC);
                case FAILED -> stats.dropInFrames(DropReason.RECORDING_FAILED);
            }
        } finally {
            frame.release();
        }
    }

    /**
     * Codecs with both a depacketizer and a Matroska mapping. AV1 is left out until its track
     * header (an av1C built from the sequence header's color configuration) is written.
     */
    private static boolean recordable(Codec rtp, MatroskaCodec file) {
        return rtp != null && file != null && rtp != Codec.AV1;
    }

    /** For an H.264 keyframe without parameter sets: the avcC of those seen before it. */
    private byte[] earlierAvcConfiguration() {
        return depacketizer instanceof H264Depacketizer h ? h.decoderConfigurationRecord() : null;
    }

    @Override
    public void onDropped(PayloadError reason) {
        stats.dropInFrames(
                switch (reason) {
                    case DUPLICATE_OR_LATE -> DropReason.LATE;
                    case WAITING_FOR_KEYFRAME -> DropReason.WAITING_FOR_KEYFRAME;
                    case FRAME_INCOMPLETE, MISSING_FRAME_START, FRAME_TOO_LARGE -> DropReason.INCOMPLETE_FRAME;
                    case CLOSED -> DropReason.CLOSED;
                    default -> DropReason.MALFORMED;
                });
    }

    @Override
    public void onKeyframeNeeded() {
        requestKeyframe(false);
    }

    /** Asks the publisher for a keyframe (the SFU sends PLI/FIR), throttled unless {@code now}. */
    private void requestKeyframe(boolean now) {
        if (now ? keyframes.requestNow(nowNanos) : keyframes.request(nowNanos)) {
            keyframeRequests++;
            control.requestKeyframe();
            services.metrics().keyframeRequested();
        }
    }

    private void finish() {
        reorder.flush(this);
        reorder.clear();
        if (depacketizer != null) {
            depacketizer.close();
        }
        // Nothing is queued once closing drained it, unless a packet raced the close.
        droppedPackets(queue.clear(), DropReason.CLOSED);
        session.finish(tags(), stats.lost(), stats.faultDrops());
        finished = true;
        onFinished.run();
    }

    /** Ends the recording after a bug in the pipeline, releasing what it holds. */
    public void abort(RuntimeException cause) {
        if (finished) {
            return;
        }
        droppedPackets(reorder.clear(), DropReason.RECORDING_FAILED);
        if (depacketizer != null) {
            depacketizer.close();
        }
        droppedPackets(queue.clear(), DropReason.RECORDING_FAILED);
        session.fail("Internal error: " + cause, RecordingLifecycle.COMPLETE);
        finished = true;
        onFinished.run();
    }

    /** Releases packets that arrived after the recording finished (the SPI forbids them; be safe). */
    public void releaseLate() {
        droppedPackets(queue.clear(), DropReason.CLOSED);
    }

    private void droppedPackets(int count, DropReason reason) {
        for (int i = 0; i < count; i++) {
            stats.dropPacket(reason);
        }
    }

    private void reportUnsupported() {
        // Data tracks are never recorded; they get no Recording at all.
        if (!unsupportedReported && track.kind() != TrackKind.DATA) {
            unsupportedReported = true;
            session.failUnsupported(track.codec());
        }
    }

    /** Recording statistics written into the finished file as Matroska tags. */
    private Map<String, String> tags() {
        Map<String, String> leading = new LinkedHashMap<>();
        leading.put("QUORUM_TRACK_SID", track.trackSid());
        leading.put("QUORUM_KEYFRAME_REQUESTS", Long.toString(keyframeRequests));
        leading.put("QUORUM_OFFSET_SOURCE", session.offset().source().tag());
        return stats.tags(leading);
    }

    /** Packets or frames dropped for {@code reason} so far. */
    public long dropped(DropReason reason) {
        return stats.dropped(reason);
    }

    public long packetsRecorded() {
        return stats.packets();
    }

    public long packetsLost() {
        return stats.lost();
    }

    /** Packets missing from the file through a fault, as stored on the Recording. */
    public long packetsDropped() {
        return stats.faultDrops();
    }

    String recordingSid() {
        return session.recordingSid();
    }

    private void release(ByteBuf packet, DropReason reason) {
        packet.release();
        stats.dropPacket(reason);
    }
}

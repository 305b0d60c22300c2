package dev.quorum.rtp.codec.opus;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.SequenceNumbers;
import dev.quorum.rtp.TimestampUnwrapper;
import dev.quorum.rtp.codec.Codec;
import dev.quorum.rtp.codec.Depacketizer;
import dev.quorum.rtp.codec.Frame;
import dev.quorum.rtp.codec.PayloadError;
import dev.quorum.rtp.codec.RedPayload;
import io.netty.buffer.ByteBuf;

/**
 * Opus over RTP (RFC 7587 §4.2): one RTP payload is one Opus packet, emitted as one frame whose
 * duration comes from its TOC byte. No payload header, no reassembly.
 *
 * <p>With a RED payload type (RFC 2198, Chrome's {@code red/48000/2}), the primary block is the
 * frame; redundant blocks fill in frames lost before it: every block whose timestamp is newer than
 * the last emitted frame is emitted, oldest first, so nothing is emitted twice.
 *
 * <p>Frames are retained slices of the packets' payloads; audio frames are all keyframes. Loss
 * needs no keyframe; the decoder conceals it.
 */
public final class OpusDepacketizer implements Depacketizer {

    // Given.
    private final Listener listener;
    private final int redPayloadType;

    // Owned.
    private final TimestampUnwrapper timestamps = new TimestampUnwrapper();
    private final RedPayload red = new RedPayload();
    private int lastSequence = -1;
    private boolean emittedAny;
    private long lastEmittedTimestamp;
    private boolean closed;

    /** An Opus depacketizer for a stream without RED. */
    public OpusDepacketizer(Listener listener) {
        this(listener, -1);
    }

    /**
     * @param redPayloadType the payload type negotiated for {@code red/48000/2}, whose packets are
     *     unwrapped; -1 if RED is not negotiated
     */
    public OpusDepacketizer(Listener listener, int redPayloadType) {
        this.listener = listener;
        this.redPayloadType = redPayloadType;
    }

    @Override
    public Codec codec() {
        return Codec.OPUS;
    }

    @Override
    public void push(RtpPacket packet) {
        if (closed) {
            listener.onDropped(PayloadError.CLOSED);
            return;
        }
        int seq = packet.sequenceNumber();
        if (lastSequence >= 0 && SequenceNumbers.delta(lastSequence, seq) <= 0) {
            listener.onDropped(PayloadError.DUPLICATE_OR_LATE);
            return;
        }
        lastSequence = seq;
        if (packet.payloadLength() == 0) {
            return;
        }
        ByteBuf buf = packet.buffer();
        if (packet.payloadType() != redPayloadType) {
            emitIfNewer(buf, packet.payloadOffset(), packet.payloadLength(), packet.timestamp(), true);
            return;
        }
        if (!red.wrap(buf, packet.payloadOffset(), packet.payloadLength())) {
            listener.onDropped(red.error());
            return;
        }
        int primary = red.primaryIndex();
        for (int i = 0; i <= primary; i++) {
            long ts = (packet.timestamp() - red.timestampOffset(i)) & 0xFFFFFFFFL;
            emitIfNewer(buf, red.offset(i), red.length(i), ts, i == primary);
        }
    }

    private void emitIfNewer(ByteBuf buf, int offset, int length, long timestamp, boolean primary) {
        if (length == 0) {
            return;
        }
        long unwrapped = timestamps.unwrap(timestamp);
        if (emittedAny && unwrapped <= lastEmittedTimestamp) {
            if (primary) {
                listener.onDropped(PayloadError.DUPLICATE_OR_LATE);
            }
            return;
        }
        int samples = OpusToc.durationSamples(buf, offset, length);
        if (samples < 0) {
            listener.onDropped(PayloadError.OPUS_BAD_TOC);
            return;
        }
        emittedAny = true;
        lastEmittedTimestamp = unwrapped;
        listener.onFrame(new Frame(Codec.OPUS, unwrapped, true, 0, 0, samples, buf.retainedSlice(offset, length)));
    }

    @Override
    public void close() {
        closed = true;
    }
}

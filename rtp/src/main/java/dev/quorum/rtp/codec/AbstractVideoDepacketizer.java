package dev.quorum.rtp.codec;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.SequenceNumbers;
import dev.quorum.rtp.TimestampUnwrapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * What every video depacketizer shares: sequence checks, loss handling, waiting for a keyframe,
 * and the frame under construction as a composite of retained payload slices.
 *
 * <p>A subclass reads its payload format in {@link #depacketize}, appends frame bytes with
 * {@link #append}, and decides in {@link #completeFrame} whether the gathered bytes form a frame
 * (calling {@link #emit}) or not (calling {@link #fail}). The base class ends a frame that a new
 * timestamp interrupts without a marker, since no packet was lost in between.
 *
 * <p>Loss: a gap inside a frame drops it, and the rest of its packets (same timestamp) are
 * skipped so that a tail is never mistaken for a frame. A gap between frames drops nothing by itself, because
 * the lost packets may have been padding; if the subclass reports picture IDs, the next frame is
 * accepted when its picture ID follows the last emitted one, otherwise the stream waits for a
 * keyframe.
 */
public abstract class AbstractVideoDepacketizer implements Depacketizer {

    /** Largest frame accepted; a stream that never ends a frame must not grow memory unbounded. */
    public static final int MAX_FRAME_BYTES = 8 << 20;

    private static final int MAX_FRAME_COMPONENTS = 16_384;

    // Given.
    private final Codec codec;
    private final Listener listener;
    private final ByteBufAllocator alloc;

    // Owned.
    private final TimestampUnwrapper timestamps = new TimestampUnwrapper();
    private CompositeByteBuf parts;
    private long frameTimestamp;
    private long frameUnwrappedTimestamp;
    private int framePictureId = -1;
    private boolean skippingTimestamp;
    private long skippedTimestamp;
    private int lastSequence = -1;
    private int lastPictureId = -1;
    private int pictureIdModulus;
    private boolean lossPending;
    private boolean waitingForKeyframe = true;
    private boolean closed;

    protected AbstractVideoDepacketizer(Codec codec, Listener listener, ByteBufAllocator alloc) {
        if (codec.isAudio()) {
            throw new IllegalArgumentException(codec + " is not a video codec");
        }
        this.codec = codec;
        this.listener = listener;
        this.alloc = alloc;
    }

    @Override
    public final Codec codec() {
        return codec;
    }

    @Override
    public final void push(RtpPacket packet) {
        if (closed) {
            listener.onDropped(PayloadError.CLOSED);
            return;
        }
        int seq = packet.sequenceNumber();
        if (lastSequence >= 0) {
            int delta = SequenceNumbers.delta(lastSequence, seq);
            if (delta <= 0) {
                listener.onDropped(PayloadError.DUPLICATE_OR_LATE);
                return;
            }
            if (delta > 1) {
                onLoss();
            }
        }
        lastSequence = seq;
        if (packet.payloadLength() == 0) {
            return; // padding-only packets (bandwidth probes) carry no media
        }
        if (skippingTimestamp) {
            if (packet.timestamp() == skippedTimestamp) {
                return; // the rest of a frame already dropped
            }
            skippingTimestamp = false;
        }
        if (parts != null && packet.timestamp() != frameTimestamp) {
            completeFrame();
        }
        depacketize(packet);
    }

    /**
     * Reads one packet's payload (non-empty, in sequence, no loss since the previous packet unless
     * already handled). Borrows {@code packet}.
     */
    protected abstract void depacketize(RtpPacket packet);

    /**
     * The frame in progress has all its packets (marker, or the next frame began): emit it with
     * {@link #emit}, or drop it with {@link #fail}.
     */
    protected abstract void completeFrame();

    /** Resets codec state when a frame is dropped; e.g. an open fragment. */
    protected void onFrameDropped() {}

    /** Whether a frame is being gathered. */
    protected final boolean inFrame() {
        return parts != null;
    }

    /** The bytes gathered so far for the frame in progress (borrowed; null outside a frame). */
    protected final CompositeByteBuf frameData() {
        return parts;
    }

    /** The allocator for bytes the depacketizer writes itself. */
    protected final ByteBufAllocator alloc() {
        return alloc;
    }

    /**
     * Starts a frame at RTP timestamp {@code timestamp}.
     *
     * @param pictureId the codec's picture ID, or -1 if the payload has none
     * @param modulus   the picture ID space (128 or 32768), ignored without a picture ID
     */
    protected final void beginFrame(long timestamp, int pictureId, int modulus) {
        if (parts != null) {
            throw new IllegalStateException("frame already in progress");
        }
        parts = alloc.compositeBuffer(MAX_FRAME_COMPONENTS);
        frameTimestamp = timestamp;
        frameUnwrappedTimestamp = timestamps.unwrap(timestamp);
        framePictureId = pictureId;
        pictureIdModulus = modulus;
    }

    /**
     * Appends {@code length} bytes of {@code buf} at absolute {@code index} to the frame as a
     * retained slice. Borrows {@code buf}.
     *
     * @return false if the frame would exceed {@link #MAX_FRAME_BYTES}; it has then been dropped
     */
    protected final boolean append(ByteBuf buf, int index, int length) {
        if (parts.readableBytes() > MAX_FRAME_BYTES - length || parts.numComponents() >= MAX_FRAME_COMPONENTS - 1) {
            fail(PayloadError.FRAME_TOO_LARGE);
            return false;
        }
        parts.addComponent(true, buf.retainedSlice(index, length));
        return true;
    }

    /**
     * Adds bytes the depacketizer wrote itself. Takes ownership of {@code own}.
     *
     * @param componentIndex where among the frame's components to insert it, or -1 to append
     */
    protected final void appendOwn(ByteBuf own, int componentIndex) {
        if (componentIndex < 0) {
            parts.addComponent(true, own);
        } else {
            parts.addComponent(true, componentIndex, own);
        }
    }

    /**
     * Hands the frame in progress to the listener, unless the stream waits for a keyframe and this
     * is not one.
     *
     * @param data the frame's bytes; usually {@link #frameData()}, or a buffer built from it (the
     *     base class then releases the gathered parts). Ownership passes to this method.
     */
    protected final void emit(ByteBuf data, boolean keyframe, int width, int height) {
        if (data != parts) {
            parts.release();
        }
        parts = null;
        if (data.readableBytes() == 0) {
            data.release();
            listener.onDropped(PayloadError.EMPTY_FRAME);
            return;
        }
        if (lossPending) {
            lossPending = false;
            if (!continuesLastPicture()) {
                waitingForKeyframe = true;
            }
        }
        if (waitingForKeyframe && !keyframe) {
            data.release();
            listener.onDropped(PayloadError.WAITING_FOR_KEYFRAME);
            listener.onKeyframeNeeded();
            return;
        }
        waitingForKeyframe = false;
        lastPictureId = framePictureId;
        listener.onFrame(new Frame(codec, frameUnwrappedTimestamp, keyframe, width, height, 0, data));
    }

    /**
     * Drops the frame in progress (if any) for {@code reason}; what was lost makes later frames
     * undecodable until a keyframe.
     */
    protected final void fail(PayloadError reason) {
        listener.onDropped(reason);
        if (parts != null) {
            dropFrame();
            enterWaitingForKeyframe();
        } else {
            lossPending = true;
        }
    }

    /** Whether the stream currently drops frames until a keyframe. */
    protected final boolean waitingForKeyframe() {
        return waitingForKeyframe;
    }

    private void onLoss() {
        if (parts != null) {
            listener.onDropped(PayloadError.FRAME_INCOMPLETE);
            dropFrame();
            enterWaitingForKeyframe();
        } else {
            lossPending = true;
        }
    }

    private boolean continuesLastPicture() {
        return framePictureId >= 0 && lastPictureId >= 0 && framePictureId == (lastPictureId + 1) % pictureIdModulus;
    }

    private void enterWaitingForKeyframe() {
        lossPending = false;
        if (!waitingForKeyframe) {
            waitingForKeyframe = true;
            listener.onKeyframeNeeded();
        }
    }

    private void dropFrame() {
        skippingTimestamp = true;
        skippedTimestamp = frameTimestamp;
        parts.release();
        parts = null;
        onFrameDropped();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (parts != null) {
            dropFrame();
        }
    }
}

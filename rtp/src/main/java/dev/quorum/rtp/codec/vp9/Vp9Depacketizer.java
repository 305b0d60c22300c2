package dev.quorum.rtp.codec.vp9;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.codec.AbstractVideoDepacketizer;
import dev.quorum.rtp.codec.Codec;
import dev.quorum.rtp.codec.Depacketizer;
import dev.quorum.rtp.codec.PayloadError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * Rebuilds VP9 pictures (RFC 9628 §4.3), in flexible and non-flexible mode. A picture is the
 * layer frames of one timestamp, each running from a packet with B to one with E, and ends at the
 * RTP marker. Layer frames above a target spatial layer are left out, so a recording of an SVC
 * stream holds a picture a single-layer decoder can play.
 *
 * <p>A picture with one kept layer frame is emitted as that frame's bytes; with several, as a
 * superframe: the frames (flattening any superframe a layer frame already was) followed by a
 * superframe index. A keyframe is a picture whose base layer frame is not inter-picture predicted
 * (P=0) and whose header says KEY_FRAME; its size is the target layer's from the scalability
 * structure, or the header's.
 */
public final class Vp9Depacketizer extends AbstractVideoDepacketizer {

    /** Keep every spatial layer. */
    public static final int ALL_LAYERS = Integer.MAX_VALUE;

    // Given.
    private final int targetSpatialLayer;

    // Owned.
    private final Vp9PayloadDescriptor descriptor = new Vp9PayloadDescriptor();
    private final int[] layerStarts = new int[Vp9Superframe.MAX_FRAMES];
    private final int[] layerSizes = new int[Vp9Superframe.MAX_FRAMES];
    private final int[] subframeSizes = new int[Vp9Superframe.MAX_FRAMES];
    private final int[] ssWidths = new int[Vp9PayloadDescriptor.MAX_SPATIAL_LAYERS];
    private final int[] ssHeights = new int[Vp9PayloadDescriptor.MAX_SPATIAL_LAYERS];
    private int ssLayers;
    private int layerCount;
    private boolean layerOpen;
    private boolean skippingLayer;
    private int highestKeptLayer;
    private boolean baseLayerPredicted;
    private boolean baseLayerKept;

    /** A depacketizer keeping every spatial layer. */
    public Vp9Depacketizer(Depacketizer.Listener listener, ByteBufAllocator alloc) {
        this(listener, alloc, ALL_LAYERS);
    }

    /**
     * @param targetSpatialLayer highest spatial layer (SID) to keep
     */
    public Vp9Depacketizer(Depacketizer.Listener listener, ByteBufAllocator alloc, int targetSpatialLayer) {
        super(Codec.VP9, listener, alloc);
        if (targetSpatialLayer < 0) {
            throw new IllegalArgumentException("target spatial layer " + targetSpatialLayer + " is negative");
        }
        this.targetSpatialLayer = targetSpatialLayer;
    }

    @Override
    protected void depacketize(RtpPacket packet) {
        ByteBuf buf = packet.buffer();
        if (!descriptor.wrap(buf, packet.payloadOffset(), packet.payloadLength())) {
            fail(descriptor.error());
            return;
        }
        if (descriptor.hasResolutions()) {
            ssLayers = descriptor.spatialLayerCount();
            for (int i = 0; i < ssLayers; i++) {
                ssWidths[i] = descriptor.width(i);
                ssHeights[i] = descriptor.height(i);
            }
        }
        boolean layerStart = descriptor.startOfLayerFrame();
        if (!inFrame()) {
            if (!layerStart) {
                fail(PayloadError.MISSING_FRAME_START);
                return;
            }
            int modulus = descriptor.pictureIdBits() == 15 ? 1 << 15 : 1 << 7;
            beginFrame(packet.timestamp(), descriptor.pictureId(), modulus);
            layerCount = 0;
            baseLayerKept = false;
        }
        if (layerStart) {
            closeLayer();
            if (!openLayer()) {
                return;
            }
        } else if (!layerOpen) {
            fail(PayloadError.MISSING_FRAME_START);
            return;
        }
        int dataLength = packet.payloadLength() - descriptor.length();
        if (!skippingLayer
                && dataLength > 0
                && !append(buf, packet.payloadOffset() + descriptor.length(), dataLength)) {
            return;
        }
        if (descriptor.endOfLayerFrame()) {
            closeLayer();
        }
        if (packet.marker()) {
            completeFrame();
        }
    }

    private boolean openLayer() {
        int sid = descriptor.spatialLayer();
        layerOpen = true;
        skippingLayer = sid > targetSpatialLayer;
        if (skippingLayer) {
            return true;
        }
        if (layerCount == Vp9Superframe.MAX_FRAMES) {
            fail(PayloadError.VP9_SUPERFRAME_TOO_LARGE);
            return false;
        }
        if (layerCount == 0) {
            baseLayerKept = sid == 0;
            baseLayerPredicted = descriptor.interPicturePredicted();
        }
        highestKeptLayer = sid;
        layerStarts[layerCount] = frameData().writerIndex();
        return true;
    }

    private void closeLayer() {
        if (layerOpen && !skippingLayer) {
            layerSizes[layerCount] = frameData().writerIndex() - layerStarts[layerCount];
            layerCount++;
        }
        layerOpen = false;
    }

    @Override
    protected void completeFrame() {
        closeLayer();
        CompositeByteBuf data = frameData();
        boolean keyframe = false;
        int width = 0;
        int height = 0;
        if (layerCount > 0 && baseLayerKept && !baseLayerPredicted) {
            long size = Vp9FrameHeader.keyframeSize(data, layerStarts[0], layerSizes[0]);
            keyframe = size > 0;
            if (keyframe) {
                boolean fromStructure = highestKeptLayer < ssLayers;
                width = fromStructure ? ssWidths[highestKeptLayer] : (int) (size >>> 16);
                height = fromStructure ? ssHeights[highestKeptLayer] : (int) (size & 0xFFFF);
            }
        }
        if (layerCount <= 1) {
            emit(data, keyframe, width, height);
            return;
        }
        ByteBuf superframe = superframe(data);
        if (superframe == null) {
            fail(PayloadError.VP9_SUPERFRAME_TOO_LARGE);
            return;
        }
        emit(superframe, keyframe, width, height);
    }

    /** The kept layer frames as one superframe, or null if they hold more than 8 frames. */
    private ByteBuf superframe(CompositeByteBuf data) {
        int[] sizes = new int[Vp9Superframe.MAX_FRAMES];
        int frames = 0;
        for (int i = 0; i < layerCount; i++) {
            int inner = Vp9Superframe.readIndex(data, layerStarts[i], layerSizes[i], subframeSizes);
            if (inner == 0) {
                subframeSizes[0] = layerSizes[i];
                inner = 1;
            }
            if (frames + inner > Vp9Superframe.MAX_FRAMES) {
                return null;
            }
            System.arraycopy(subframeSizes, 0, sizes, frames, inner);
            frames += inner;
        }
        CompositeByteBuf out = alloc().compositeBuffer(frames + 1);
        int frame = 0;
        for (int i = 0; i < layerCount; i++) {
            int at = layerStarts[i];
            int inner = Vp9Superframe.readIndex(data, layerStarts[i], layerSizes[i], subframeSizes);
            for (int k = 0; k < Math.max(1, inner); k++) {
                out.addComponent(true, data.retainedSlice(at, sizes[frame]));
                at += sizes[frame++];
            }
        }
        ByteBuf index = alloc().buffer(Vp9Superframe.indexLength(sizes, frames));
        Vp9Superframe.writeIndex(sizes, frames, index);
        out.addComponent(true, index);
        return out;
    }

    @Override
    protected void onFrameDropped() {
        layerOpen = false;
        layerCount = 0;
    }
}

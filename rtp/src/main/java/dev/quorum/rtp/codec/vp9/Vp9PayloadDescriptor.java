package dev.quorum.rtp.codec.vp9;

import dev.quorum.rtp.codec.PayloadError;
import io.netty.buffer.ByteBuf;

/**
 * A reusable view over the VP9 payload descriptor (RFC 9628 §4.2) at the start of an RTP
 * payload: picture ID, layer indices, reference differences in flexible mode, and the scalability
 * structure. PictureID and TL0PICIDX can be rewritten in place.
 *
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |I|P|L|F|B|E|V|Z| (REQUIRED)
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PICTURE ID  | (RECOMMENDED; M=1: 15-bit picture ID)
 *      +-+-+-+-+-+-+-+-+
 * M:   | EXTENDED PID  |
 *      +-+-+-+-+-+-+-+-+
 * L:   | TID |U| SID |D| (layer indices)
 *      +-+-+-+-+-+-+-+-+
 *      |   TL0PICIDX   | (non-flexible mode, F=0, only)
 *      +-+-+-+-+-+-+-+-+                             -\
 * P,F: | P_DIFF      |N| (flexible mode, up to 3 times) -/
 *      +-+-+-+-+-+-+-+-+
 * V:   | SS            | (scalability structure, below)
 *      +-+-+-+-+-+-+-+-+
 *
 * SS:  | N_S |Y|G|-|-|-|   N_S + 1 spatial layers
 *      |  WIDTH (16)   |   Y: (N_S + 1) × width and height
 *      |  HEIGHT (16)  |
 *      |      N_G      |   G: picture group of N_G entries
 *      | TID |U| R |-|-|   each followed by R P_DIFF bytes
 * </pre>
 *
 * <p>B and E mark the first and last packet of a layer frame; the RTP marker ends the picture.
 * P=0 means the layer frame is not predicted from an earlier picture. Borrows the buffer; never
 * reads outside the payload given to {@link #wrap}.
 */
public final class Vp9PayloadDescriptor {

    /** Spatial layers a scalability structure can describe. */
    public static final int MAX_SPATIAL_LAYERS = 8;

    private final int[] widths = new int[MAX_SPATIAL_LAYERS];
    private final int[] heights = new int[MAX_SPATIAL_LAYERS];
    private final int[] referenceDiffs = new int[3];
    private ByteBuf buf;
    private int offset;
    private int length;
    private int pictureIdOffset = -1;
    private int pictureIdLength;
    private int layerOffset = -1;
    private int tl0PicIdxOffset = -1;
    private int referenceCount;
    private int spatialLayers;
    private boolean hasResolutions;
    private PayloadError error;

    /**
     * Reads the descriptor at absolute {@code offset} of a payload of {@code payloadLength} bytes.
     * Borrows {@code buf}.
     *
     * @return false if the descriptor is truncated or inconsistent; {@link #error()} says why
     */
    public boolean wrap(ByteBuf buf, int offset, int payloadLength) {
        this.buf = null;
        pictureIdOffset = -1;
        pictureIdLength = 0;
        layerOffset = -1;
        tl0PicIdxOffset = -1;
        referenceCount = 0;
        spatialLayers = 0;
        hasResolutions = false;
        error = PayloadError.VP9_TRUNCATED_DESCRIPTOR;
        int end = offset + payloadLength;
        if (payloadLength < 1) {
            return false;
        }
        int b0 = buf.getUnsignedByte(offset);
        int pos = offset + 1;
        if ((b0 & 0x80) != 0) {
            if (pos >= end) {
                return false;
            }
            pictureIdLength = (buf.getByte(pos) & 0x80) != 0 ? 2 : 1;
            pictureIdOffset = pos;
            pos += pictureIdLength;
        }
        boolean flexible = (b0 & 0x10) != 0;
        if ((b0 & 0x20) != 0) {
            layerOffset = pos++;
            if (!flexible) {
                tl0PicIdxOffset = pos++;
            }
        }
        if (pos > end) {
            return false;
        }
        if (flexible && (b0 & 0x40) != 0) {
            boolean more = true;
            while (more) {
                if (pos >= end) {
                    return false;
                }
                if (referenceCount == 3) {
                    error = PayloadError.VP9_TOO_MANY_REFERENCES;
                    return false;
                }
                int b = buf.getUnsignedByte(pos++);
                referenceDiffs[referenceCount++] = b >>> 1;
                more = (b & 0x01) != 0;
            }
        }
        if ((b0 & 0x02) != 0) {
            pos = readScalabilityStructure(buf, pos, end);
            if (pos < 0) {
                return false;
            }
        }
        this.buf = buf;
        this.offset = offset;
        this.length = pos - offset;
        error = null;
        return true;
    }

    /** Reads the SS at {@code pos}; returns the position after it, or -1 (error set). */
    private int readScalabilityStructure(ByteBuf buf, int pos, int end) {
        if (pos >= end) {
            return -1;
        }
        int b = buf.getUnsignedByte(pos++);
        int layers = (b >>> 5) + 1;
        if ((b & 0x10) != 0) {
            if (end - pos < 4 * layers) {
                error = PayloadError.VP9_BAD_SCALABILITY_STRUCTURE;
                return -1;
            }
            for (int i = 0; i < layers; i++) {
                widths[i] = buf.getUnsignedShort(pos);
                heights[i] = buf.getUnsignedShort(pos + 2);
                pos += 4;
            }
            hasResolutions = true;
        }
        if ((b & 0x08) != 0) {
            if (pos >= end) {
                error = PayloadError.VP9_BAD_SCALABILITY_STRUCTURE;
                return -1;
            }
            int groupSize = buf.getUnsignedByte(pos++);
            for (int i = 0; i < groupSize; i++) {
                if (pos >= end) {
                    error = PayloadError.VP9_BAD_SCALABILITY_STRUCTURE;
                    return -1;
                }
                int references = (buf.getUnsignedByte(pos++) >>> 2) & 0x03;
                if (end - pos < references) {
                    error = PayloadError.VP9_BAD_SCALABILITY_STRUCTURE;
                    return -1;
                }
                pos += references;
            }
        }
        spatialLayers = layers;
        return pos;
    }

    /** Why the last {@link #wrap} failed, or null after a success. */
    public PayloadError error() {
        return error;
    }

    /** Descriptor length in bytes; the VP9 data follows. */
    public int length() {
        return length;
    }

    private boolean bit(int mask) {
        return (buf.getByte(offset) & mask) != 0;
    }

    /** P: the layer frame is predicted from an earlier picture (so it is not a keyframe). */
    public boolean interPicturePredicted() {
        return bit(0x40);
    }

    /** F: flexible mode. */
    public boolean flexibleMode() {
        return bit(0x10);
    }

    /** B: first packet of a layer frame. */
    public boolean startOfLayerFrame() {
        return bit(0x08);
    }

    /** E: last packet of a layer frame. */
    public boolean endOfLayerFrame() {
        return bit(0x04);
    }

    /** Z: the layer frame is not used to predict higher spatial layers. */
    public boolean notUpperLayerReference() {
        return bit(0x01);
    }

    public boolean hasPictureId() {
        return pictureIdOffset >= 0;
    }

    /** PictureID bits: 7 or 15, 0 without a picture ID. */
    public int pictureIdBits() {
        return pictureIdLength == 2 ? 15 : pictureIdLength == 1 ? 7 : 0;
    }

    /** The picture ID, or -1 without one. */
    public int pictureId() {
        if (pictureIdLength == 2) {
            return buf.getUnsignedShort(pictureIdOffset) & 0x7FFF;
        }
        return pictureIdLength == 1 ? buf.getByte(pictureIdOffset) & 0x7F : -1;
    }

    /** Rewrites the picture ID in place, keeping its width. */
    public void setPictureId(int pictureId) {
        if (pictureIdLength == 2) {
            buf.setShort(pictureIdOffset, 0x8000 | (pictureId & 0x7FFF));
        } else if (pictureIdLength == 1) {
            buf.setByte(pictureIdOffset, pictureId & 0x7F);
        } else {
            throw new IllegalStateException("descriptor has no picture ID");
        }
    }

    public boolean hasLayerIndices() {
        return layerOffset >= 0;
    }

    /** TID, or 0 without layer indices. */
    public int temporalLayer() {
        return layerOffset >= 0 ? buf.getUnsignedByte(layerOffset) >>> 5 : 0;
    }

    /** U: switching up to a higher temporal layer is possible here. */
    public boolean switchingUpPoint() {
        return layerOffset >= 0 && (buf.getByte(layerOffset) & 0x10) != 0;
    }

    /** SID, or 0 without layer indices. */
    public int spatialLayer() {
        return layerOffset >= 0 ? (buf.getUnsignedByte(layerOffset) >>> 1) & 0x07 : 0;
    }

    /** D: the layer frame depends on the spatial layer below. */
    public boolean interLayerDependency() {
        return layerOffset >= 0 && (buf.getByte(layerOffset) & 0x01) != 0;
    }

    /** TL0PICIDX (non-flexible mode), or -1 when absent. */
    public int tl0PicIdx() {
        return tl0PicIdxOffset >= 0 ? buf.getUnsignedByte(tl0PicIdxOffset) : -1;
    }

    /** Rewrites TL0PICIDX in place. */
    public void setTl0PicIdx(int tl0PicIdx) {
        if (tl0PicIdxOffset < 0) {
            throw new IllegalStateException("descriptor has no TL0PICIDX");
        }
        buf.setByte(tl0PicIdxOffset, tl0PicIdx);
    }

    /** Number of P_DIFF references (flexible mode), 0–3. */
    public int referenceCount() {
        return referenceCount;
    }

    /** The {@code index}-th P_DIFF. */
    public int referenceDiff(int index) {
        if (index < 0 || index >= referenceCount) {
            throw new IndexOutOfBoundsException("P_DIFF " + index + " of " + referenceCount);
        }
        return referenceDiffs[index];
    }

    /** Whether the descriptor carried a scalability structure (V). */
    public boolean hasScalabilityStructure() {
        return spatialLayers > 0;
    }

    /** Spatial layers in the scalability structure, 0 without one. */
    public int spatialLayerCount() {
        return spatialLayers;
    }

    /** Whether the scalability structure lists layer resolutions (Y). */
    public boolean hasResolutions() {
        return hasResolutions;
    }

    /** Width of spatial layer {@code sid} from the scalability structure. */
    public int width(int sid) {
        checkLayer(sid);
        return widths[sid];
    }

    /** Height of spatial layer {@code sid} from the scalability structure. */
    public int height(int sid) {
        checkLayer(sid);
        return heights[sid];
    }

    private void checkLayer(int sid) {
        if (!hasResolutions || sid < 0 || sid >= spatialLayers) {
            throw new IndexOutOfBoundsException("no resolution for spatial layer " + sid);
        }
    }
}

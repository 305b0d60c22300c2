package dev.quorum.sfu.room.forward;

/**
 * Outgoing VP8 PictureID and TL0PICIDX of one forwarded stream for one subscriber (RFC 7741
 * §4.2). Each simulcast layer numbers its pictures on its own; a decoder that sees PictureID jump
 * backwards after a switch assumes loss, so the numbers continue from the last picture sent.
 * Pure state; one per VP8 subscription.
 */
public final class Vp8Rewriter {

    private boolean needsRebase = true;
    private int pictureOffset;
    private int tl0Offset;
    private int highestPicture = -1;
    private int highestTl0 = -1;

    /** The next packet starts a new source. */
    public void rebase() {
        needsRebase = true;
    }

    /**
     * Computes the outgoing values for a packet of the current source; call once per forwarded
     * packet, in arrival order.
     *
     * @param pictureId the packet's 15-bit (or 7-bit) PictureID, or -1 if absent
     * @param tl0PicIdx the packet's TL0PICIDX, or -1 if absent
     */
    public void next(int pictureId, int tl0PicIdx) {
        if (needsRebase) {
            pictureOffset = pictureId < 0 || highestPicture < 0 ? 0 : highestPicture + 1 - pictureId;
            tl0Offset = tl0PicIdx < 0 || highestTl0 < 0 ? 0 : highestTl0 + 1 - tl0PicIdx;
            needsRebase = false;
        }
        if (pictureId >= 0) {
            int out = outPictureId(pictureId);
            if (highestPicture < 0 || ((out - highestPicture) & 0x7FFF) < 0x4000) {
                highestPicture = out;
            }
        }
        if (tl0PicIdx >= 0) {
            int out = outTl0PicIdx(tl0PicIdx);
            if (highestTl0 < 0 || ((out - highestTl0) & 0xFF) < 0x80) {
                highestTl0 = out;
            }
        }
    }

    /** The outgoing PictureID for {@code pictureId} of the current source (15-bit). */
    public int outPictureId(int pictureId) {
        return (pictureId + pictureOffset) & 0x7FFF;
    }

    /** The outgoing TL0PICIDX for {@code tl0PicIdx} of the current source. */
    public int outTl0PicIdx(int tl0PicIdx) {
        return (tl0PicIdx + tl0Offset) & 0xFF;
    }
}

package dev.quorum.sfu.room.forward;

/**
 * The per-subscriber values of one outgoing packet, filled by a subscription and read by
 * {@link OutgoingPacketWriter}. Reused for every packet (no allocation).
 */
public final class OutgoingHeader {

    public int payloadType;
    public int sequenceNumber;
    public long timestamp;
    public long ssrc;
    public boolean marker;
    /** For an RTX packet: the original (outgoing) sequence number; -1 for a media packet. */
    public int originalSequenceNumber = -1;
    /** Transport-wide sequence number, or -1 to leave the extension out. */
    public int transportSequenceNumber = -1;
    /** abs-send-time (24-bit 6.18 seconds), or -1 to leave the extension out. */
    public int absSendTime = -1;
    /** The subscriber's mid for the sdes:mid extension, or null to leave it out. */
    public byte[] mid;
    /** VP8 PictureID to write into the payload descriptor, or -1 to keep the source's. */
    public int pictureId = -1;
    /** VP8 TL0PICIDX to write into the payload descriptor, or -1 to keep the source's. */
    public int tl0PicIdx = -1;

    /** Resets the optional fields before filling a new packet. */
    public OutgoingHeader reset() {
        originalSequenceNumber = -1;
        transportSequenceNumber = -1;
        absSendTime = -1;
        mid = null;
        pictureId = -1;
        tl0PicIdx = -1;
        marker = false;
        return this;
    }
}

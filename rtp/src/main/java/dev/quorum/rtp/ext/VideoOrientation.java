package dev.quorum.rtp.ext;

import dev.quorum.rtp.RtpPacket;

/**
 * The coordination of video orientation (CVO) header extension (3GPP TS 26.114 §7.4.5): how the
 * receiver must rotate and flip the picture. Mobile senders rotate this way instead of
 * re-encoding, so the SFU forwards it and the recorder keeps it.
 *
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | len=0 |0 0 0 0 C F R R|   C: back camera, F: horizontal flip,
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   R R: clockwise rotation in 90° steps
 * </pre>
 */
public final class VideoOrientation {

    private VideoOrientation() {}

    /** The raw byte of element {@code id}, or -1 if absent. */
    public static int read(RtpPacket packet, int id) {
        long found = packet.findExtension(id);
        if (found < 0 || RtpPacket.foundLength(found) < 1) {
            return -1;
        }
        return packet.buffer().getUnsignedByte(RtpPacket.foundOffset(found));
    }

    /** Clockwise rotation the receiver applies: 0, 90, 180 or 270 degrees. */
    public static int rotationDegrees(int raw) {
        return (raw & 0x03) * 90;
    }

    /** Whether the picture is mirrored horizontally. */
    public static boolean flipped(int raw) {
        return (raw & 0x04) != 0;
    }

    /** Whether the picture comes from a back-facing camera. */
    public static boolean backCamera(int raw) {
        return (raw & 0x08) != 0;
    }
}

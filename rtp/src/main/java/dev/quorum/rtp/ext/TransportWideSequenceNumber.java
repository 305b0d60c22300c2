package dev.quorum.rtp.ext;

import dev.quorum.rtp.RtpPacket;

/**
 * The transport-wide sequence number header extension (draft-holmer-rmcat-transport-wide-cc-
 * extensions-01 §2): one 16-bit counter across all streams of a transport, which transport-cc
 * feedback refers to. The SFU reads it on receipt and rewrites it on every packet it sends.
 *
 * <pre>
 *  0                   1                   2
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | L=1   |transport-wide sequence number |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class TransportWideSequenceNumber {

    /** Length of the value. */
    public static final int LENGTH = 2;

    private TransportWideSequenceNumber() {}

    /** The sequence number in element {@code id}, or -1 if absent or not 2 bytes long. */
    public static int read(RtpPacket packet, int id) {
        long found = packet.findExtension(id);
        if (found < 0 || RtpPacket.foundLength(found) != LENGTH) {
            return -1;
        }
        return packet.buffer().getUnsignedShort(RtpPacket.foundOffset(found));
    }

    /** Rewrites element {@code id} with the low 16 bits of {@code sequenceNumber}; false if absent. */
    public static boolean write(RtpPacket packet, int id, int sequenceNumber) {
        long found = packet.findExtension(id);
        if (found < 0 || RtpPacket.foundLength(found) != LENGTH) {
            return false;
        }
        packet.buffer().setShort(RtpPacket.foundOffset(found), sequenceNumber);
        return true;
    }
}

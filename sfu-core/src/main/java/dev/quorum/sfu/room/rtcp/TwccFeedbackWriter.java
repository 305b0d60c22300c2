package dev.quorum.sfu.room.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Writes the feedback a {@link TwccRecorder} built as one transport-wide congestion control
 * RTCP packet (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1), straight from the
 * recorder's arrays, so that feedback costs no allocation however many packets it covers. The
 * encoding is the rtp module's {@code TransportWideFeedback.Builder}'s (run-length chunks for
 * runs of 14 or more, 1-bit vectors while deltas are small, 2-bit vectors otherwise, zero padding
 * to 32 bits), and tests read it back with that module's parser.
 *
 * <pre>
 * |V=2|P|  FMT=15 |    PT=205     |           length              |
 * |                     SSRC of packet sender                     |
 * |                      SSRC of media source                     |
 * |      base sequence number     |      packet status count      |
 * |                 reference time                | fb pkt. count |
 * |  packet chunks …  |  receive deltas (1 or 2 bytes each) …  | padding |
 * </pre>
 */
public final class TwccFeedbackWriter {

    private static final int NOT_RECEIVED = 0;
    private static final int SMALL = 1;
    private static final int LARGE = 2;
    private static final int MAX_RUN = 0x1FFF;

    private TwccFeedbackWriter() {}

    /** An upper bound of the bytes {@link #write} produces for the recorder's current feedback. */
    public static int maxLength(TwccRecorder r) {
        int n = r.packetCount();
        return 20 + 2 * ((n + 6) / 7) + 2 * n + 3;
    }

    /** Appends the packet at {@code dst}'s writer index. Borrows {@code dst}. */
    public static void write(TwccRecorder r, long senderSsrc, long mediaSsrc, ByteBuf dst) {
        int start = dst.writerIndex();
        int n = r.packetCount();
        dst.writeByte(0x80 | 15);
        dst.writeByte(205);
        dst.writeShort(0);
        dst.writeInt((int) senderSsrc);
        dst.writeInt((int) mediaSsrc);
        dst.writeShort(r.baseSequence());
        dst.writeShort(n);
        dst.writeMedium(r.referenceTime());
        dst.writeByte(r.feedbackPacketCount());
        int i = 0;
        while (i < n) {
            int first = symbol(r, i);
            int run = 1;
            while (i + run < n && symbol(r, i + run) == first && run < MAX_RUN) {
                run++;
            }
            if (run >= 14 || i + run == n) {
                dst.writeShort((first << 13) | run);
                i += run;
            } else if (fitsOneBit(r, i, n)) {
                int chunk = 0x8000;
                for (int k = 0; k < 14 && i + k < n; k++) {
                    chunk |= symbol(r, i + k) << (13 - k);
                }
                dst.writeShort(chunk);
                i += 14;
            } else {
                int chunk = 0xC000;
                for (int k = 0; k < 7 && i + k < n; k++) {
                    chunk |= symbol(r, i + k) << (12 - 2 * k);
                }
                dst.writeShort(chunk);
                i += 7;
            }
        }
        for (int k = 0; k < n; k++) {
            int s = symbol(r, k);
            if (s == SMALL) {
                dst.writeByte(r.delta(k));
            } else if (s == LARGE) {
                dst.writeShort(r.delta(k));
            }
        }
        int length = dst.writerIndex() - start;
        int padded = (length + 3) & ~3;
        dst.writeZero(padded - length);
        dst.setShort(start + 2, padded / 4 - 1);
    }

    private static int symbol(TwccRecorder r, int i) {
        if (!r.received(i)) {
            return NOT_RECEIVED;
        }
        int d = r.delta(i);
        return d >= 0 && d <= 0xFF ? SMALL : LARGE;
    }

    private static boolean fitsOneBit(TwccRecorder r, int from, int n) {
        for (int k = 0; k < 14 && from + k < n; k++) {
            if (symbol(r, from + k) == LARGE) {
                return false;
            }
        }
        return true;
    }
}

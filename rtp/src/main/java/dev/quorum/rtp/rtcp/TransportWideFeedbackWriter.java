package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Writes transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-
 * extensions-01 §3.1, layout in {@link TransportWideFeedback}) straight from a receiver's arrays:
 * whether each packet from the base sequence number arrived, and its arrival delta. Nothing is
 * allocated, so a receiver can send feedback every few tens of milliseconds for hundreds of
 * packets without garbage. The chunks are those {@link TransportWideFeedback.Builder} picks: run
 * lengths for runs of 14 or more (and for the final run), 1-bit vectors while every delta in the
 * next 14 packets fits one byte, 2-bit vectors otherwise; zero padding to 32 bits.
 */
public final class TransportWideFeedbackWriter {

    private static final int MAX_RUN = 0x1FFF;
    private static final int FIXED_LENGTH = 20;

    private TransportWideFeedbackWriter() {}

    /** An upper bound of the bytes {@link #write} produces for {@code packetCount} packets. */
    public static int maxEncodedLength(int packetCount) {
        return FIXED_LENGTH + 2 * ((packetCount + 6) / 7) + 2 * packetCount + 3;
    }

    /**
     * Appends one feedback packet at {@code dst}'s writer index. Borrows {@code dst}, which must
     * have {@link #maxEncodedLength} writable bytes (or be able to grow).
     *
     * @param baseSequenceNumber  transport-wide sequence number of packet 0 (16 bits)
     * @param referenceTime       arrival time base in 64 ms units (24 bits)
     * @param feedbackPacketCount count of feedback packets sent (8 bits)
     * @param received            {@code received[i]}: whether packet {@code i} arrived
     * @param deltaTicks          {@code deltaTicks[i]}: for an arrived packet, its arrival in
     *                            250 µs ticks after the previous arrived one (the first: after the
     *                            reference time), −32768…32767; ignored for lost packets
     * @param packetCount         packets described, 1…65535, at most the arrays' length
     * @return the bytes written
     * @throws IllegalArgumentException if a count or delta is out of range (a caller's bug)
     */
    public static int write(
            ByteBuf dst,
            long senderSsrc,
            long mediaSsrc,
            int baseSequenceNumber,
            int referenceTime,
            int feedbackPacketCount,
            boolean[] received,
            int[] deltaTicks,
            int packetCount) {
        if (packetCount < 1
                || packetCount > 0xFFFF
                || packetCount > received.length
                || packetCount > deltaTicks.length) {
            throw new IllegalArgumentException("packet count " + packetCount + " out of range");
        }
        int start = dst.writerIndex();
        dst.writeByte(0x80 | TransportWideFeedback.FORMAT);
        dst.writeByte(RtcpPacket.RTPFB);
        dst.writeShort(0);
        dst.writeInt((int) senderSsrc);
        dst.writeInt((int) mediaSsrc);
        dst.writeShort(baseSequenceNumber);
        dst.writeShort(packetCount);
        dst.writeMedium(referenceTime);
        dst.writeByte(feedbackPacketCount);
        writeChunks(dst, received, deltaTicks, packetCount);
        for (int i = 0; i < packetCount; i++) {
            int s = symbol(received, deltaTicks, i);
            if (s == TransportWideFeedback.SMALL_DELTA) {
                dst.writeByte(deltaTicks[i]);
            } else if (s == TransportWideFeedback.LARGE_DELTA) {
                dst.writeShort(deltaTicks[i]);
            }
        }
        int length = dst.writerIndex() - start;
        int padded = (length + 3) & ~3;
        dst.writeZero(padded - length);
        dst.setShort(start + 2, padded / 4 - 1);
        return padded;
    }

    private static void writeChunks(ByteBuf dst, boolean[] received, int[] deltas, int n) {
        int i = 0;
        while (i < n) {
            int first = symbol(received, deltas, i);
            int run = 1;
            while (i + run < n && run < MAX_RUN && symbol(received, deltas, i + run) == first) {
                run++;
            }
            if (run >= 14 || i + run == n) {
                dst.writeShort((first << 13) | run);
                i += run;
            } else if (fitsOneBit(received, deltas, i, n)) {
                int chunk = 0x8000;
                for (int k = 0; k < 14 && i + k < n; k++) {
                    chunk |= symbol(received, deltas, i + k) << (13 - k);
                }
                dst.writeShort(chunk);
                i += 14;
            } else {
                int chunk = 0xC000;
                for (int k = 0; k < 7 && i + k < n; k++) {
                    chunk |= symbol(received, deltas, i + k) << (12 - 2 * k);
                }
                dst.writeShort(chunk);
                i += 7;
            }
        }
    }

    private static int symbol(boolean[] received, int[] deltas, int i) {
        if (!received[i]) {
            return TransportWideFeedback.NOT_RECEIVED;
        }
        int d = deltas[i];
        if (d < Short.MIN_VALUE || d > Short.MAX_VALUE) {
            throw new IllegalArgumentException("delta " + d + " ticks of packet " + i + " does not fit 16 bits");
        }
        return d >= 0 && d <= 0xFF ? TransportWideFeedback.SMALL_DELTA : TransportWideFeedback.LARGE_DELTA;
    }

    private static boolean fitsOneBit(boolean[] received, int[] deltas, int from, int n) {
        for (int k = 0; k < 14 && from + k < n; k++) {
            if (symbol(received, deltas, from + k) == TransportWideFeedback.LARGE_DELTA) {
                return false;
            }
        }
        return true;
    }
}

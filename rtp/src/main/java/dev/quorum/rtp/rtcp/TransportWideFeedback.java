package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §3.1): for a range of transport-wide sequence numbers, whether each packet arrived and, if so,
 * its arrival time as a delta from the previous one.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=15 |    PT=205     |           length              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      SSRC of media source                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      base sequence number     |      packet status count      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 reference time                | fb pkt. count |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          packet chunk         |         packet chunk          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .                                                               .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         packet chunk          |  recv delta   |  recv delta   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .                                                               .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           recv delta          |  recv delta   | zero padding  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * run length chunk:          status vector chunk:
 * |0| S |  run length (13)  |   |1|s| symbol list (14 × 1 bit, s=0; 7 × 2 bits, s=1) |
 * </pre>
 *
 * <p>Status symbols: 0 not received, 1 received with a small delta (1 byte, 0–63.75 ms), 2
 * received with a large or negative delta (2 bytes, signed), 3 received without a delta (the
 * draft's examples use it; libwebrtc never sends it). Deltas and the reference time tick in
 * 250 µs and 64 ms units.
 *
 * <p>The chunks are kept as received, so a parsed packet writes back byte for byte; packets the
 * SFU sends are made with {@link Builder}, which picks the chunk encoding.
 *
 * @param senderSsrc          the feedback sender
 * @param mediaSsrc           the media source (any stream of the transport)
 * @param baseSequenceNumber  transport-wide sequence number of the first packet described
 * @param referenceTime       unsigned 24-bit arrival time base, in 64 ms units
 * @param feedbackPacketCount 8-bit count of feedback packets sent, to detect their loss
 * @param statuses            one status symbol per packet from the base on
 * @param receiveDeltas       one delta (250 µs ticks) per packet with status 1 or 2, in order
 * @param chunks              the 16-bit packet status chunks encoding {@code statuses}
 */
public record TransportWideFeedback(
        long senderSsrc,
        long mediaSsrc,
        int baseSequenceNumber,
        int referenceTime,
        int feedbackPacketCount,
        int[] statuses,
        int[] receiveDeltas,
        int[] chunks)
        implements RtcpPacket {

    /** Feedback message type within RTPFB. */
    public static final int FORMAT = 15;

    public static final int NOT_RECEIVED = 0;
    public static final int SMALL_DELTA = 1;
    public static final int LARGE_DELTA = 2;
    public static final int RECEIVED_WITHOUT_DELTA = 3;
    /** Length of a receive delta tick. */
    public static final int DELTA_TICK_MICROS = 250;
    /** Length of a reference time unit. */
    public static final int REFERENCE_TIME_UNIT_MICROS = 64_000;

    private static final int FIXED_LENGTH = 20;
    private static final int MAX_RUN = 0x1FFF;

    /** Number of packets described. */
    public int packetStatusCount() {
        return statuses.length;
    }

    /** The reference time in microseconds (unsigned 24-bit count of 64 ms units). */
    public long referenceTimeMicros() {
        return (long) referenceTime * REFERENCE_TIME_UNIT_MICROS;
    }

    /** Parses the feedback at the reader index of {@code buf}. Borrows {@code buf}. */
    public static RtcpResult<TransportWideFeedback> parse(ByteBuf buf) {
        return parse(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Parses the feedback starting at absolute {@code offset}, reading no further than
     * {@code available} bytes. Borrows {@code buf}.
     */
    public static RtcpResult<TransportWideFeedback> parse(ByteBuf buf, int offset, int available) {
        int end = RtcpHeader.openFeedback(buf, offset, available, RTPFB, FORMAT);
        if (end < 0) {
            return RtcpResult.invalid(RtcpHeader.error(end));
        }
        if (end - offset < FIXED_LENGTH) {
            return RtcpResult.invalid(RtcpError.TOO_SHORT_FOR_TYPE);
        }
        int count = buf.getUnsignedShort(offset + 14);
        int pos = offset + FIXED_LENGTH;
        if ((long) (end - pos) / 2 * MAX_RUN < count) {
            return RtcpResult.invalid(RtcpError.TWCC_TRUNCATED_CHUNKS);
        }
        int[] statuses = new int[count];
        int[] chunks = new int[8];
        int chunkCount = 0;
        int n = 0;
        int withDelta = 0;
        while (n < count) {
            if (end - pos < 2) {
                return RtcpResult.invalid(RtcpError.TWCC_TRUNCATED_CHUNKS);
            }
            int chunk = buf.getUnsignedShort(pos);
            pos += 2;
            if (chunkCount == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunkCount * 2);
            }
            chunks[chunkCount++] = chunk;
            int before = n;
            n = decodeChunk(chunk, statuses, n);
            for (int i = before; i < n; i++) {
                if (statuses[i] == SMALL_DELTA || statuses[i] == LARGE_DELTA) {
                    withDelta++;
                }
            }
        }
        int[] deltas = new int[withDelta];
        int d = 0;
        for (int status : statuses) {
            if (status == SMALL_DELTA) {
                if (pos >= end) {
                    return RtcpResult.invalid(RtcpError.TWCC_TRUNCATED_DELTAS);
                }
                deltas[d++] = buf.getUnsignedByte(pos++);
            } else if (status == LARGE_DELTA) {
                if (end - pos < 2) {
                    return RtcpResult.invalid(RtcpError.TWCC_TRUNCATED_DELTAS);
                }
                deltas[d++] = buf.getShort(pos);
                pos += 2;
            }
        }
        return RtcpResult.parsed(new TransportWideFeedback(
                buf.getUnsignedInt(offset + 4),
                buf.getUnsignedInt(offset + 8),
                buf.getUnsignedShort(offset + 12),
                buf.getUnsignedMedium(offset + 16),
                buf.getUnsignedByte(offset + 19),
                statuses,
                deltas,
                Arrays.copyOf(chunks, chunkCount)));
    }

    /** Writes the symbols of {@code chunk} into {@code statuses} from {@code n}; returns the new count. */
    private static int decodeChunk(int chunk, int[] statuses, int n) {
        int limit = statuses.length;
        if ((chunk & 0x8000) == 0) {
            int symbol = (chunk >>> 13) & 0x3;
            int run = Math.min(chunk & MAX_RUN, limit - n);
            Arrays.fill(statuses, n, n + run, symbol);
            return n + run;
        }
        if ((chunk & 0x4000) == 0) {
            for (int k = 0; k < 14 && n < limit; k++) {
                statuses[n++] = (chunk >>> (13 - k)) & 0x1;
            }
        } else {
            for (int k = 0; k < 7 && n < limit; k++) {
                statuses[n++] = (chunk >>> (12 - 2 * k)) & 0x3;
            }
        }
        return n;
    }

    private int deltaBytes() {
        int bytes = 0;
        for (int status : statuses) {
            bytes += status == SMALL_DELTA ? 1 : status == LARGE_DELTA ? 2 : 0;
        }
        return bytes;
    }

    @Override
    public int packetType() {
        return RTPFB;
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.padTo4(FIXED_LENGTH + 2 * chunks.length + deltaBytes());
    }

    @Override
    public void writeTo(ByteBuf dst) {
        int start = dst.writerIndex();
        int length = encodedLength();
        RtcpHeader.write(dst, FORMAT, RTPFB, length);
        dst.writeInt((int) senderSsrc);
        dst.writeInt((int) mediaSsrc);
        dst.writeShort(baseSequenceNumber);
        dst.writeShort(statuses.length);
        dst.writeMedium(referenceTime);
        dst.writeByte(feedbackPacketCount);
        for (int chunk : chunks) {
            dst.writeShort(chunk);
        }
        int d = 0;
        for (int status : statuses) {
            if (status == SMALL_DELTA) {
                dst.writeByte(receiveDeltas[d++]);
            } else if (status == LARGE_DELTA) {
                dst.writeShort(receiveDeltas[d++]);
            }
        }
        dst.writeZero(length - (dst.writerIndex() - start));
    }

    /**
     * Builds feedback for consecutive transport-wide sequence numbers starting at the base, one
     * {@link #received} or {@link #lost} call per packet, and picks compact chunks: run lengths for
     * runs of 14 or more, otherwise 1-bit vectors, or 2-bit vectors where a large delta occurs.
     */
    public static final class Builder {

        private final long senderSsrc;
        private final long mediaSsrc;
        private final int baseSequenceNumber;
        private final int referenceTime;
        private final int feedbackPacketCount;
        private int[] statuses = new int[64];
        private int[] deltas = new int[64];
        private int count;
        private int deltaCount;

        public Builder(
                long senderSsrc, long mediaSsrc, int baseSequenceNumber, int referenceTime, int feedbackPacketCount) {
            this.senderSsrc = senderSsrc;
            this.mediaSsrc = mediaSsrc;
            this.baseSequenceNumber = baseSequenceNumber & 0xFFFF;
            this.referenceTime = referenceTime & 0xFFFFFF;
            this.feedbackPacketCount = feedbackPacketCount & 0xFF;
        }

        /** The next packet arrived {@code deltaTicks} × 250 µs after the previous (or the reference). */
        public Builder received(int deltaTicks) {
            if (deltaTicks < Short.MIN_VALUE || deltaTicks > Short.MAX_VALUE) {
                throw new IllegalArgumentException("delta " + deltaTicks + " ticks does not fit 16 bits");
            }
            add(deltaTicks >= 0 && deltaTicks <= 0xFF ? SMALL_DELTA : LARGE_DELTA);
            if (deltaCount == deltas.length) {
                deltas = Arrays.copyOf(deltas, deltaCount * 2);
            }
            deltas[deltaCount++] = deltaTicks;
            return this;
        }

        /** The next packet did not arrive. */
        public Builder lost() {
            add(NOT_RECEIVED);
            return this;
        }

        /** Packets described so far. */
        public int packetCount() {
            return count;
        }

        private void add(int status) {
            if (count == 0xFFFF) {
                throw new IllegalStateException("feedback describes at most 65535 packets");
            }
            if (count == statuses.length) {
                statuses = Arrays.copyOf(statuses, count * 2);
            }
            statuses[count++] = status;
        }

        public TransportWideFeedback build() {
            int[] symbols = Arrays.copyOf(statuses, count);
            return new TransportWideFeedback(
                    senderSsrc,
                    mediaSsrc,
                    baseSequenceNumber,
                    referenceTime,
                    feedbackPacketCount,
                    symbols,
                    Arrays.copyOf(deltas, deltaCount),
                    encodeChunks(symbols));
        }

        private static int[] encodeChunks(int[] symbols) {
            int[] chunks = new int[symbols.length + 1];
            int n = 0;
            int i = 0;
            while (i < symbols.length) {
                int run = 1;
                while (i + run < symbols.length && symbols[i + run] == symbols[i] && run < MAX_RUN) {
                    run++;
                }
                if (run >= 14 || i + run == symbols.length) {
                    chunks[n++] = (symbols[i] << 13) | run;
                    i += run;
                } else if (fitsOneBit(symbols, i)) {
                    int chunk = 0x8000;
                    for (int k = 0; k < 14 && i + k < symbols.length; k++) {
                        chunk |= symbols[i + k] << (13 - k);
                    }
                    chunks[n++] = chunk;
                    i += 14;
                } else {
                    int chunk = 0xC000;
                    for (int k = 0; k < 7 && i + k < symbols.length; k++) {
                        chunk |= symbols[i + k] << (12 - 2 * k);
                    }
                    chunks[n++] = chunk;
                    i += 7;
                }
            }
            return Arrays.copyOf(chunks, n);
        }

        private static boolean fitsOneBit(int[] symbols, int from) {
            for (int k = from; k < Math.min(symbols.length, from + 14); k++) {
                if (symbols[k] > SMALL_DELTA) {
                    return false;
                }
            }
            return true;
        }
    }
}

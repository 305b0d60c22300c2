package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generic NACK (RFC 4585 §6.2.1): a receiver lists the sequence numbers it lost, as pairs of a
 * packet ID and a bitmask of the 16 following packets.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=1  |   PT=RTPFB=205  |          length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            PID                |             BLP               |  (one or more)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Bit i (least significant first) of BLP reports packet PID + i + 1 lost.
 *
 * @param senderSsrc the reporter
 * @param mediaSsrc  the stream whose packets were lost
 * @param entries    the PID/BLP pairs, at least one
 */
public record TransportLayerNack(long senderSsrc, long mediaSsrc, List<Entry> entries) implements RtcpPacket {

    /** Feedback message type within RTPFB. */
    public static final int FORMAT = 1;

    /** One FCI entry: a lost packet and a bitmask of lost packets after it. */
    public record Entry(int packetId, int lostBitmask) {

        public Entry {
            if (packetId < 0 || packetId > 0xFFFF || lostBitmask < 0 || lostBitmask > 0xFFFF) {
                throw new IllegalArgumentException("PID and BLP are 16-bit: " + packetId + ", " + lostBitmask);
            }
        }
    }

    public TransportLayerNack {
        entries = List.copyOf(entries);
    }

    /**
     * A NACK for {@code lost} sequence numbers, given in sending order (wrap-around allowed),
     * packed into as few entries as the order allows.
     */
    public static TransportLayerNack of(long senderSsrc, long mediaSsrc, int... lost) {
        List<Entry> entries = new ArrayList<>();
        int pid = -1;
        int blp = 0;
        for (int seq : lost) {
            int s = seq & 0xFFFF;
            int distance = pid < 0 ? -1 : (s - pid) & 0xFFFF;
            if (distance >= 1 && distance <= 16) {
                blp |= 1 << (distance - 1);
            } else if (distance != 0) {
                if (pid >= 0) {
                    entries.add(new Entry(pid, blp));
                }
                pid = s;
                blp = 0;
            }
        }
        if (pid >= 0) {
            entries.add(new Entry(pid, blp));
        }
        return new TransportLayerNack(senderSsrc, mediaSsrc, entries);
    }

    /** Every sequence number reported lost, in entry order. */
    public int[] lostSequenceNumbers() {
        int[] lost = new int[entries.size() * 17];
        int n = 0;
        for (Entry entry : entries) {
            lost[n++] = entry.packetId();
            for (int bit = 0; bit < 16; bit++) {
                if ((entry.lostBitmask() & (1 << bit)) != 0) {
                    lost[n++] = (entry.packetId() + bit + 1) & 0xFFFF;
                }
            }
        }
        return Arrays.copyOf(lost, n);
    }

    /** Parses the NACK at the reader index of {@code buf}. Borrows {@code buf}. */
    public static RtcpResult<TransportLayerNack> parse(ByteBuf buf) {
        return parse(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Parses the NACK starting at absolute {@code offset}, reading no further than
     * {@code available} bytes. Borrows {@code buf}.
     */
    public static RtcpResult<TransportLayerNack> parse(ByteBuf buf, int offset, int available) {
        int end = RtcpHeader.openFeedback(buf, offset, available, RTPFB, FORMAT);
        if (end < 0) {
            return RtcpResult.invalid(RtcpHeader.error(end));
        }
        int fci = end - offset - RtcpHeader.FEEDBACK_LENGTH;
        if (fci == 0 || fci % 4 != 0) {
            return RtcpResult.invalid(RtcpError.FCI_LENGTH_MISMATCH);
        }
        List<Entry> entries = new ArrayList<>(fci / 4);
        for (int at = offset + RtcpHeader.FEEDBACK_LENGTH; at < end; at += 4) {
            entries.add(new Entry(buf.getUnsignedShort(at), buf.getUnsignedShort(at + 2)));
        }
        return RtcpResult.parsed(
                new TransportLayerNack(buf.getUnsignedInt(offset + 4), buf.getUnsignedInt(offset + 8), entries));
    }

    @Override
    public int packetType() {
        return RTPFB;
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.FEEDBACK_LENGTH + 4 * entries.size();
    }

    @Override
    public void writeTo(ByteBuf dst) {
        RtcpHeader.write(dst, FORMAT, RTPFB, encodedLength());
        dst.writeInt((int) senderSsrc);
        dst.writeInt((int) mediaSsrc);
        for (Entry entry : entries) {
            dst.writeShort(entry.packetId());
            dst.writeShort(entry.lostBitmask());
        }
    }
}

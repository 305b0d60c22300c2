package dev.quorum.recorder.testing;

import dev.quorum.rtp.RtpPacketBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Packetizes encoded frames into RTP for unit tests that need exact control over sequence
 * numbers, timestamps and SSRCs (the end-to-end tests use ffmpeg's packetizer instead).
 */
public final class TestPacketizer {

    /** One packet to send: its bytes and its frame's media time. */
    public record Packet(byte[] bytes, long mediaMillis, int sequence) {
        /** A pooled buffer holding the packet; ownership passes to the caller. */
        public ByteBuf buffer() {
            return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
        }
    }

    private final int payloadType;
    private final long ssrc;
    private final int clockRate;
    private final long firstTimestamp;
    private int sequence;
    private int pictureId;

    public TestPacketizer(int payloadType, long ssrc, int clockRate, int firstSequence, long firstTimestamp) {
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        this.clockRate = clockRate;
        this.sequence = firstSequence & 0xFFFF;
        this.firstTimestamp = firstTimestamp;
    }

    /** One packet per frame (Opus, RFC 7587). */
    public List<Packet> opus(List<EncodedFrame> frames) {
        List<Packet> out = new ArrayList<>();
        for (EncodedFrame f : frames) {
            out.add(packet(f.millis(), true, f.data()));
        }
        return out;
    }

    /** RFC 7741 payload descriptors with a 15-bit picture ID; frames split at 1000 bytes. */
    public List<Packet> vp8(List<EncodedFrame> frames) {
        List<Packet> out = new ArrayList<>();
        for (EncodedFrame f : frames) {
            byte[] d = f.data();
            for (int off = 0; off < d.length; off += 1000) {
                int len = Math.min(1000, d.length - off);
                byte[] payload = new byte[4 + len];
                payload[0] = (byte) (0x80 | (off == 0 ? 0x10 : 0)); // X, S on the first packet, PID 0
                payload[1] = (byte) 0x80; // I
                payload[2] = (byte) (0x80 | (pictureId >> 8) & 0x7F);
                payload[3] = (byte) pictureId;
                System.arraycopy(d, off, payload, 4, len);
                out.add(packet(f.millis(), off + len == d.length, payload));
            }
            pictureId = (pictureId + 1) & 0x7FFF;
        }
        return out;
    }

    /**
     * RFC 6184 packetization mode 1: each NAL unit of a length-prefixed access unit as a single
     * NAL unit packet, or as FU-A fragments of up to 1000 bytes when larger.
     */
    public List<Packet> h264(List<EncodedFrame> accessUnits) {
        List<Packet> out = new ArrayList<>();
        for (EncodedFrame au : accessUnits) {
            List<byte[]> nals = MediaFixtures.nalUnits(au.data());
            for (int n = 0; n < nals.size(); n++) {
                byte[] nal = nals.get(n);
                boolean lastNal = n == nals.size() - 1;
                if (nal.length <= 1000) {
                    out.add(packet(au.millis(), lastNal, nal));
                    continue;
                }
                for (int off = 1; off < nal.length; off += 999) {
                    int len = Math.min(999, nal.length - off);
                    boolean start = off == 1;
                    boolean end = off + len == nal.length;
                    byte[] payload = new byte[2 + len];
                    payload[0] = (byte) ((nal[0] & 0xE0) | 28);
                    payload[1] = (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | (nal[0] & 0x1F));
                    System.arraycopy(nal, off, payload, 2, len);
                    out.add(packet(au.millis(), lastNal && end, payload));
                }
            }
        }
        return out;
    }

    private Packet packet(long millis, boolean marker, byte[] payload) {
        long ts = (firstTimestamp + millis * clockRate / 1000) & 0xFFFF_FFFFL;
        ByteBuf b = new RtpPacketBuilder()
                .payloadType(payloadType)
                .marker(marker)
                .sequenceNumber(sequence)
                .timestamp(ts)
                .ssrc(ssrc)
                .payload(payload)
                .build(PooledByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), bytes);
            Packet p = new Packet(bytes, millis, sequence);
            sequence = (sequence + 1) & 0xFFFF;
            return p;
        } finally {
            b.release();
        }
    }

    /** A copy of {@code p} with its payload type replaced. */
    public static Packet withPayloadType(Packet p, int pt) {
        byte[] b = Arrays.copyOf(p.bytes(), p.bytes().length);
        b[1] = (byte) ((b[1] & 0x80) | pt);
        return new Packet(b, p.mediaMillis(), p.sequence());
    }
}

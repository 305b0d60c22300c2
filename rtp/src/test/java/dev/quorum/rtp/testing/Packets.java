package dev.quorum.rtp.testing;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.RtpPacketBuilder;
import dev.quorum.rtp.RtpParseResult;
import dev.quorum.rtp.codec.Depacketizer;
import io.netty.buffer.ByteBuf;

/** Builds RTP packets for tests and feeds them to depacketizers the way the recorder will. */
public final class Packets {

    private Packets() {}

    public static ByteBuf rtp(int payloadType, int seq, long timestamp, boolean marker, byte[] payload) {
        return new RtpPacketBuilder()
                .payloadType(payloadType)
                .sequenceNumber(seq)
                .timestamp(timestamp)
                .ssrc(0x5EED)
                .marker(marker)
                .payload(payload)
                .build(Hex.alloc());
    }

    /** Parses {@code packet}, pushes it, and releases it afterwards, as a pipeline stage would. */
    public static void push(Depacketizer depacketizer, ByteBuf packet) {
        try {
            RtpPacket view = new RtpPacket();
            RtpParseResult result = view.wrap(packet);
            if (!(result instanceof RtpPacket)) {
                throw new AssertionError("test built an invalid packet: " + result);
            }
            depacketizer.push(view);
        } finally {
            packet.release();
        }
    }

    public static void push(
            Depacketizer depacketizer, int payloadType, int seq, long timestamp, boolean marker, byte[] payload) {
        push(depacketizer, rtp(payloadType, seq, timestamp, marker, payload));
    }

    /** Concatenates byte arrays. */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}

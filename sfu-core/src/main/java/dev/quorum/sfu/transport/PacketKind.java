package dev.quorum.sfu.transport;

import io.netty.buffer.ByteBuf;
import java.util.Locale;

/**
 * What a packet on the media port is, by its first byte (RFC 7983 §7, as updated by RFC 9443;
 * RTCP per RFC 5761 §4):
 *
 * <pre>
 *                  +----------------+
 *                  |        [0..3] -+--> STUN
 *                  |      [20..63] -+--> DTLS
 *   packet -->     |    [128..191] -+--> RTP, or RTCP when the second byte is 192..223
 *                  |   everything  -+--> dropped (ZRTP, TURN channels, QUIC, garbage)
 *                  +----------------+
 * </pre>
 */
public enum PacketKind {
    STUN,
    DTLS,
    RTP,
    RTCP,
    UNKNOWN;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** Classifies the readable bytes of {@code buf}. Borrows it. */
    public static PacketKind of(ByteBuf buf) {
        int n = buf.readableBytes();
        if (n == 0) {
            return UNKNOWN;
        }
        int first = buf.getUnsignedByte(buf.readerIndex());
        if (first <= 3) {
            return STUN;
        }
        if (first >= 20 && first <= 63) {
            return DTLS;
        }
        if (first >= 128 && first <= 191 && n >= 2) {
            int second = buf.getUnsignedByte(buf.readerIndex() + 1);
            return second >= 192 && second <= 223 ? RTCP : RTP;
        }
        return UNKNOWN;
    }

    /** The {@code kind} metric tag. */
    String tag() {
        return tag;
    }
}

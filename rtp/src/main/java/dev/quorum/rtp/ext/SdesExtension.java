package dev.quorum.rtp.ext;

import dev.quorum.rtp.RtpPacket;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Header extensions that carry an SDES item as text: MID (RFC 9143), RtpStreamId and
 * RepairedRtpStreamId (RFC 8852). The value is the item's text with no terminator, 1–16 bytes in
 * the one-byte form and up to 255 in the two-byte form.
 *
 * <pre>
 *  0                   1                   2
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   |  len  | text (e.g. "0", "f", "h", "q") ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The SFU reads these only until it has latched the SSRC's mapping (senders stop including
 * them), so {@link #read} may allocate a String; {@link #matches} compares without allocating.
 */
public final class SdesExtension {

    private SdesExtension() {}

    /** The text of element {@code id}, or null if absent or empty. */
    public static String read(RtpPacket packet, int id) {
        long found = packet.findExtension(id);
        if (found < 0 || RtpPacket.foundLength(found) == 0) {
            return null;
        }
        return packet.buffer()
                .toString(RtpPacket.foundOffset(found), RtpPacket.foundLength(found), StandardCharsets.UTF_8);
    }

    /** Whether element {@code id} is present and holds exactly the bytes of {@code ascii}. */
    public static boolean matches(RtpPacket packet, int id, byte[] ascii) {
        long found = packet.findExtension(id);
        if (found < 0 || RtpPacket.foundLength(found) != ascii.length) {
            return false;
        }
        ByteBuf buf = packet.buffer();
        int offset = RtpPacket.foundOffset(found);
        for (int i = 0; i < ascii.length; i++) {
            if (buf.getByte(offset + i) != ascii[i]) {
                return false;
            }
        }
        return true;
    }
}

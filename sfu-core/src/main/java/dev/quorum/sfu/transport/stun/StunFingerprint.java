package dev.quorum.sfu.transport.stun;

import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32;

/** FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to the attribute, XOR 0x5354554E. */
final class StunFingerprint {

    static final int XOR = 0x5354554E;

    private StunFingerprint() {}

    /** The FINGERPRINT value for bytes {@code [start, start + length)} of {@code buf}. Borrows. */
    static int compute(ByteBuf buf, int start, int length) {
        CRC32 crc = new CRC32();
        if (buf.hasArray()) {
            crc.update(buf.array(), buf.arrayOffset() + start, length);
        } else {
            crc.update(buf.nioBuffer(start, length));
        }
        return (int) crc.getValue() ^ XOR;
    }
}

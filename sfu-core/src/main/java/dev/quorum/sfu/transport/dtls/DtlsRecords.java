package dev.quorum.sfu.transport.dtls;

import io.netty.buffer.ByteBuf;

/**
 * A cheap structural check of a DTLS datagram before it is queued for the handshake worker:
 * one or more records (RFC 6347 §4.1), each a known content type, a DTLS version and a length
 * that fits, ending exactly at the end of the datagram.
 *
 * <pre>
 * +-------------+---------------+---------+-----------------+---------+------------+
 * | type (1)    | version (2)   | epoch(2)| sequence (6)    | len (2) | fragment   |
 * +-------------+---------------+---------+-----------------+---------+------------+
 * </pre>
 */
public final class DtlsRecords {

    static final int HEADER_LENGTH = 13;

    private DtlsRecords() {}

    /** Whether the readable bytes are a sequence of well-formed DTLS records. Borrows {@code buf}. */
    public static boolean isWellFormed(ByteBuf buf) {
        int pos = buf.readerIndex();
        int end = buf.writerIndex();
        if (pos == end) {
            return false;
        }
        while (pos < end) {
            if (end - pos < HEADER_LENGTH) {
                return false;
            }
            int type = buf.getUnsignedByte(pos);
            // change_cipher_spec, alert, handshake, application_data (no connection IDs negotiated)
            if (type < 20 || type > 23) {
                return false;
            }
            // DTLS 1.0 is 0xFEFF, 1.2 is 0xFEFD; ClientHello records may carry 1.0.
            if (buf.getUnsignedByte(pos + 1) != 0xFE) {
                return false;
            }
            int length = buf.getUnsignedShort(pos + 11);
            if (length == 0 || length > end - pos - HEADER_LENGTH) {
                return false;
            }
            pos += HEADER_LENGTH + length;
        }
        return true;
    }
}

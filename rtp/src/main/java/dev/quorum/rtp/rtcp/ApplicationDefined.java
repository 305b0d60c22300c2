package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Application-defined packet (RFC 3550 §6.7): a four-character name, a 5-bit subtype and opaque
 * data, for experiments. The SFU ignores these but keeps them intact.
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P| subtype |   PT=APP=204  |             length            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                           SSRC/CSRC                           |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                          name (ASCII)                         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                   application-dependent data                ...
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param subtype 0–31
 * @param ssrc    the source
 * @param name    four characters; bytes are mapped one to one (ISO-8859-1)
 * @param data    the application data; written zero-padded to a multiple of 4
 */
public record ApplicationDefined(int subtype, long ssrc, String name, byte[] data) implements RtcpPacket {

    private static final int FIXED_LENGTH = 12;

    public ApplicationDefined {
        if (subtype < 0 || subtype > 31) {
            throw new IllegalArgumentException("subtype " + subtype + " not in 0..31");
        }
        if (name.length() != 4) {
            throw new IllegalArgumentException("name must have 4 characters: '" + name + "'");
        }
        data = data == null ? new byte[0] : data;
    }

    /** Parses the APP packet at the reader index of {@code buf}. Borrows {@code buf}. */
    public static RtcpResult<ApplicationDefined> parse(ByteBuf buf) {
        return parse(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Parses the APP packet starting at absolute {@code offset}, reading no further than
     * {@code available} bytes. Borrows {@code buf}.
     */
    public static RtcpResult<ApplicationDefined> parse(ByteBuf buf, int offset, int available) {
        int end = RtcpHeader.open(buf, offset, available, APP);
        if (end < 0) {
            return RtcpResult.invalid(RtcpHeader.error(end));
        }
        if (end - offset < FIXED_LENGTH) {
            return RtcpResult.invalid(RtcpError.TOO_SHORT_FOR_TYPE);
        }
        byte[] data = new byte[end - offset - FIXED_LENGTH];
        buf.getBytes(offset + FIXED_LENGTH, data);
        return RtcpResult.parsed(new ApplicationDefined(
                RtcpHeader.count(buf, offset),
                buf.getUnsignedInt(offset + 4),
                buf.toString(offset + 8, 4, StandardCharsets.ISO_8859_1),
                data));
    }

    @Override
    public int packetType() {
        return APP;
    }

    @Override
    public int encodedLength() {
        return FIXED_LENGTH + RtcpHeader.padTo4(data.length);
    }

    @Override
    public void writeTo(ByteBuf dst) {
        RtcpHeader.write(dst, subtype, APP, encodedLength());
        dst.writeInt((int) ssrc);
        dst.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
        dst.writeBytes(data);
        dst.writeZero(RtcpHeader.padTo4(data.length) - data.length);
    }
}

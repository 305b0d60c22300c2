package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Source description (RFC 3550 §6.5): per source, a chunk of items, of which the CNAME ties the
 * streams of one participant together.
 *
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    SC   |  PT=SDES=202  |             length            |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * chunk  |                          SSRC/CSRC_1                          |
 *   1    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                           SDES items                          |
 *        |                              ...                              |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *
 * item:   |    type (1-8)  |     length    | text (length bytes, UTF-8) ...
 * </pre>
 *
 * <p>A chunk's item list ends with a zero type byte, then zero bytes up to the next 32-bit
 * boundary.
 *
 * @param chunks one chunk per described source, at most 31
 */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

    /** SDES item types (RFC 3550 §6.5). */
    public static final int END = 0;

    public static final int CNAME = 1;
    public static final int NAME = 2;
    public static final int EMAIL = 3;
    public static final int PHONE = 4;
    public static final int LOC = 5;
    public static final int TOOL = 6;
    public static final int NOTE = 7;
    public static final int PRIV = 8;

    /**
     * One SDES item. {@code value} holds the raw bytes so that any received item writes back
     * unchanged; {@link #text()} decodes them.
     */
    public record Item(int type, byte[] value) {

        public Item {
            if (type < 1 || type > 255) {
                throw new IllegalArgumentException("SDES item type " + type + " not in 1..255");
            }
            if (value.length > 255) {
                throw new IllegalArgumentException("SDES item of " + value.length + " bytes exceeds 255");
            }
        }

        /** An item holding {@code text} in UTF-8. */
        public static Item of(int type, String text) {
            return new Item(type, text.getBytes(StandardCharsets.UTF_8));
        }

        public String text() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    /** The items describing one source. */
    public record Chunk(long ssrc, List<Item> items) {

        public Chunk {
            items = List.copyOf(items);
        }

        /** The CNAME item's text, or null if the chunk has none. */
        public String cname() {
            for (Item item : items) {
                if (item.type() == CNAME) {
                    return item.text();
                }
            }
            return null;
        }

        int encodedLength() {
            int length = 4;
            for (Item item : items) {
                length += 2 + item.value().length;
            }
            return 4 + RtcpHeader.padTo4(length - 4 + 1);
        }
    }

    public SourceDescription {
        chunks = List.copyOf(chunks);
        if (chunks.size() > 31) {
            throw new IllegalArgumentException("at most 31 chunks, got " + chunks.size());
        }
    }

    /** A description of one source by its CNAME, as every RTCP compound packet carries. */
    public static SourceDescription ofCname(long ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, List.of(Item.of(CNAME, cname)))));
    }

    /** Parses the SDES packet at the reader index of {@code buf}. Borrows {@code buf}. */
    public static RtcpResult<SourceDescription> parse(ByteBuf buf) {
        return parse(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Parses the SDES packet starting at absolute {@code offset}, reading no further than
     * {@code available} bytes. Borrows {@code buf}.
     */
    public static RtcpResult<SourceDescription> parse(ByteBuf buf, int offset, int available) {
        int end = RtcpHeader.open(buf, offset, available, SDES);
        if (end < 0) {
            return RtcpResult.invalid(RtcpHeader.error(end));
        }
        int count = RtcpHeader.count(buf, offset);
        List<Chunk> chunks = new ArrayList<>(count);
        int pos = offset + RtcpHeader.LENGTH;
        for (int c = 0; c < count; c++) {
            if (end - pos < 4) {
                return RtcpResult.invalid(RtcpError.SDES_TRUNCATED);
            }
            long ssrc = buf.getUnsignedInt(pos);
            pos += 4;
            List<Item> items = new ArrayList<>(1);
            while (true) {
                if (pos >= end) {
                    return RtcpResult.invalid(RtcpError.SDES_TRUNCATED);
                }
                int type = buf.getUnsignedByte(pos);
                if (type == END) {
                    // The terminator and padding run to the next 32-bit boundary of the packet.
                    pos = offset + RtcpHeader.padTo4(pos + 1 - offset);
                    break;
                }
                if (end - pos < 2) {
                    return RtcpResult.invalid(RtcpError.SDES_TRUNCATED);
                }
                int length = buf.getUnsignedByte(pos + 1);
                if (end - pos - 2 < length) {
                    return RtcpResult.invalid(RtcpError.SDES_TRUNCATED);
                }
                byte[] value = new byte[length];
                buf.getBytes(pos + 2, value);
                items.add(new Item(type, value));
                pos += 2 + length;
            }
            chunks.add(new Chunk(ssrc, items));
        }
        if (pos > end) {
            return RtcpResult.invalid(RtcpError.SDES_TRUNCATED);
        }
        return RtcpResult.parsed(new SourceDescription(chunks));
    }

    @Override
    public int packetType() {
        return SDES;
    }

    @Override
    public int encodedLength() {
        int length = RtcpHeader.LENGTH;
        for (Chunk chunk : chunks) {
            length += chunk.encodedLength();
        }
        return length;
    }

    @Override
    public void writeTo(ByteBuf dst) {
        RtcpHeader.write(dst, chunks.size(), SDES, encodedLength());
        for (Chunk chunk : chunks) {
            int start = dst.writerIndex();
            dst.writeInt((int) chunk.ssrc());
            for (Item item : chunk.items()) {
                dst.writeByte(item.type());
                dst.writeByte(item.value().length);
                dst.writeBytes(item.value());
            }
            dst.writeZero(chunk.encodedLength() - (dst.writerIndex() - start));
        }
    }
}

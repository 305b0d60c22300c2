package dev.quorum.recorder.mkv;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * EBML primitives (RFC 8794): element IDs, variable-length sizes and the scalar element types,
 * written into a {@link ByteBuf} (which is borrowed: callers keep ownership).
 *
 * <pre>
 *  vint of length n:  n-1 zero bits | 1 marker bit | 7n value bits   (all ones = unknown size)
 *  element:           ID (1-4 bytes, marker bits kept) | size vint | data
 * </pre>
 */
final class Ebml {

    /** The 8-byte vint meaning "size unknown": the element ends where its parent or a sibling starts. */
    static final long UNKNOWN_SIZE = 0x01FF_FFFF_FFFF_FFFFL;
    /** Largest size an 8-byte vint can carry (one below the unknown-size pattern). */
    static final long MAX_SIZE = 0x00FF_FFFF_FFFF_FFFEL;

    private Ebml() {}

    /** Bytes an element ID takes on disk (IDs keep their marker bits, so the value says the length). */
    static int idLength(int id) {
        if ((id & 0xFFFFFF00) == 0) {
            return 1;
        }
        if ((id & 0xFFFF0000) == 0) {
            return 2;
        }
        if ((id & 0xFF000000) == 0) {
            return 3;
        }
        return 4;
    }

    static void writeId(ByteBuf out, int id) {
        switch (idLength(id)) {
            case 1 -> out.writeByte(id);
            case 2 -> out.writeShort(id);
            case 3 -> out.writeMedium(id);
            default -> out.writeInt(id);
        }
    }

    /** Bytes of the shortest vint that carries {@code size}. */
    static int sizeLength(long size) {
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("EBML size out of range: " + size);
        }
        int n = 1;
        // 2^(7n) - 1 is reserved (all ones) in every length, so the bound is exclusive of it.
        while (size >= (1L << (7 * n)) - 1) {
            n++;
        }
        return n;
    }

    static void writeSize(ByteBuf out, long size) {
        writeSize(out, size, sizeLength(size));
    }

    /** Writes {@code size} as a vint of exactly {@code length} bytes (so it can be patched later). */
    static void writeSize(ByteBuf out, long size, int length) {
        if (length < 1 || length > 8 || (length < 8 && size >= (1L << (7 * length)) - 1)) {
            throw new IllegalArgumentException("Size " + size + " does not fit a " + length + "-byte vint");
        }
        long v = size | (1L << (7 * length));
        for (int shift = 8 * (length - 1); shift >= 0; shift -= 8) {
            out.writeByte((int) (v >>> shift));
        }
    }

    /** An 8-byte vint for {@code size}, as a long whose big-endian bytes are the encoding. */
    static long size8(long size) {
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("EBML size out of range: " + size);
        }
        return 0x0100_0000_0000_0000L | size;
    }

    static int uintLength(long value) {
        int n = 1;
        while (n < 8 && (value >>> (8 * n)) != 0) {
            n++;
        }
        return n;
    }

    static void writeUInt(ByteBuf out, int id, long value) {
        int n = uintLength(value);
        writeId(out, id);
        writeSize(out, n);
        for (int shift = 8 * (n - 1); shift >= 0; shift -= 8) {
            out.writeByte((int) (value >>> shift));
        }
    }

    static void writeSignedLong(ByteBuf out, int id, long value) {
        writeId(out, id);
        writeSize(out, 8);
        out.writeLong(value);
    }

    static void writeFloat(ByteBuf out, int id, double value) {
        writeId(out, id);
        writeSize(out, 8);
        out.writeDouble(value);
    }

    static void writeString(ByteBuf out, int id, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        writeBinary(out, id, b);
    }

    static void writeBinary(ByteBuf out, int id, byte[] value) {
        writeId(out, id);
        writeSize(out, value.length);
        out.writeBytes(value);
    }

    /** Writes a master element whose content is the readable bytes of {@code content} (borrowed). */
    static void writeMaster(ByteBuf out, int id, ByteBuf content) {
        writeId(out, id);
        writeSize(out, content.readableBytes());
        out.writeBytes(content, content.readerIndex(), content.readableBytes());
    }

    /**
     * Writes a Void element occupying exactly {@code totalLength} bytes (at least 2), reserving room
     * that is overwritten later (Duration, SeekHead) without moving anything after it.
     */
    static void writeVoid(ByteBuf out, int totalLength) {
        if (totalLength < 2) {
            throw new IllegalArgumentException("A Void element needs at least 2 bytes, got " + totalLength);
        }
        // Choose a size-field length such that 1 (ID) + sizeLen + data == totalLength.
        int sizeLen = totalLength - 1 <= 127 ? 1 : 8;
        int data = totalLength - 1 - sizeLen;
        out.writeByte(MatroskaIds.VOID);
        writeSize(out, data, sizeLen);
        out.writeZero(data);
    }
}

package dev.quorum.rtp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * Annotated hex for test vectors: whitespace and {@code |} separate bytes freely, and anything
 * after {@code //} on a line is a comment naming the fields.
 */
public final class Hex {

    private Hex() {}

    public static byte[] bytes(String annotated) {
        StringBuilder digits = new StringBuilder();
        for (String line : annotated.split("\n")) {
            int comment = line.indexOf("//");
            String code = comment >= 0 ? line.substring(0, comment) : line;
            for (char c : code.toCharArray()) {
                if (Character.digit(c, 16) >= 0) {
                    digits.append(c);
                } else if (!Character.isWhitespace(c) && c != '|') {
                    throw new IllegalArgumentException("not hex: '" + c + "' in " + line);
                }
            }
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + digits);
        }
        return ByteBufUtil.decodeHexDump(digits);
    }

    /** A pooled (leak-tracked) buffer holding the bytes; the caller releases it. */
    public static ByteBuf buf(String annotated) {
        return buf(bytes(annotated));
    }

    /** A pooled (leak-tracked) buffer holding the bytes; the caller releases it. */
    public static ByteBuf buf(byte[] bytes) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(bytes.length);
        buf.writeBytes(bytes);
        return buf;
    }

    /** The allocator tests hand to code under test, so leaks show up. */
    public static ByteBufAllocator alloc() {
        return PooledByteBufAllocator.DEFAULT;
    }

    /** The readable bytes of {@code buf}, copied; does not release it. */
    public static byte[] toBytes(ByteBuf buf) {
        return ByteBufUtil.getBytes(buf);
    }

    public static String dump(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf);
    }

    public static String dump(byte[] bytes) {
        return ByteBufUtil.hexDump(bytes);
    }
}

package dev.quorum.rtp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Reads bit fields, Exp-Golomb codes (H.264 §9.1) and the like from a region of a buffer, most
 * significant bit first. Never throws and never reads outside the region: reading past its end
 * returns zeros and sets {@link #overrun()}, which a parser checks once at the end.
 *
 * <p>For H.264 RBSP the reader can drop emulation prevention bytes (the 0x03 in 0x00 0x00 0x03,
 * §7.4.1) as it goes, so parameter sets are parsed without copying them first.
 */
public final class BitReader {

    private final ByteBuf buf;
    private final int end;
    private final boolean removeEmulationPrevention;
    private int pos;
    private int current;
    private int bitsLeft;
    private int zeros;
    private boolean overrun;

    /** Reads {@code length} bytes of {@code buf} from absolute {@code offset}. Borrows {@code buf}. */
    public BitReader(ByteBuf buf, int offset, int length, boolean removeEmulationPrevention) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + Math.max(0, length);
        this.removeEmulationPrevention = removeEmulationPrevention;
    }

    /** Whether a read went past the end of the region. */
    public boolean overrun() {
        return overrun;
    }

    private boolean load() {
        if (pos >= end) {
            overrun = true;
            return false;
        }
        int b = buf.getUnsignedByte(pos++);
        if (removeEmulationPrevention) {
            if (zeros >= 2 && b == 0x03) {
                zeros = 0;
                if (pos >= end) {
                    overrun = true;
                    return false;
                }
                b = buf.getUnsignedByte(pos++);
            }
            zeros = b == 0 ? zeros + 1 : 0;
        }
        current = b;
        bitsLeft = 8;
        return true;
    }

    /** One bit. */
    public int bit() {
        if (bitsLeft == 0 && !load()) {
            return 0;
        }
        bitsLeft--;
        return (current >>> bitsLeft) & 1;
    }

    public boolean flag() {
        return bit() == 1;
    }

    /** {@code n} bits (0–63) as an unsigned number. */
    public long bits(int n) {
        long value = 0;
        for (int i = 0; i < n; i++) {
            value = (value << 1) | bit();
        }
        return value;
    }

    /** {@code n} bits (0–31) as an int. */
    public int u(int n) {
        return (int) bits(n);
    }

    /** Skips {@code n} bits. */
    public void skip(int n) {
        for (int i = 0; i < n && !overrun; i++) {
            bit();
        }
    }

    /** Unsigned Exp-Golomb code ue(v); more than 31 leading zeros counts as overrun. */
    public long ue() {
        int leadingZeros = 0;
        while (bit() == 0) {
            if (overrun || ++leadingZeros > 31) {
                overrun = true;
                return 0;
            }
        }
        return ((1L << leadingZeros) - 1) + bits(leadingZeros);
    }

    /** Signed Exp-Golomb code se(v). */
    public long se() {
        long k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }
}

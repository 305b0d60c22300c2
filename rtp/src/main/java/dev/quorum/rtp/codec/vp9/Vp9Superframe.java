package dev.quorum.rtp.codec.vp9;

import io.netty.buffer.ByteBuf;

/**
 * The VP9 superframe index (VP9 bitstream spec Annex B): several frames in one chunk of data,
 * with their sizes listed at the end between two copies of a marker byte.
 *
 * <pre>
 * frame 0 | frame 1 | ... | marker | size 0 | size 1 | ... | marker
 * marker: 0b110 | bytes_per_framesize_minus_1 (2) | frames_in_superframe_minus_1 (3)
 * sizes:  little-endian, bytes_per_framesize bytes each
 * </pre>
 */
public final class Vp9Superframe {

    /** Frames a superframe index can hold. */
    public static final int MAX_FRAMES = 8;

    private Vp9Superframe() {}

    /**
     * Reads the index at the end of {@code length} bytes at absolute {@code offset} into
     * {@code sizes}. Borrows {@code buf}.
     *
     * @return the number of frames, or 0 if there is no consistent index (one plain frame)
     */
    public static int readIndex(ByteBuf buf, int offset, int length, int[] sizes) {
        if (length < 1) {
            return 0;
        }
        int marker = buf.getUnsignedByte(offset + length - 1);
        if ((marker & 0xE0) != 0xC0) {
            return 0;
        }
        int frames = (marker & 0x07) + 1;
        int bytesPerSize = ((marker >>> 3) & 0x03) + 1;
        int indexLength = 2 + bytesPerSize * frames;
        if (length < indexLength || buf.getUnsignedByte(offset + length - indexLength) != marker) {
            return 0;
        }
        long total = 0;
        int pos = offset + length - indexLength + 1;
        for (int i = 0; i < frames; i++) {
            int size = 0;
            for (int b = 0; b < bytesPerSize; b++) {
                size |= buf.getUnsignedByte(pos++) << (8 * b);
            }
            sizes[i] = size;
            total += size;
        }
        return total == length - indexLength ? frames : 0;
    }

    /** Length of an index for {@code sizes}[0..frames). */
    public static int indexLength(int[] sizes, int frames) {
        return 2 + bytesPerSize(sizes, frames) * frames;
    }

    /** Appends the index for {@code sizes}[0..frames) at {@code dst}'s writer index. Borrows {@code dst}. */
    public static void writeIndex(int[] sizes, int frames, ByteBuf dst) {
        int bytesPerSize = bytesPerSize(sizes, frames);
        int marker = 0xC0 | ((bytesPerSize - 1) << 3) | (frames - 1);
        dst.writeByte(marker);
        for (int i = 0; i < frames; i++) {
            for (int b = 0; b < bytesPerSize; b++) {
                dst.writeByte(sizes[i] >>> (8 * b));
            }
        }
        dst.writeByte(marker);
    }

    private static int bytesPerSize(int[] sizes, int frames) {
        int max = 0;
        for (int i = 0; i < frames; i++) {
            max = Math.max(max, sizes[i]);
        }
        return max < 1 << 8 ? 1 : max < 1 << 16 ? 2 : max < 1 << 24 ? 3 : 4;
    }
}

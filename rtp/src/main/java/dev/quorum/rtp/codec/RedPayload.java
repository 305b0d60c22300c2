package dev.quorum.rtp.codec;

import io.netty.buffer.ByteBuf;

/**
 * A reusable view over an RFC 2198 redundant-audio (RED) payload: block headers, then the blocks'
 * data in the same order, oldest redundant block first and the primary block last.
 *
 * <pre>
 * redundant block header (F=1):
 *  0                   1                    2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |F|   block PT  |  timestamp offset         |   block length    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * primary block header (F=0), always last:
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |0|   Block PT  |
 * +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The timestamp offset is subtracted from the packet's timestamp to get the block's. Borrows
 * the buffer; never reads outside the payload given to {@link #wrap}.
 */
public final class RedPayload {

    /** More blocks than this is treated as garbage; senders use one to three. */
    public static final int MAX_BLOCKS = 32;

    private final int[] payloadTypes = new int[MAX_BLOCKS];
    private final int[] timestampOffsets = new int[MAX_BLOCKS];
    private final int[] offsets = new int[MAX_BLOCKS];
    private final int[] lengths = new int[MAX_BLOCKS];
    private int count;
    private PayloadError error;

    /**
     * Reads the RED payload at absolute {@code offset}, {@code length} bytes long. Borrows
     * {@code buf}.
     *
     * @return false if the payload is malformed; {@link #error()} then says why
     */
    public boolean wrap(ByteBuf buf, int offset, int length) {
        count = 0;
        int end = offset + length;
        int pos = offset;
        int redundantBytes = 0;
        while (true) {
            if (pos >= end) {
                return fail(PayloadError.RED_TRUNCATED_HEADER);
            }
            if (count == MAX_BLOCKS) {
                return fail(PayloadError.RED_TOO_MANY_BLOCKS);
            }
            int b = buf.getUnsignedByte(pos);
            payloadTypes[count] = b & 0x7F;
            if ((b & 0x80) == 0) {
                timestampOffsets[count] = 0;
                pos += 1;
                count++;
                break;
            }
            if (end - pos < 4) {
                return fail(PayloadError.RED_TRUNCATED_HEADER);
            }
            int rest = buf.getUnsignedMedium(pos + 1);
            timestampOffsets[count] = rest >>> 10;
            lengths[count] = rest & 0x3FF;
            redundantBytes += lengths[count];
            pos += 4;
            count++;
        }
        if (redundantBytes > end - pos) {
            count = 0;
            return fail(PayloadError.RED_BLOCK_PAST_END);
        }
        for (int i = 0; i < count - 1; i++) {
            offsets[i] = pos;
            pos += lengths[i];
        }
        offsets[count - 1] = pos;
        lengths[count - 1] = end - pos;
        error = null;
        return true;
    }

    private boolean fail(PayloadError reason) {
        count = 0;
        error = reason;
        return false;
    }

    /** Why the last {@link #wrap} failed, or null after a success. */
    public PayloadError error() {
        return error;
    }

    /** Number of blocks, the primary included. */
    public int blockCount() {
        return count;
    }

    /** Index of the primary block: the last one. */
    public int primaryIndex() {
        return count - 1;
    }

    public int payloadType(int block) {
        return payloadTypes[check(block)];
    }

    /** Ticks to subtract from the packet's timestamp; 0 for the primary block. */
    public int timestampOffset(int block) {
        return timestampOffsets[check(block)];
    }

    /** Absolute index of the block's data in the buffer. */
    public int offset(int block) {
        return offsets[check(block)];
    }

    public int length(int block) {
        return lengths[check(block)];
    }

    private int check(int block) {
        if (block < 0 || block >= count) {
            throw new IndexOutOfBoundsException("block " + block + " of " + count);
        }
        return block;
    }
}

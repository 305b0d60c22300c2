package dev.quorum.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Walks an RFC 8285 header extension block without allocating.
 *
 * <p>RFC 8285 §4.2, one-byte form (profile {@code 0xBEDE}): each element is a byte holding a
 * 4-bit ID and a 4-bit length-minus-one, then 1–16 bytes of data. ID 0 bytes are padding; ID 15
 * ends processing of the block.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       0xBE    |    0xDE       |           length=3            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | L=0   |     data      |  ID   |  L=1  |   data...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       ...data   |    0 (pad)    |    0 (pad)    |  ID   | L=3   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          data                                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>RFC 8285 §4.3, two-byte form (profile {@code 0x100} in the top 12 bits, 4 application bits):
 * each element is an 8-bit ID, an 8-bit length (0–255), then the data. ID 0 bytes are padding.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       0x10    |    0x00       |           length=3            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      ID       |     L=0       |     ID        |     L=1       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       data    |    0 (pad)    |       ID      |      L=4      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          data                                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class HeaderExtensions {

    static final int ONE_BYTE_PROFILE = 0xBEDE;
    static final int TWO_BYTE_PROFILE = 0x1000;
    static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;

    /** The element is not in the block. */
    static final long NOT_FOUND = -1;
    /** An element's length runs past the end of the block. */
    static final long MALFORMED = -2;

    private static final int ONE_BYTE_STOP_ID = 15;

    private HeaderExtensions() {}

    static boolean isOneByte(int profile) {
        return profile == ONE_BYTE_PROFILE;
    }

    static boolean isTwoByte(int profile) {
        return (profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE_PROFILE;
    }

    /** Value offset and length of a found element, packed as {@code offset << 16 | length}. */
    static int valueOffset(long found) {
        return (int) (found >>> 16);
    }

    static int valueLength(long found) {
        return (int) (found & 0xFFFF);
    }

    /**
     * Validates the block {@code [start, end)} of {@code buf} (borrowed) and records its elements:
     * the first {@code ids.length} elements' IDs in {@code ids} and their packed value offset and
     * length in {@code values}. Element data is skipped, not read. Heap buffers are read through
     * their array, which spares the per-access checks of the buffer API on the packet path.
     *
     * @return the number of elements (more than {@code ids.length} if some were not recorded), or
     *     -1 if an element overflows the block
     */
    static int index(ByteBuf buf, int start, int end, int profile, int[] ids, long[] values) {
        boolean oneByte = isOneByte(profile);
        if (!oneByte && !isTwoByte(profile)) {
            return 0;
        }
        if (buf.hasArray()) {
            return index(buf.array(), buf.arrayOffset(), start, end, oneByte, ids, values);
        }
        int count = 0;
        int pos = start;
        while (pos < end) {
            int b = buf.getUnsignedByte(pos);
            if (b == 0) {
                pos++;
                continue;
            }
            int id;
            int length;
            int value;
            if (oneByte) {
                id = b >>> 4;
                if (id == ONE_BYTE_STOP_ID) {
                    break;
                }
                length = (b & 0x0F) + 1;
                value = pos + 1;
            } else {
                if (pos + 1 >= end) {
                    return -1;
                }
                id = b;
                length = buf.getUnsignedByte(pos + 1);
                value = pos + 2;
            }
            if (length > end - value) {
                return -1;
            }
            if (count < ids.length) {
                ids[count] = id;
                values[count] = ((long) value << 16) | length;
            }
            count++;
            pos = value + length;
        }
        return count;
    }

    /** {@link #index} over a heap buffer's array; positions stay buffer indices. */
    private static int index(byte[] array, int base, int start, int end, boolean oneByte, int[] ids, long[] values) {
        int count = 0;
        int pos = start;
        while (pos < end) {
            int b = array[base + pos] & 0xFF;
            if (b == 0) {
                pos++;
                continue;
            }
            int id;
            int length;
            int value;
            if (oneByte) {
                id = b >>> 4;
                if (id == ONE_BYTE_STOP_ID) {
                    break;
                }
                length = (b & 0x0F) + 1;
                value = pos + 1;
            } else {
                if (pos + 1 >= end) {
                    return -1;
                }
                id = b;
                length = array[base + pos + 1] & 0xFF;
                value = pos + 2;
            }
            if (length > end - value) {
                return -1;
            }
            if (count < ids.length) {
                ids[count] = id;
                values[count] = ((long) value << 16) | length;
            }
            count++;
            pos = value + length;
        }
        return count;
    }

    /**
     * Finds element {@code id} in the block {@code [start, end)} of {@code buf} (borrowed).
     *
     * @return the packed offset and length, {@link #NOT_FOUND}, or {@link #MALFORMED}; an
     *     {@code id} of 0 never matches, so it validates the whole block
     */
    static long find(ByteBuf buf, int start, int end, int profile, int id) {
        if (isOneByte(profile)) {
            return findOneByte(buf, start, end, id);
        }
        if (isTwoByte(profile)) {
            return findTwoByte(buf, start, end, id);
        }
        return NOT_FOUND;
    }

    private static long findOneByte(ByteBuf buf, int start, int end, int id) {
        int pos = start;
        while (pos < end) {
            int b = buf.getUnsignedByte(pos);
            if (b == 0) {
                pos++;
                continue;
            }
            int elementId = b >>> 4;
            if (elementId == ONE_BYTE_STOP_ID) {
                return NOT_FOUND;
            }
            int length = (b & 0x0F) + 1;
            int value = pos + 1;
            if (length > end - value) {
                return MALFORMED;
            }
            if (elementId == id) {
                return ((long) value << 16) | length;
            }
            pos = value + length;
        }
        return NOT_FOUND;
    }

    private static long findTwoByte(ByteBuf buf, int start, int end, int id) {
        int pos = start;
        while (pos < end) {
            int elementId = buf.getUnsignedByte(pos);
            if (elementId == 0) {
                pos++;
                continue;
            }
            if (pos + 1 >= end) {
                return MALFORMED;
            }
            int length = buf.getUnsignedByte(pos + 1);
            int value = pos + 2;
            if (length > end - value) {
                return MALFORMED;
            }
            if (elementId == id) {
                return ((long) value << 16) | length;
            }
            pos = value + length;
        }
        return NOT_FOUND;
    }
}

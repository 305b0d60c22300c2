package dev.quorum.rtp.ext;

import dev.quorum.rtp.RtpPacket;

/**
 * The client-to-mixer audio level header extension (RFC 6464 §3): the level of the audio in the
 * packet in -dBov (0 loudest, 127 silence) and a voice activity flag, for active-speaker
 * detection without decoding.
 *
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | len=0 |V| level       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class AudioLevel {

    private AudioLevel() {}

    /**
     * The raw byte of element {@code id} (V flag in bit 7, level in bits 0–6), or -1 if absent.
     * RFC 6464 allows padding after the byte, so longer values are accepted.
     */
    public static int read(RtpPacket packet, int id) {
        long found = packet.findExtension(id);
        if (found < 0 || RtpPacket.foundLength(found) < 1) {
            return -1;
        }
        return packet.buffer().getUnsignedByte(RtpPacket.foundOffset(found));
    }

    /** The level in -dBov, 0 (loudest) to 127 (silence), of a raw value from {@link #read}. */
    public static int level(int raw) {
        return raw & 0x7F;
    }

    /** The voice activity flag of a raw value from {@link #read}. */
    public static boolean voiceActivity(int raw) {
        return (raw & 0x80) != 0;
    }
}

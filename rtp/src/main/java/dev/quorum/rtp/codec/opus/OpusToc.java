package dev.quorum.rtp.codec.opus;

import io.netty.buffer.ByteBuf;

/**
 * Reads an Opus packet's duration from its table-of-contents byte (RFC 6716 §3.1) and, for code
 * 3 packets, the frame count byte (§3.2.5).
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * | config  |s| c |   config: mode and frame size; s: stereo;
 * +-+-+-+-+-+-+-+-+   c: 0 = one frame, 1/2 = two frames, 3 = count in the next byte
 * |v|p|     M     |   (code 3 only) M = number of frames
 * +-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class OpusToc {

    /** Longest Opus packet: 120 ms at 48 kHz. */
    public static final int MAX_PACKET_SAMPLES = 5_760;

    private static final int[] SILK_SAMPLES = {480, 960, 1920, 2880};
    private static final int[] HYBRID_SAMPLES = {480, 960};
    private static final int[] CELT_SAMPLES = {120, 240, 480, 960};

    private OpusToc() {}

    /** Samples per frame at 48 kHz for a TOC byte. */
    public static int frameSamples(int toc) {
        int config = (toc >>> 3) & 0x1F;
        if (config < 12) {
            return SILK_SAMPLES[config & 3];
        }
        if (config < 16) {
            return HYBRID_SAMPLES[config & 1];
        }
        return CELT_SAMPLES[config & 3];
    }

    /** Whether the packet is coded in stereo. */
    public static boolean stereo(int toc) {
        return (toc & 0x04) != 0;
    }

    /**
     * Duration in 48 kHz samples of the Opus packet at absolute {@code index}, {@code length}
     * bytes long, or -1 if the TOC is invalid (empty packet, missing or zero frame count, more
     * than 120 ms). Borrows {@code buf}.
     */
    public static int durationSamples(ByteBuf buf, int index, int length) {
        if (length < 1) {
            return -1;
        }
        int toc = buf.getUnsignedByte(index);
        int frames;
        switch (toc & 0x03) {
            case 0 -> frames = 1;
            case 1, 2 -> frames = 2;
            default -> {
                if (length < 2) {
                    return -1;
                }
                frames = buf.getByte(index + 1) & 0x3F;
            }
        }
        int samples = frames * frameSamples(toc);
        return frames == 0 || samples > MAX_PACKET_SAMPLES ? -1 : samples;
    }
}

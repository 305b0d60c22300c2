package dev.quorum.recorder.mkv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The Opus identification header (RFC 7845 §5.1), which Matroska carries as A_OPUS CodecPrivate.
 *
 * <pre>
 *  "OpusHead" | version=1 | channels | pre-skip u16 LE | input rate u32 LE | gain s16 LE | mapping family
 * </pre>
 *
 * RTP carries no pre-skip (RFC 7587), so the recorder writes 0: the first decoded sample of the
 * file is the first sample the publisher sent.
 */
public final class OpusHead {

    static final int LENGTH = 19;

    private OpusHead() {}

    public static byte[] encode(int channels, int preSkip) {
        if (channels < 1 || channels > 2) {
            // Mapping family 0 covers mono and stereo only; WebRTC never signals more.
            throw new IllegalArgumentException("Opus mapping family 0 allows 1 or 2 channels, got " + channels);
        }
        if (preSkip < 0 || preSkip > 0xFFFF) {
            throw new IllegalArgumentException("pre-skip out of range: " + preSkip);
        }
        ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.put("OpusHead".getBytes(StandardCharsets.US_ASCII));
        b.put((byte) 1);
        b.put((byte) channels);
        b.putShort((short) preSkip);
        b.putInt(TrackFormat.OPUS_RATE);
        b.putShort((short) 0);
        b.put((byte) 0);
        return b.array();
    }
}

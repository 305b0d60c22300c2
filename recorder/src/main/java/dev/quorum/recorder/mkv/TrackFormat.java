package dev.quorum.recorder.mkv;

import java.util.Objects;

/**
 * What the TrackEntry of a one-track Matroska file says: codec, its private data and the
 * codec-specific header fields.
 *
 * @param codec             the codec
 * @param codecPrivate      CodecPrivate bytes (OpusHead, avcC…), or null when the codec has none
 * @param pixelWidth        video: width of the first keyframe; 0 for audio
 * @param pixelHeight       video: height of the first keyframe; 0 for audio
 * @param channels          audio channels; 0 for video
 * @param samplingFrequency audio sampling rate in Hz; 0 for video
 * @param codecDelayNanos   CodecDelay (Opus pre-skip as time), 0 if none
 * @param seekPreRollNanos  SeekPreRoll (80 ms for Opus), 0 if none
 */
public record TrackFormat(
        MatroskaCodec codec,
        byte[] codecPrivate,
        int pixelWidth,
        int pixelHeight,
        int channels,
        double samplingFrequency,
        long codecDelayNanos,
        long seekPreRollNanos) {

    /** Opus always runs at 48 kHz inside (RFC 7587); RTP's opus/48000/2 is the only signalling. */
    public static final int OPUS_RATE = 48_000;

    private static final long OPUS_SEEK_PRE_ROLL_NANOS = 80_000_000L;

    public TrackFormat {
        Objects.requireNonNull(codec, "codec");
        if (codec.isVideo() && (pixelWidth <= 0 || pixelHeight <= 0)) {
            throw new IllegalArgumentException("A video track needs a size, got " + pixelWidth + "x" + pixelHeight);
        }
        if (!codec.isVideo() && (channels <= 0 || samplingFrequency <= 0)) {
            throw new IllegalArgumentException("An audio track needs channels and a rate");
        }
        codecPrivate = codecPrivate == null ? null : codecPrivate.clone();
    }

    /** Opus with an OpusHead for {@code channels} and {@code preSkip} samples at 48 kHz. */
    public static TrackFormat opus(int channels, int preSkip) {
        return new TrackFormat(
                MatroskaCodec.OPUS,
                OpusHead.encode(channels, preSkip),
                0,
                0,
                channels,
                OPUS_RATE,
                preSkip * 1_000_000_000L / OPUS_RATE,
                OPUS_SEEK_PRE_ROLL_NANOS);
    }

    public static TrackFormat vp8(int width, int height) {
        return new TrackFormat(MatroskaCodec.VP8, null, width, height, 0, 0, 0, 0);
    }

    public static TrackFormat vp9(int width, int height) {
        return new TrackFormat(MatroskaCodec.VP9, null, width, height, 0, 0, 0, 0);
    }

    /** H.264 whose frames are 4-byte length-prefixed NAL units described by {@code avcC}. */
    public static TrackFormat h264(byte[] avcC, int width, int height) {
        Objects.requireNonNull(avcC, "avcC");
        return new TrackFormat(MatroskaCodec.H264, avcC, width, height, 0, 0, 0, 0);
    }

    /** AV1 whose CodecPrivate is an {@code av1C} record (with the sequence header OBU). */
    public static TrackFormat av1(byte[] av1C, int width, int height) {
        Objects.requireNonNull(av1C, "av1C");
        return new TrackFormat(MatroskaCodec.AV1, av1C, width, height, 0, 0, 0, 0);
    }

    @Override
    public byte[] codecPrivate() {
        return codecPrivate == null ? null : codecPrivate.clone();
    }
}

package dev.quorum.rtp.codec;

import java.util.Locale;

/** The media codecs the depacketizers understand, with their RTP clock rates. */
public enum Codec {
    OPUS("opus", 48_000, true),
    VP8("VP8", 90_000, false),
    VP9("VP9", 90_000, false),
    H264("H264", 90_000, false),
    AV1("AV1", 90_000, false);

    private final String rtpName;
    private final int clockRate;
    private final boolean audio;

    Codec(String rtpName, int clockRate, boolean audio) {
        this.rtpName = rtpName;
        this.clockRate = clockRate;
        this.audio = audio;
    }

    /** The encoding name as written in an SDP {@code a=rtpmap} line. */
    public String rtpName() {
        return rtpName;
    }

    /** RTP timestamp ticks per second. */
    public int clockRate() {
        return clockRate;
    }

    public boolean isAudio() {
        return audio;
    }

    /**
     * The codec named by an {@code a=rtpmap} encoding name (case-insensitive, as SDP requires), or
     * null if it is not one of ours.
     */
    public static Codec fromRtpName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (Codec codec : values()) {
            if (codec.rtpName.toUpperCase(Locale.ROOT).equals(upper)) {
                return codec;
            }
        }
        return null;
    }
}

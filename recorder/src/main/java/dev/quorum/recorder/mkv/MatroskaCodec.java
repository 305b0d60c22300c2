package dev.quorum.recorder.mkv;

/** The codecs the recorder writes, with their Matroska CodecID and how a Recording names them. */
public enum MatroskaCodec {
    OPUS("A_OPUS", false),
    VP8("V_VP8", true),
    VP9("V_VP9", true),
    H264("V_MPEG4/ISO/AVC", true),
    AV1("V_AV1", true);

    private final String codecId;
    private final boolean video;

    MatroskaCodec(String codecId, boolean video) {
        this.codecId = codecId;
        this.video = video;
    }

    /** The Matroska CodecID string. */
    public String codecId() {
        return codecId;
    }

    public boolean isVideo() {
        return video;
    }

    /** The Recording resource's {@code codec} value: {@code OPUS}, {@code VP8}, {@code VP9}, {@code H264}, {@code AV1}. */
    public String recordingName() {
        return name();
    }

    /** The Recording resource's {@code container_format}: {@code mka} for audio, {@code mkv} for video. */
    public String container() {
        return video ? "mkv" : "mka";
    }

    /**
     * The codec for an SDP rtpmap encoding name ({@code opus}, {@code VP8}, {@code H264}…), or
     * null when the recorder cannot write it.
     */
    public static MatroskaCodec fromSdpName(String name) {
        if (name == null) {
            return null;
        }
        for (MatroskaCodec c : values()) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }
}

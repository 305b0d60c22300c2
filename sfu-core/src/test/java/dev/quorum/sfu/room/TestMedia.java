package dev.quorum.sfu.room;

import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.forward.HeaderExtension;
import java.util.List;
import java.util.Map;

/** What a Chrome publisher's sections look like after negotiation, with its usual numbers. */
final class TestMedia {

    static final int OPUS = 111;
    static final int VP8 = 96;
    static final int VP8_RTX = 97;
    static final int H264 = 102;
    static final int H264_RTX = 103;

    static final Map<String, Integer> EXTENSIONS = Map.of(
            HeaderExtension.AUDIO_LEVEL.uri(), 1,
            HeaderExtension.ABS_SEND_TIME.uri(), 2,
            HeaderExtension.TRANSPORT_CC.uri(), 3,
            HeaderExtension.MID.uri(), 4,
            HeaderExtension.RID.uri(), 10,
            HeaderExtension.REPAIRED_RID.uri(), 11,
            HeaderExtension.VIDEO_ORIENTATION.uri(), 13);

    static CodecChoice opus() {
        return new CodecChoice(
                OPUS,
                "opus",
                48000,
                2,
                Map.of("minptime", "10", "useinbandfec", "1"),
                List.of(CodecChoice.TRANSPORT_CC),
                -1);
    }

    static CodecChoice vp8() {
        return new CodecChoice(VP8, "VP8", 90000, 0, Map.of(), SubscriberSections.VIDEO_FEEDBACK, VP8_RTX);
    }

    static CodecChoice h264() {
        return new CodecChoice(
                H264,
                "H264",
                90000,
                0,
                Map.of("level-asymmetry-allowed", "1", "packetization-mode", "1", "profile-level-id", "42e01f"),
                SubscriberSections.VIDEO_FEEDBACK,
                H264_RTX);
    }

    static PublishedMedia audio(String mid, String name, long ssrc) {
        return new PublishedMedia(mid, TrackKind.AUDIO, name, opus(), EXTENSIONS, List.of(ssrc), Map.of(), List.of());
    }

    static PublishedMedia video(String mid, String name, long ssrc, long rtxSsrc) {
        return new PublishedMedia(
                mid, TrackKind.VIDEO, name, vp8(), EXTENSIONS, List.of(ssrc), Map.of(ssrc, rtxSsrc), List.of());
    }

    /** Rid simulcast q;h;f without SSRCs in the SDP. */
    static PublishedMedia simulcast(String mid, String name) {
        return new PublishedMedia(
                mid, TrackKind.VIDEO, name, vp8(), EXTENSIONS, List.of(), Map.of(), List.of("q", "h", "f"));
    }

    /** Rid simulcast q;h;f of H.264 without SSRCs in the SDP. */
    static PublishedMedia h264Simulcast(String mid, String name) {
        return new PublishedMedia(
                mid, TrackKind.VIDEO, name, h264(), EXTENSIONS, List.of(), Map.of(), List.of("q", "h", "f"));
    }

    private TestMedia() {}
}

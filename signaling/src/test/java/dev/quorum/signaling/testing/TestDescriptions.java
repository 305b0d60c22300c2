package dev.quorum.signaling.testing;

import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.CodecChoice;
import dev.quorum.sfu.room.OutgoingTrack;
import dev.quorum.sfu.transport.DtlsFingerprint;
import dev.quorum.sfu.transport.IceCandidate;
import dev.quorum.sfu.transport.IceCredentials;
import dev.quorum.sfu.transport.TransportDescription;
import dev.quorum.signaling.negotiation.HeaderExtensions;
import dev.quorum.signaling.sdp.SdpParseException;
import dev.quorum.signaling.sdp.SdpParser;
import dev.quorum.signaling.sdp.SessionDescription;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/** Server-side values as the engine would give them, for negotiation tests without a transport. */
public final class TestDescriptions {

    public static final String FINGERPRINT =
            "3C:4A:AA:B9:6C:8F:42:51:05:F2:5E:9A:7A:3F:8E:4C:" + "4D:7E:21:0B:5F:03:AE:11:8D:9C:61:22:F0:77:4E:19";

    private TestDescriptions() {}

    public static TransportDescription transport() {
        InetAddress localhost = InetAddress.getLoopbackAddress();
        return new TransportDescription(
                new IceCredentials("q7Rz", "Vf3bN0pQ2sLm8Kx1Yc5Ht9Wj"),
                new DtlsFingerprint("sha-256", FINGERPRINT),
                List.of(
                        new IceCandidate("1", IceCandidate.Protocol.UDP, 2130706431L, localhost, 10000),
                        new IceCandidate("2", IceCandidate.Protocol.TCP, 1694498815L, localhost, 10000)));
    }

    public static CodecChoice opus(int pt) {
        return new CodecChoice(
                pt,
                "opus",
                48000,
                2,
                Map.of("minptime", "10", "useinbandfec", "1"),
                List.of(CodecChoice.TRANSPORT_CC),
                -1);
    }

    public static CodecChoice vp8(int pt, int rtxPt) {
        return new CodecChoice(
                pt,
                "VP8",
                90000,
                0,
                Map.of(),
                List.of(
                        CodecChoice.NACK,
                        CodecChoice.NACK_PLI,
                        CodecChoice.CCM_FIR,
                        CodecChoice.TRANSPORT_CC,
                        CodecChoice.GOOG_REMB),
                rtxPt);
    }

    public static Map<String, Integer> extensions(TrackKind kind) {
        return kind == TrackKind.AUDIO
                ? Map.of(
                        HeaderExtensions.MID, 1, HeaderExtensions.AUDIO_LEVEL, 2, HeaderExtensions.TRANSPORT_WIDE_CC, 3)
                : Map.of(
                        HeaderExtensions.MID,
                        1,
                        HeaderExtensions.TRANSPORT_WIDE_CC,
                        3,
                        HeaderExtensions.VIDEO_ORIENTATION,
                        4,
                        HeaderExtensions.ABS_SEND_TIME,
                        5);
    }

    /** An occupied subscriber section forwarding a track of participant {@code PA…1}. */
    public static OutgoingTrack track(String mid, TrackKind kind, String trackSid, long ssrc) {
        CodecChoice codec = kind == TrackKind.AUDIO ? opus(111) : vp8(96, 97);
        return new OutgoingTrack(
                mid,
                true,
                trackSid,
                "PA00000000000000000000000000000001",
                "alice",
                kind == TrackKind.AUDIO ? "microphone" : "camera",
                kind,
                codec,
                ssrc,
                kind == TrackKind.AUDIO ? 0 : ssrc + 1,
                "alice-cname",
                "PA00000000000000000000000000000001",
                extensions(kind));
    }

    public static SessionDescription parse(String text) {
        try {
            return SdpParser.parse(text);
        } catch (SdpParseException e) {
            throw new AssertionError(e);
        }
    }
}

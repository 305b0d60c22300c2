package dev.quorum.signaling.negotiation;

import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.signaling.sdp.MediaDescription;
import dev.quorum.signaling.sdp.RtpCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which codec a room accepts on each m-section of a publisher's offer: Opus for audio; for video
 * the room's {@link RoomSettings#videoCodecs()} in order of preference (VP8 by default; H264,
 * VP9 and AV1 when the room asks for them). Payload types are always the offer's own.
 *
 * <p>Within one codec name the policy prefers what every browser decodes: H.264 with
 * {@code packetization-mode=1} (mode 0 is never chosen) and profile-level-id {@code 42e01f}
 * (constrained baseline), then other constrained-baseline levels, baseline, then any profile;
 * VP9 profile 0 before profile 2. RED and ulpfec are never chosen: the forwarding path and the
 * recorder handle plain payloads only.
 *
 * @param videoCodecs upper-case codec names in preference order
 * @param audioOnly   video sections are refused
 */
public record CodecPolicy(List<String> videoCodecs, boolean audioOnly) {

    public static final String OPUS = "opus";
    private static final List<String> KNOWN_VIDEO = List.of("VP8", "H264", "VP9", "AV1");

    public CodecPolicy {
        List<String> names = new ArrayList<>();
        for (String c : videoCodecs) {
            String n = c.toUpperCase(Locale.ROOT).replace(".", "");
            if (!KNOWN_VIDEO.contains(n)) {
                throw new IllegalArgumentException("unknown video codec '" + c + "': expected one of " + KNOWN_VIDEO);
            }
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        videoCodecs = List.copyOf(names);
    }

    /** The policy of a room. */
    public static CodecPolicy of(RoomSettings settings) {
        return new CodecPolicy(
                settings.videoCodecs().isEmpty() ? List.of("VP8") : settings.videoCodecs(), settings.audioOnly());
    }

    /**
     * The codec (and its RTX, if offered) to accept on a section, or empty with nothing usable.
     *
     * @return empty for application sections, for video in an audio-only room, and for sections
     *         whose offered codecs the room does not allow
     */
    public Optional<Chosen> choose(MediaDescription m) {
        List<String> names = switch (m.kind()) {
            case MediaDescription.AUDIO -> List.of(OPUS);
            case MediaDescription.VIDEO -> audioOnly ? List.of() : videoCodecs;
            default -> List.of();
        };
        for (String name : names) {
            RtpCodec best = null;
            int bestRank = Integer.MAX_VALUE;
            for (RtpCodec c : m.codecs()) {
                int rank = c.is(name) ? rank(c) : -1;
                if (rank >= 0 && rank < bestRank) {
                    best = c;
                    bestRank = rank;
                }
            }
            if (best != null) {
                return Optional.of(new Chosen(answerFmtp(best), m.rtxFor(best.payloadType())));
            }
        }
        return Optional.empty();
    }

    /** What the policy allows, for error messages. */
    public String describe(String kind) {
        if (kind.equals(MediaDescription.AUDIO)) {
            return "opus";
        }
        return audioOnly ? "no video (audio-only room)" : String.join(", ", videoCodecs);
    }

    /** Lower is better; negative means unusable. */
    private static int rank(RtpCodec c) {
        return switch (c.lowerName()) {
            case "opus" -> c.clockRate() == 48000 ? 0 : -1;
            case "h264" -> h264Rank(c);
            case "vp9" -> {
                String profile = c.parameter("profile-id");
                yield profile == null || profile.equals("0") ? 0 : 1;
            }
            default -> 0;
        };
    }

    private static int h264Rank(RtpCodec c) {
        if (!"1".equals(c.parameter("packetization-mode"))) {
            return -1;
        }
        String plid = c.parameter("profile-level-id");
        String p = plid == null ? "" : plid.toLowerCase(Locale.ROOT);
        if (p.equals("42e01f")) {
            return 0;
        }
        if (p.startsWith("42e0") || p.startsWith("42c0")) {
            return 1;
        }
        if (p.startsWith("42")) {
            return 2;
        }
        return 3;
    }

    /** The fmtp the answer repeats: the offer's for video, the receive-side Opus options for audio. */
    private static RtpCodec answerFmtp(RtpCodec c) {
        if (!c.is(OPUS)) {
            return c;
        }
        Map<String, String> keep = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : c.parameters().entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (k.equals("minptime") || k.equals("useinbandfec") || k.equals("usedtx")) {
                keep.put(e.getKey(), e.getValue());
            }
        }
        return c.with(RtpCodec.fmtpText(keep), c.feedback());
    }

    /**
     * The accepted codec of one section.
     *
     * @param codec the offered codec (Opus with the receive-side fmtp only)
     * @param rtx   its offered RTX payload type, or null
     */
    public record Chosen(RtpCodec codec, RtpCodec rtx) {}
}

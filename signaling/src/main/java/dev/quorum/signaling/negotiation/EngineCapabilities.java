package dev.quorum.signaling.negotiation;

import dev.quorum.sfu.room.CodecChoice;
import java.util.List;
import java.util.Set;

/**
 * What the forwarding engine implements, and therefore what an answer may accept: negotiating
 * feedback or an extension the engine ignores would leave the browser waiting for it (a
 * transport-cc sender without feedback never ramps up its bitrate).
 *
 * @param feedback   {@code a=rtcp-fb} values the engine acts on
 * @param extensions header extension URIs the engine reads or forwards
 */
public record EngineCapabilities(Set<String> feedback, Set<String> extensions) {

    /** The engine's capabilities as documented in {@code dev.quorum.sfu.room}. */
    public static final EngineCapabilities DEFAULT = new EngineCapabilities(
            Set.of(
                    CodecChoice.NACK,
                    CodecChoice.NACK_PLI,
                    CodecChoice.CCM_FIR,
                    CodecChoice.TRANSPORT_CC,
                    CodecChoice.GOOG_REMB),
            Set.of(
                    HeaderExtensions.MID,
                    HeaderExtensions.RID,
                    HeaderExtensions.REPAIRED_RID,
                    HeaderExtensions.ABS_SEND_TIME,
                    HeaderExtensions.TRANSPORT_WIDE_CC,
                    HeaderExtensions.AUDIO_LEVEL,
                    HeaderExtensions.VIDEO_ORIENTATION));

    public EngineCapabilities {
        feedback = Set.copyOf(feedback);
        extensions = Set.copyOf(extensions);
    }

    /** The offered feedback values the engine implements, in the offer's order. */
    public List<String> acceptedFeedback(List<String> offered) {
        return offered.stream().filter(feedback::contains).distinct().toList();
    }
}

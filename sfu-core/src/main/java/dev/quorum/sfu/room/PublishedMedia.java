package dev.quorum.sfu.room;

import dev.quorum.sfu.api.TrackKind;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One accepted send m-section of a publisher's offer, as the signaling layer extracted it after
 * choosing the codec. The engine identifies a publication by its {@code mid}: calling
 * {@link Participant#updatePublications} with a list that no longer contains a mid unpublishes
 * that track.
 *
 * @param mid              the m-section's {@code a=mid}
 * @param kind             audio or video
 * @param trackName        the name the client gave the track (unique among the participant's
 *                         tracks); null or empty to use the track SID as its name
 * @param codec            the chosen codec with the offer's numbers
 * @param headerExtensions accepted {@code a=extmap} entries of this section: URI → id
 * @param ssrcs            media SSRCs from {@code a=ssrc} lines (non-simulcast, or SSRC-signalled
 *                         simulcast in layer order, lowest first); empty for rid simulcast, where
 *                         the engine learns SSRCs from the rid header extension
 * @param rtxSsrcs         media SSRC → RTX SSRC from {@code a=ssrc-group:FID}
 * @param rids             simulcast rids in the offer's {@code a=simulcast:send} order, which the
 *                         engine takes as lowest to highest quality unless the packets show
 *                         otherwise; empty if not simulcast
 */
public record PublishedMedia(
        String mid,
        TrackKind kind,
        String trackName,
        CodecChoice codec,
        Map<String, Integer> headerExtensions,
        List<Long> ssrcs,
        Map<Long, Long> rtxSsrcs,
        List<String> rids) {

    public PublishedMedia {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(codec, "codec");
        if (kind == TrackKind.DATA) {
            throw new IllegalArgumentException("data tracks are not published over RTP");
        }
        headerExtensions = Map.copyOf(headerExtensions);
        ssrcs = List.copyOf(ssrcs);
        rtxSsrcs = Map.copyOf(rtxSsrcs);
        rids = List.copyOf(rids);
    }

    /** True if the section sends simulcast (several rids, or several signalled SSRCs). */
    public boolean simulcast() {
        return rids.size() > 1 || ssrcs.size() > 1;
    }
}

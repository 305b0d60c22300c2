package dev.quorum.sfu.room;

import dev.quorum.sfu.api.TrackKind;
import java.util.Map;
import java.util.Objects;

/**
 * One m-section of the server's offer on a subscriber's peer connection: a published track of
 * another participant forwarded to this subscriber, or a section that no longer carries one.
 *
 * <p>Mids are stable for the life of the subscriber connection. When a track goes away its
 * section stays in the offer with {@code active == false} (written {@code a=inactive}); a later
 * track of the same kind reuses the section under the same mid with new SSRCs and msid.
 *
 * @param mid              the section's {@code a=mid} (assigned by the engine: "0", "1", …)
 * @param active           true while a track is forwarded here ({@code a=sendonly}); false for
 *                         a vacant section ({@code a=inactive}, the other fields describe its
 *                         last occupant so the section can still be written)
 * @param trackSid         the publisher's track SID ({@code MT…}); also the msid track id
 * @param participantSid   the publisher's SID ({@code PA…})
 * @param identity         the publisher's identity
 * @param trackName        the publisher's track name
 * @param kind             audio or video; never changes for a mid
 * @param codec            the codec as offered to this subscriber, with the subscriber-side
 *                         payload types (unique per codec across the subscriber's bundle) and
 *                         the feedback the engine implements downstream
 * @param ssrc             the one outgoing media SSRC of this track for this subscriber (stable
 *                         across simulcast layer switches)
 * @param rtxSsrc          outgoing RTX SSRC ({@code a=ssrc-group:FID ssrc rtxSsrc}), 0 if the
 *                         codec has no RTX
 * @param cname            the {@code a=ssrc:… cname:} value
 * @param streamId         the msid stream id (the publisher's participant SID, so a client can
 *                         group one participant's tracks)
 * @param headerExtensions the {@code a=extmap} entries to offer: URI → id; the engine writes
 *                         these ids into the packets it sends
 */
public record OutgoingTrack(
        String mid,
        boolean active,
        String trackSid,
        String participantSid,
        String identity,
        String trackName,
        TrackKind kind,
        CodecChoice codec,
        long ssrc,
        long rtxSsrc,
        String cname,
        String streamId,
        Map<String, Integer> headerExtensions) {

    public OutgoingTrack {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(codec, "codec");
        headerExtensions = Map.copyOf(headerExtensions);
    }
}

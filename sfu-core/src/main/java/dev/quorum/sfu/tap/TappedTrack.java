package dev.quorum.sfu.tap;

import dev.quorum.sfu.api.TrackKind;
import java.util.Map;

/**
 * What the SFU knows about a tapped track.
 *
 * @param accountSid          owning account
 * @param roomSid             room SID
 * @param roomName            room unique name
 * @param participantSid      publisher SID
 * @param participantIdentity publisher identity
 * @param trackSid            track SID ({@code MT…})
 * @param trackName           track name
 * @param kind                audio or video
 * @param codec               negotiated codec name as in SDP rtpmap: {@code opus}, {@code VP8},
 *                            {@code VP9}, {@code H264}, {@code AV1}
 * @param payloadType         RTP payload type of the media packets
 * @param clockRate           RTP clock rate (48000 for Opus, 90000 for video)
 * @param channels            audio channels from the rtpmap (2 for Opus), 0 for video
 * @param formatParameters    the codec's fmtp parameters (e.g. {@code packetization-mode})
 * @param roomStartEpochMillis wall-clock time the room was created, the origin of its timeline
 */
public record TappedTrack(
        String accountSid,
        String roomSid,
        String roomName,
        String participantSid,
        String participantIdentity,
        String trackSid,
        String trackName,
        TrackKind kind,
        String codec,
        int payloadType,
        int clockRate,
        int channels,
        Map<String, String> formatParameters,
        long roomStartEpochMillis) {

    public TappedTrack {
        formatParameters = Map.copyOf(formatParameters);
    }
}

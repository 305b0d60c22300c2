package dev.quorum.signaling.sdp;

/**
 * {@code a=msid:<stream id> [<track id>]} (RFC 8830): which MediaStream the receiver puts the
 * m-section's track in. A stream id of {@code -} means "no stream".
 *
 * @param trackId null when not written
 */
public record Msid(String streamId, String trackId) {

    public String text() {
        return trackId == null ? streamId : streamId + " " + trackId;
    }
}

package dev.quorum.sfu.room;

import dev.quorum.sfu.api.TrackInfo;
import java.util.Objects;

/**
 * A published track and the publisher-side m-section ({@code mid}) that carries it, as
 * {@link Participant#updatePublications} returns them: signaling pairs tracks with sections by
 * this mid, never by position or name.
 */
public record Publication(String mid, TrackInfo track) {

    public Publication {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(track, "track");
    }
}

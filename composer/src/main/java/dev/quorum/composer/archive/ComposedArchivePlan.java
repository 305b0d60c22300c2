package dev.quorum.composer.archive;

import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.storage.archive.Archive;
import java.util.List;

/**
 * The one place a composed archive becomes a composition request: the seam where the archive's
 * layout timeline (its start layout and every change, in the archive's tables) is to be turned
 * into what the composer draws.
 *
 * <p><b>Interim:</b> until the composer draws the archive layouts (bestFit, pip, the
 * presentations, custom stylesheets, screen-share switching, stream prioritisation), a composed
 * archive is drawn as one grid of every recorded video, whatever its layout says, with every
 * recorded audio mixed: MP4 (H.264 + AAC 48 kHz) at the archive's resolution, gaps kept. The
 * layout timeline is stored and shown by the API but not yet applied; {@code maxBitrate} and
 * {@code quantizationParameter} are stored but the composer's own rate control applies.
 */
public final class ComposedArchivePlan {

    private ComposedArchivePlan() {}

    /** The composition of an archive's recordings (the caller passes exactly its recordings). */
    public static CompositionRequest request(Archive a) {
        try {
            return CompositionRequest.parse(a.hasVideo() ? "{\"grid\":{\"video_sources\":[\"*\"]}}" : null,
                    a.hasAudio() ? List.of("*") : List.of(), List.of(), a.resolution(), "mp4", false);
        } catch (InvalidCompositionException e) {
            throw new IllegalStateException("the interim archive layout is invalid: " + e.getMessage(), e);
        }
    }
}

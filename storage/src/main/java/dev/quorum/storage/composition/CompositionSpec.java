package dev.quorum.storage.composition;

import java.util.List;

/**
 * How to compose a room, as given to {@code POST /v1/Compositions}, held by a hook, or set by a
 * composed archive. Later layout changes are kept apart ({@link CompositionStore#appendLayout}).
 *
 * @param videoLayoutJson       the first layout: a {@code VideoLayout} JSON object ({@code {}} when
 *                              audio-only), or an archive layout object ({@code {"type":"bestFit"}})
 * @param audioSources          track names (with {@code *} wildcards), {@code MT} or {@code RT} SIDs
 * @param audioSourcesExcluded  same syntax, subtracted
 * @param resolution            {@code <width>x<height>}
 * @param format                {@code mp4} or {@code webm}
 * @param trim                  whether gaps with no media are cut
 * @param statusCallback        where composition events go, or null
 * @param statusCallbackMethod  {@code POST} or {@code GET}
 * @param videoRateControl      how the video encoder spends bits ({@code cbr:<bit/s>},
 *                              {@code qp:<QP>}), or null for the composer's setting; hooks have none
 */
public record CompositionSpec(
        String videoLayoutJson,
        List<String> audioSources,
        List<String> audioSourcesExcluded,
        String resolution,
        String format,
        boolean trim,
        String statusCallback,
        String statusCallbackMethod,
        String videoRateControl) {

    public CompositionSpec {
        audioSources = List.copyOf(audioSources);
        audioSourcesExcluded = List.copyOf(audioSourcesExcluded);
    }

    /** A spec with the composer's own rate control, as the Compositions API and hooks make. */
    public CompositionSpec(
            String videoLayoutJson,
            List<String> audioSources,
            List<String> audioSourcesExcluded,
            String resolution,
            String format,
            boolean trim,
            String statusCallback,
            String statusCallbackMethod) {
        this(
                videoLayoutJson,
                audioSources,
                audioSourcesExcluded,
                resolution,
                format,
                trim,
                statusCallback,
                statusCallbackMethod,
                null);
    }
}

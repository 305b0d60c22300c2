package dev.quorum.storage.composition;

import java.util.List;

/**
 * How to compose a room, as given to {@code POST /v1/Compositions} or held by a hook.
 *
 * @param videoLayoutJson       the {@code VideoLayout} JSON object ({@code {}} when audio-only)
 * @param audioSources          track names (with {@code *} wildcards), {@code MT} or {@code RT} SIDs
 * @param audioSourcesExcluded  same syntax, subtracted
 * @param resolution            {@code <width>x<height>}
 * @param format                {@code mp4} or {@code webm}
 * @param trim                  whether gaps with no media are cut
 * @param statusCallback        where composition events go, or null
 * @param statusCallbackMethod  {@code POST} or {@code GET}
 */
public record CompositionSpec(
        String videoLayoutJson,
        List<String> audioSources,
        List<String> audioSourcesExcluded,
        String resolution,
        String format,
        boolean trim,
        String statusCallback,
        String statusCallbackMethod) {

    public CompositionSpec {
        audioSources = List.copyOf(audioSources);
        audioSourcesExcluded = List.copyOf(audioSourcesExcluded);
    }
}

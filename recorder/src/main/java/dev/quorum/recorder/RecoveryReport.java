package dev.quorum.recorder;

import java.util.List;

/**
 * What {@link Recorder#recover()} did with the recordings a previous run of this server left
 * {@code processing}.
 *
 * @param completed SIDs of recordings whose files were finished and marked completed
 * @param failed    SIDs of recordings marked failed (no usable media, or the file was missing)
 */
public record RecoveryReport(List<String> completed, List<String> failed) {

    public RecoveryReport {
        completed = List.copyOf(completed);
        failed = List.copyOf(failed);
    }
}

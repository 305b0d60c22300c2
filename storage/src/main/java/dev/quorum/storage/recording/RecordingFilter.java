package dev.quorum.storage.recording;

import java.time.Instant;
import java.util.List;

/**
 * Filters of the recordings lists; null (or an empty list) means "any".
 *
 * @param status       a status; when null, deleted recordings are left out
 * @param groupingSids room and/or participant SIDs the recording must belong to (all of them)
 * @param mediaType    {@code audio}, {@code video} or {@code data}
 */
public record RecordingFilter(
        String status,
        String sourceSid,
        String roomSid,
        List<String> groupingSids,
        String mediaType,
        Instant createdAfter,
        Instant createdBefore) {

    public RecordingFilter {
        groupingSids = groupingSids == null ? List.of() : List.copyOf(groupingSids);
    }

    public static RecordingFilter any() {
        return new RecordingFilter(null, null, null, List.of(), null, null, null);
    }
}

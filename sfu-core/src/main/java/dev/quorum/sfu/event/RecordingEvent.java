package dev.quorum.sfu.event;

import java.time.Instant;

/**
 * {@code recording-started}, {@code recording-completed} or {@code recording-failed}. The event
 * names the recording; its current state (codec, duration, size, offset…) is read from the
 * metadata store, which the recorder updates before publishing.
 *
 * @param failedOperation for {@code recording-failed}: {@code RecordingStart},
 *                        {@code RecordingComplete} or {@code RecordingUpload}; otherwise null
 */
public record RecordingEvent(
        String name, String accountSid, String roomSid, String recordingSid, String failedOperation, Instant timestamp)
        implements ServerEvent {

    public static final String STARTED = "recording-started";
    public static final String COMPLETED = "recording-completed";
    public static final String FAILED = "recording-failed";
}

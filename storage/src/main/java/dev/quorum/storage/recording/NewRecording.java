package dev.quorum.storage.recording;

/**
 * What the recorder knows when it starts recording a track.
 *
 * @param sid             a fresh {@code RT…} SID
 * @param trackName       the track's name, or its {@code MT} SID when it has none
 * @param offsetMs        start on the common timeline, or null if not yet known
 * @param mediaKey        where the file is written (see {@code MediaKeys.recording})
 * @param statusCallback  the room's status callback, or null
 * @param writerNode      the server instance that writes the file, for crash recovery
 */
public record NewRecording(
        String sid,
        String accountSid,
        String roomSid,
        String participantSid,
        String sourceSid,
        String trackName,
        String type,
        String codec,
        String containerFormat,
        Long offsetMs,
        String mediaKey,
        String statusCallback,
        String statusCallbackMethod,
        String writerNode) {}

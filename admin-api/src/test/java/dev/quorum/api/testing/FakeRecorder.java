package dev.quorum.api.testing;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.storage.media.MediaKeys;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.recording.NewRecording;
import dev.quorum.storage.recording.Recording;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Does what the recorder does with the stores and the bus, with bytes the test chooses. */
public final class FakeRecorder {

    private final ApiServer server;

    public FakeRecorder(ApiServer server) {
        this.server = server;
    }

    /** Starts a recording of the track: row, empty file, {@code recording-started}. */
    public Recording start(ParticipantInfo p, TrackInfo t) {
        boolean audio = t.kind() == TrackKind.AUDIO;
        String sid = Sid.generate(Sid.RECORDING);
        String container = audio ? "mka" : "mkv";
        String key = MediaKeys.recording(p.accountSid(), p.roomSid(), sid, container);
        Recording r = server.store()
                .recordings()
                .create(new NewRecording(
                        sid,
                        p.accountSid(),
                        p.roomSid(),
                        p.sid(),
                        t.sid(),
                        t.name(),
                        t.kind().wireName(),
                        audio ? "OPUS" : "VP8",
                        container,
                        1500L,
                        key,
                        null,
                        null,
                        "test-node"));
        try {
            server.media().create(key).close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.events()
                .publish(new RecordingEvent(
                        RecordingEvent.STARTED, p.accountSid(), p.roomSid(), sid, null, Instant.now()));
        return r;
    }

    /** Writes the bytes, completes the recording, {@code recording-completed}. */
    public Recording complete(Recording r, byte[] media, long durationMs) {
        try (MediaWriter w = server.media().reopen(r.mediaKey())) {
            w.channel().write(ByteBuffer.wrap(media));
            w.commit();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Recording done = server.store()
                .recordings()
                .complete(r.sid(), durationMs, media.length)
                .orElseThrow();
        server.events()
                .publish(new RecordingEvent(
                        RecordingEvent.COMPLETED, r.accountSid(), r.roomSid(), r.sid(), null, Instant.now()));
        return done;
    }

    /** Start and complete in one go. */
    public Recording record(ParticipantInfo p, TrackInfo t, byte[] media, long durationMs) {
        return complete(start(p, t), media, durationMs);
    }
}

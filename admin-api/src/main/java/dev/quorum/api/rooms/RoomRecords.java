package dev.quorum.api.rooms;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.storage.room.ParticipantRecord;
import dev.quorum.storage.room.RoomRecord;
import dev.quorum.storage.room.TrackRecord;
import java.time.Instant;

/** The SFU's snapshots ({@link RoomInfo}, {@link ParticipantInfo}, {@link TrackInfo}) as stored rows. */
public final class RoomRecords {

    private RoomRecords() {}

    public static RoomRecord room(RoomInfo r, Instant now) {
        RoomSettings s = r.settings();
        return new RoomRecord(
                r.sid(),
                r.accountSid(),
                r.uniqueName() != null ? r.uniqueName() : r.sid(),
                r.status(),
                s.type(),
                s.statusCallback() == null ? null : s.statusCallback().toString(),
                s.statusCallbackMethod(),
                s.maxParticipants(),
                s.maxParticipantDuration(),
                s.emptyRoomTimeout(),
                s.unusedRoomTimeout(),
                s.videoCodecs(),
                s.recordParticipantsOnConnect(),
                RulesCodec.toJson(s.recordingRules()).encode(),
                false,
                s.audioOnly(),
                s.mediaRegion(),
                s.largeRoom(),
                r.dateCreated(),
                now,
                r.endTime());
    }

    public static ParticipantRecord participant(ParticipantInfo p, Instant now) {
        return new ParticipantRecord(
                p.sid(),
                p.roomSid(),
                p.accountSid(),
                p.identity(),
                p.status(),
                p.startTime(),
                p.endTime(),
                p.startTime(),
                now);
    }

    /** A track snapshot; {@code published} false once it was removed at {@code removedAt}. */
    public static TrackRecord track(TrackInfo t, String accountSid, boolean published, Instant removedAt, Instant now) {
        return new TrackRecord(
                t.sid(),
                t.roomSid(),
                t.participantSid(),
                accountSid,
                t.name(),
                t.kind().wireName(),
                t.codec(),
                t.enabled(),
                published,
                t.dateCreated(),
                now,
                published ? null : removedAt);
    }
}

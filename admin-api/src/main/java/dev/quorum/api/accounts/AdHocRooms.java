package dev.quorum.api.accounts;

import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.account.Account;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of a room created by a first join rather than over the API: the hosted service's
 * group-room defaults, with the account's room status callback and its record-on-connect default.
 * The rooms engine takes this as its ad hoc settings function.
 */
public final class AdHocRooms {

    private AdHocRooms() {}

    public static Function<String, RoomSettings> settings(MetadataStore store) {
        return accountSid -> {
            Optional<Account> a = store.accounts().find(accountSid);
            boolean record = a.map(Account::recordParticipantsOnConnect).orElse(false);
            RoomSettings d = RoomSettings.defaults(record);
            String callback = a.map(Account::roomStatusCallback).orElse(null);
            return new RoomSettings(
                    d.type(),
                    callback == null ? null : URI.create(callback),
                    a.map(Account::roomStatusCallbackMethod).orElse("POST"),
                    d.maxParticipants(),
                    d.maxParticipantDuration(),
                    d.emptyRoomTimeout(),
                    d.unusedRoomTimeout(),
                    d.videoCodecs(),
                    record,
                    record ? RecordingRule.RECORD_ALL : d.recordingRules(),
                    d.audioOnly(),
                    d.mediaRegion(),
                    d.largeRoom());
        };
    }
}

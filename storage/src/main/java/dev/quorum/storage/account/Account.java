package dev.quorum.storage.account;

import java.time.Instant;

/**
 * A tenant: every resource belongs to exactly one account, and requests authenticate as one.
 *
 * @param origin                     {@link #CONFIGURED} (from the server's configuration) or
 *                                   {@link #DEVELOPMENT} (created on first start in dev mode)
 * @param enabled                    false for a configured account no longer in the configuration
 * @param roomStatusCallback         where events of rooms created without a StatusCallback (ad hoc
 *                                   rooms) are sent, or null
 * @param roomStatusCallbackMethod   {@code POST} or {@code GET}
 * @param recordParticipantsOnConnect the default for rooms that do not say
 */
public record Account(
        String sid,
        String friendlyName,
        String authToken,
        String origin,
        boolean enabled,
        String roomStatusCallback,
        String roomStatusCallbackMethod,
        boolean recordParticipantsOnConnect,
        Instant dateCreated,
        Instant dateUpdated) {

    public static final String CONFIGURED = "configured";
    public static final String DEVELOPMENT = "development";

    @Override
    public String toString() {
        return "Account[" + sid + " " + friendlyName + "]";
    }
}

package dev.quorum.api.callbacks;

import dev.quorum.api.rooms.RoomRecords;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.event.CompositionEvent;
import dev.quorum.sfu.event.ParticipantEvent;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.sfu.event.RoomEvent;
import dev.quorum.sfu.event.ServerEvent;
import dev.quorum.sfu.event.TrackEvent;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.account.Account;
import dev.quorum.storage.callback.NewDelivery;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.composition.CompositionHook;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.room.ParticipantRecord;
import dev.quorum.storage.room.RoomRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus subscriber that keeps the history current and queues status callbacks. For each
 * event it first writes the room, participant or track snapshot to the store, then persists the
 * callback (so it survives a restart), then wakes the dispatcher. Runs on the bus's thread, so one
 * resource's events are recorded — and therefore delivered — in the order they were published.
 *
 * <p>Destinations: room, participant, track and recording events go to the room's
 * {@code StatusCallback}, or, for a room created without one (an ad hoc room), to the account's
 * room callback; composition events go to the composition's callback, or its hook's.
 */
public final class EventRecorder implements Consumer<ServerEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final MetadataStore store;
    private final Clock clock;
    private final Runnable wake;

    /** @param wake tells the dispatcher a callback was queued */
    public EventRecorder(MetadataStore store, Clock clock, Runnable wake) {
        this.store = store;
        this.clock = clock;
        this.wake = wake;
    }

    @Override
    public void accept(ServerEvent event) {
        boolean queued;
        if (event instanceof RoomEvent e) {
            queued = onRoom(e);
        } else if (event instanceof ParticipantEvent e) {
            queued = onParticipant(e);
        } else if (event instanceof TrackEvent e) {
            queued = onTrack(e);
        } else if (event instanceof RecordingEvent e) {
            queued = onRecording(e);
        } else if (event instanceof CompositionEvent e) {
            queued = onComposition(e);
        } else {
            queued = false;
        }
        if (queued) {
            wake.run();
        }
    }

    private boolean onRoom(RoomEvent e) {
        Instant now = clock.instant();
        store.rooms().upsert(RoomRecords.room(e.room(), now));
        if (e.name().equals(RoomEvent.ENDED)) {
            Instant end = e.room().endTime() != null ? e.room().endTime() : e.timestamp();
            store.rooms()
                    .end(
                            e.room().sid(),
                            e.room().status().equals(RoomInfo.IN_PROGRESS)
                                    ? RoomInfo.COMPLETED
                                    : e.room().status(),
                            end);
            store.participants().disconnectAll(e.room().sid(), end);
            store.tracks().unpublishAll(e.room().sid(), end);
        }
        return enqueueForRoom(e.room(), e.room().sid(), CallbackRequests.of(e), e.name());
    }

    private boolean onParticipant(ParticipantEvent e) {
        store.rooms().upsert(RoomRecords.room(e.room(), clock.instant()));
        store.participants().upsert(RoomRecords.participant(e.participant(), clock.instant()));
        return enqueueForRoom(e.room(), e.participant().sid(), CallbackRequests.of(e), e.name());
    }

    private boolean onTrack(TrackEvent e) {
        boolean removed = e.name().equals(TrackEvent.REMOVED);
        store.tracks()
                .upsert(RoomRecords.track(e.track(), e.room().accountSid(), !removed, e.timestamp(), clock.instant()));
        return enqueueForRoom(e.room(), e.track().sid(), CallbackRequests.of(e), e.name());
    }

    private boolean enqueueForRoom(RoomInfo room, String resourceSid, Map<String, String> params, String event) {
        String url = room.settings().statusCallback() == null
                ? null
                : room.settings().statusCallback().toString();
        String method = room.settings().statusCallbackMethod();
        if (url == null) {
            Optional<Account> a = store.accounts().find(room.accountSid());
            url = a.map(Account::roomStatusCallback).orElse(null);
            method = a.map(Account::roomStatusCallbackMethod).orElse("POST");
        }
        return enqueue(room.accountSid(), room.sid(), resourceSid, room.sid(), event, url, method, params);
    }

    private boolean onRecording(RecordingEvent e) {
        Optional<Recording> found = store.recordings().find(e.recordingSid());
        if (found.isEmpty()) {
            LOG.warn(
                    "Event {} names recording {} which is not in the store; no callback sent",
                    e.name(),
                    e.recordingSid());
            return false;
        }
        Recording r = found.get();
        RoomRecord room = store.rooms().find(r.roomSid()).orElse(null);
        String identity = store.participants()
                .find(r.accountSid(), r.roomSid(), r.participantSid())
                .map(ParticipantRecord::identity)
                .orElse(null);
        String url = r.statusCallback();
        String method = r.statusCallbackMethod();
        if (url == null && room != null) {
            url = room.statusCallback();
            method = room.statusCallbackMethod();
        }
        if (url == null) {
            Optional<Account> a = store.accounts().find(r.accountSid());
            url = a.map(Account::roomStatusCallback).orElse(null);
            method = a.map(Account::roomStatusCallbackMethod).orElse("POST");
        }
        return enqueue(
                r.accountSid(),
                r.roomSid(),
                r.sid(),
                r.roomSid(),
                e.name(),
                url,
                method,
                CallbackRequests.of(e, r, room, identity));
    }

    private boolean onComposition(CompositionEvent e) {
        CompositionHook hook = e.hookSid() == null
                ? null
                : store.hooks().find(e.accountSid(), e.hookSid()).orElse(null);
        Composition c = e.compositionSid() == null
                ? null
                : store.compositions().find(e.compositionSid()).orElse(null);
        if (c == null && !e.name().equals(CompositionEvent.HOOK_FAILED)) {
            LOG.warn(
                    "Event {} names composition {} which is not in the store; no callback sent",
                    e.name(),
                    e.compositionSid());
            return false;
        }
        if (hook == null && c != null && c.hookSid() != null) {
            hook = store.hooks().find(e.accountSid(), c.hookSid()).orElse(null);
        }
        String url = c != null ? c.spec().statusCallback() : null;
        String method = c != null ? c.spec().statusCallbackMethod() : "POST";
        if (url == null && hook != null) {
            url = hook.spec().statusCallback();
            method = hook.spec().statusCallbackMethod();
        }
        String key = c != null ? c.sid() : e.hookSid();
        return enqueue(e.accountSid(), key, key, e.roomSid(), e.name(), url, method, CallbackRequests.of(e, c, hook));
    }

    private boolean enqueue(
            String account,
            String orderingKey,
            String resourceSid,
            String roomSid,
            String event,
            String url,
            String method,
            Map<String, String> params) {
        if (url == null || orderingKey == null) {
            return false;
        }
        store.callbacks()
                .enqueue(new NewDelivery(
                        account,
                        orderingKey,
                        resourceSid,
                        roomSid,
                        event,
                        url,
                        method == null ? "POST" : method,
                        params));
        return true;
    }
}

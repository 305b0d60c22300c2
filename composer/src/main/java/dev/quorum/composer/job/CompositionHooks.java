package dev.quorum.composer.job;

import dev.quorum.composer.CompositionRequest;
import dev.quorum.composer.InvalidCompositionException;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.event.RecordingEvent;
import dev.quorum.sfu.event.RoomEvent;
import dev.quorum.sfu.event.ServerEvent;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.composition.Composition;
import dev.quorum.storage.composition.CompositionHook;
import dev.quorum.storage.composition.CompositionSpec;
import dev.quorum.storage.composition.HookWait;
import dev.quorum.storage.recording.Recording;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition hooks at work: when a room starts recording, each enabled hook of the room's account
 * creates a composition of it ({@code composition-enqueued}), which is composed while the room
 * runs; a hook that cannot ({@code composition-hook-failed}) does not stop the others. A hook
 * enabled later, or a start missed by a stopped server, composes the room once it has ended and
 * every one of its recordings is written. A room whose recordings are still being written when it ends is looked at again
 * as each of them completes. Each hook composes a room once, however often the events arrive.
 *
 * <p>A room waiting for its recordings is kept in the store from the moment it ends until its
 * hooks have run, so a restart in between loses nothing: at start every waiting room is looked at
 * again (its recordings may have been finished meanwhile by the recorder's recovery).
 *
 * <p>Work happens on a thread of its own, never on the event bus's dispatcher.
 */
public final class CompositionHooks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompositionHooks.class);

    private final MetadataStore store;
    private final EventBus bus;
    private final CompositionEvents events;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "composition-hooks");
        t.setDaemon(true);
        return t;
    });
    /** Ended rooms whose hooks have not run yet (a copy of the store's waits): room SID → account SID. */
    private final Map<String, String> waiting = new ConcurrentHashMap<>();

    private AutoCloseable subscription;

    public CompositionHooks(MetadataStore store, EventBus bus, Clock clock) {
        this.store = store;
        this.bus = bus;
        this.events = new CompositionEvents(bus, clock);
    }

    /** Subscribes to the bus, then looks again at the rooms that were waiting when the server stopped. */
    public synchronized void start() {
        if (subscription == null) {
            subscription = bus.subscribe(this::onEvent);
            worker.execute(this::resume);
        }
    }

    private void resume() {
        try {
            List<HookWait> left = store.hooks().waiting();
            if (!left.isEmpty()) {
                LOG.info("{} ended room(s) still wait for their composition hooks", left.size());
            }
            for (HookWait w : left) {
                waiting.put(w.roomSid(), w.accountSid());
                consider(w.roomSid(), w.accountSid());
            }
        } catch (RuntimeException e) {
            LOG.error("Could not resume the composition hooks of rooms ended before the last stop", e);
        }
    }

    private void onEvent(ServerEvent e) {
        if (e instanceof RoomEvent r && RoomEvent.ENDED.equals(r.name())) {
            String room = r.room().sid();
            String account = r.accountSid();
            // Stored before anything else, so a stop from here on still runs the hooks at the next start.
            try {
                store.hooks().await(room, account);
                waiting.put(room, account);
            } catch (RuntimeException ex) {
                LOG.error("Could not note that room {} waits for its composition hooks", room, ex);
            }
            worker.execute(() -> consider(room, account));
        } else if (e instanceof RecordingEvent rec && RecordingEvent.STARTED.equals(rec.name())) {
            // The room records: its hooks' compositions start now and are composed while it runs.
            worker.execute(() -> createMissing(rec.roomSid(), rec.accountSid()));
        } else if (e instanceof RecordingEvent rec) {
            // Checked on the hook thread, after any earlier look at the room has finished.
            worker.execute(() -> {
                if (waiting.containsKey(rec.roomSid())) {
                    consider(rec.roomSid(), rec.accountSid());
                }
            });
        }
    }

    /** Creates the hooks' compositions of an ended room once its recordings are all written. */
    private void consider(String roomSid, String accountSid) {
        try {
            List<Recording> recordings = store.recordings().ofRoom(roomSid);
            if (recordings.isEmpty()) {
                done(roomSid);
                return;
            }
            if (recordings.stream().anyMatch(r -> Recording.PROCESSING.equals(r.status()))) {
                store.hooks().await(roomSid, accountSid);
                waiting.put(roomSid, accountSid);
                return;
            }
            createMissing(roomSid, accountSid);
            done(roomSid);
        } catch (RuntimeException e) {
            LOG.error("Composition hooks of room {} could not run", roomSid, e);
        }
    }

    /** Creates the composition of each enabled hook that has none of the room yet. */
    private void createMissing(String roomSid, String accountSid) {
        try {
            List<Composition> existing = store.compositions().ofRoom(roomSid);
            for (CompositionHook hook : store.hooks().enabledFor(accountSid)) {
                if (existing.stream().noneMatch(c -> hook.sid().equals(c.hookSid()))) {
                    create(hook, roomSid);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Composition hooks of room {} could not run", roomSid, e);
        }
    }

    private void done(String roomSid) {
        store.hooks().doneWaiting(roomSid);
        waiting.remove(roomSid);
    }

    private void create(CompositionHook hook, String roomSid) {
        CompositionSpec spec = hook.spec();
        try {
            CompositionRequest.parse(
                    spec.videoLayoutJson(),
                    spec.audioSources(),
                    spec.audioSourcesExcluded(),
                    spec.resolution(),
                    spec.format(),
                    spec.trim());
            synchronized (CompositionEvents.ANNOUNCING) {
                Composition c = store.compositions()
                        .create(Sid.generate(Sid.COMPOSITION), hook.accountSid(), roomSid, hook.sid(), spec);
                events.enqueued(c);
            }
        } catch (InvalidCompositionException e) {
            fail(
                    hook,
                    roomSid,
                    "Hook " + hook.friendlyName() + " cannot compose room " + roomSid + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Hook {} could not create a composition of room {}", hook.sid(), roomSid, e);
            fail(hook, roomSid, "Hook " + hook.friendlyName() + " could not create a composition: " + e.getMessage());
        }
    }

    private void fail(CompositionHook hook, String roomSid, String reason) {
        LOG.info("{}", reason);
        events.hookFailed(hook.accountSid(), roomSid, hook.sid(), reason);
    }

    /** Finishes what was handed to the hook thread (up to five seconds), then stops. */
    @Override
    public synchronized void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // Unsubscribing from the in-process bus cannot fail.
            }
            subscription = null;
        }
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

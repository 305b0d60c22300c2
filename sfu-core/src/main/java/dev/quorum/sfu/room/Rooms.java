package dev.quorum.sfu.room;

import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RecordingRule;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.api.RoomException;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.api.Sid;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.room.link.MediaLinkFactory;
import dev.quorum.sfu.tap.MediaTap;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of in-progress rooms: one per server. Clients join through {@link #join}; the REST
 * API drives rooms through the {@link RoomControl} methods. Each room is placed on one event loop
 * of the given group and stays there.
 */
public final class Rooms implements RoomControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Rooms.class);
    private static final long CONTROL_TIMEOUT_SECONDS = 10;

    // Given
    private final EventLoopGroup loops;
    private final Function<String, RoomSettings> adHocSettings;
    private final RoomContext context;

    // Owned
    private final ExecutorService tapExecutor;
    private final ConcurrentHashMap<String, Room> bySid = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<NameKey, Room> byName = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record NameKey(String accountSid, String uniqueName) {}

    /**
     * @param config        engine settings
     * @param loops         the event loops rooms live on (the media transport's, so packets need
     *                      no hand-over)
     * @param links         creates each peer connection's transport
     * @param events        where room, participant and track events go
     * @param tap           receives recorded tracks; null when nothing records
     * @param registry      meters
     * @param clock         time source
     * @param adHocSettings the settings of a room created by a first join, by account SID (the
     *                      account's defaults)
     */
    public Rooms(
            RoomsConfig config,
            EventLoopGroup loops,
            MediaLinkFactory links,
            EventBus events,
            MediaTap tap,
            MeterRegistry registry,
            RoomClock clock,
            Function<String, RoomSettings> adHocSettings) {
        this.loops = Objects.requireNonNull(loops, "loops");
        this.adHocSettings = Objects.requireNonNull(adHocSettings, "adHocSettings");
        this.tapExecutor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "room-taps");
            t.setDaemon(true);
            return t;
        });
        this.context = new RoomContext(
                Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(links, "links"),
                Objects.requireNonNull(events, "events"),
                tap,
                tapExecutor,
                new EngineMetrics(
                        Objects.requireNonNull(registry, "registry"),
                        config.perRoomMetrics(),
                        config.perSubscriberMetrics()));
    }

    /**
     * Joins a room, creating it (with the account's ad hoc settings) if no in-progress room has
     * that name. A participant already in the room with the same identity is disconnected
     * ({@link DisconnectReason#DUPLICATE_IDENTITY}).
     *
     * @param roomNameOrSid the room's unique name, or the SID of an existing room
     * @param listener      receives the room's events for this participant, on the room's loop
     * @return the participant; fails with {@link RoomException} 53105 (room full), 53106 (no
     *         room with that SID), 53118 (room completed)
     */
    public CompletionStage<Participant> join(
            String accountSid, String roomNameOrSid, String identity, Participant.Listener listener) {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(roomNameOrSid, "roomNameOrSid");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(listener, "listener");
        try {
            Room room = roomForJoin(accountSid, roomNameOrSid);
            return room.call(() -> room.join(identity, listener));
        } catch (RoomException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Room roomForJoin(String accountSid, String nameOrSid) throws RoomException {
        if (closed) {
            throw new RoomException(53104, "Unable to connect to Room: the server is shutting down");
        }
        Room room = find(accountSid, nameOrSid);
        if (room != null) {
            return room;
        }
        if (Sid.is(Sid.ROOM, nameOrSid)) {
            throw new RoomException(53106, "Room not found: " + nameOrSid);
        }
        try {
            return create(accountSid, nameOrSid, adHocSettings.apply(accountSid));
        } catch (RoomException exists) {
            // Another client created it in the meantime: join that one.
            Room raced = find(accountSid, nameOrSid);
            if (raced == null) {
                throw exists;
            }
            return raced;
        }
    }

    @Override
    public RoomInfo createRoom(String accountSid, String uniqueName, RoomSettings settings) throws RoomException {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(settings, "settings");
        if (closed) {
            throw new RoomException(53103, "Unable to create Room: the server is shutting down");
        }
        return create(accountSid, uniqueName, settings).info();
    }

    private Room create(String accountSid, String uniqueName, RoomSettings settings) throws RoomException {
        String sid = Sid.generate(Sid.ROOM);
        String name = uniqueName == null || uniqueName.isEmpty() ? sid : uniqueName;
        if (name.length() > 128) {
            throw new RoomException(53101, "Room name is too long (at most 128 characters)");
        }
        RoomInfo info = new RoomInfo(
                sid, accountSid, name, RoomInfo.IN_PROGRESS, context.clock().now(), null, settings);
        Room room = new Room(this, context, loops.next(), info);
        if (byName.putIfAbsent(new NameKey(accountSid, name), room) != null) {
            throw new RoomException(53113, "Room exists: an in-progress room is already named '" + name + "'");
        }
        bySid.put(sid, room);
        room.start();
        LOG.info("Room {} '{}' created", sid, name);
        return room;
    }

    /** Called by a room when it has ended. */
    void unregister(Room room) {
        RoomInfo info = room.info();
        bySid.remove(info.sid(), room);
        byName.remove(new NameKey(info.accountSid(), info.uniqueName()), room);
    }

    private Room find(String accountSid, String sidOrName) {
        Room room = bySid.get(sidOrName);
        if (room == null) {
            room = byName.get(new NameKey(accountSid, sidOrName));
        }
        return room != null && room.info().accountSid().equals(accountSid) ? room : null;
    }

    private Room require(String accountSid, String roomSid) throws RoomException {
        Room room = find(accountSid, roomSid);
        if (room == null) {
            throw new RoomException(53106, "Room not found: " + roomSid);
        }
        return room;
    }

    @Override
    public Optional<RoomInfo> findRoom(String accountSid, String sidOrUniqueName) {
        return Optional.ofNullable(find(accountSid, sidOrUniqueName)).map(Room::info);
    }

    @Override
    public RoomInfo completeRoom(String accountSid, String roomSid) throws RoomException {
        Room room = require(accountSid, roomSid);
        return await(room.call(() -> room.end(RoomInfo.COMPLETED)));
    }

    @Override
    public List<ParticipantInfo> participants(String accountSid, String roomSid) {
        Room room = find(accountSid, roomSid);
        if (room == null) {
            return List.of();
        }
        try {
            return await(room.call(room::participantInfos));
        } catch (RoomException e) {
            return List.of();
        }
    }

    @Override
    public List<TrackInfo> publishedTracks(String accountSid, String roomSid, String participantSid) {
        Room room = find(accountSid, roomSid);
        if (room == null) {
            return List.of();
        }
        try {
            return await(room.call(() -> room.publishedTracks(participantSid)));
        } catch (RoomException e) {
            return List.of();
        }
    }

    @Override
    public Map<String, Long> publishedTrackBitrates(String accountSid, String roomSid, String participantSid) {
        Room room = find(accountSid, roomSid);
        if (room == null) {
            return Map.of();
        }
        try {
            return await(room.call(() -> room.publishedTrackBitrates(participantSid)));
        } catch (RoomException e) {
            return Map.of();
        }
    }

    @Override
    public List<TrackInfo> subscribedTracks(String accountSid, String roomSid, String participantSid) {
        Room room = find(accountSid, roomSid);
        if (room == null) {
            return List.of();
        }
        try {
            return await(room.call(() -> room.subscribedTracks(participantSid)));
        } catch (RoomException e) {
            return List.of();
        }
    }

    @Override
    public ParticipantInfo disconnectParticipant(String accountSid, String roomSid, String participantSid)
            throws RoomException {
        Room room = require(accountSid, roomSid);
        return await(room.call(() -> room.remove(participantSid)));
    }

    @Override
    public void setRecordingRules(String accountSid, String roomSid, List<RecordingRule> rules) throws RoomException {
        List<RecordingRule> copy = List.copyOf(rules);
        Room room = require(accountSid, roomSid);
        await(room.call(() -> {
            room.setRecordingRules(copy);
            return null;
        }));
    }

    @Override
    public List<RecordingRule> recordingRules(String accountSid, String roomSid) throws RoomException {
        Room room = require(accountSid, roomSid);
        return await(room.call(room::recordingRules));
    }

    @Override
    public void setRecordingPaused(String accountSid, String roomSid, boolean paused) throws RoomException {
        Room room = require(accountSid, roomSid);
        await(room.call(() -> {
            room.setRecordingPaused(paused);
            return null;
        }));
    }

    /** In-progress rooms (for the console and tests). */
    public List<RoomInfo> rooms() {
        List<RoomInfo> out = new ArrayList<>();
        bySid.values().forEach(r -> out.add(r.info()));
        return out;
    }

    /**
     * Runs every room's timers now (timeouts, RTCP reports, NACK retries) and waits for them; the
     * rooms also run them on their own every few milliseconds. Lets tests with a manual clock
     * observe a deadline right after advancing the clock.
     */
    public void runTimers() {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (Room room : bySid.values()) {
            pending.add(room.call(() -> {
                        room.tick();
                        return null;
                    })
                    .toCompletableFuture());
        }
        for (CompletableFuture<?> f : pending) {
            try {
                f.get(CONTROL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("A room's timers failed", e);
            }
        }
    }

    RoomContext context() {
        return context;
    }

    /** Ends every room (participants are told the room completed) and stops the tap executor. */
    @Override
    public void close() {
        closed = true;
        for (Room room : List.copyOf(bySid.values())) {
            try {
                await(room.call(() -> room.end(RoomInfo.COMPLETED)));
            } catch (RoomException | RuntimeException e) {
                LOG.warn("Room {} did not end cleanly", room.info().sid(), e);
            }
        }
        tapExecutor.shutdown();
        try {
            if (!tapExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Recording taps did not close within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T await(CompletionStage<T> stage) throws RoomException {
        try {
            return stage.toCompletableFuture().get(CONTROL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoomException(53000, "Interrupted while waiting for the room");
        } catch (TimeoutException e) {
            throw new RoomException(53000, "The room did not answer in time");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
            if (cause instanceof RoomException re) {
                throw re;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }
}

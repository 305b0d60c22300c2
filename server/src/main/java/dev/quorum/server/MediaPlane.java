package dev.quorum.server;

import dev.quorum.api.accounts.AdHocRooms;
import dev.quorum.recorder.Recorder;
import dev.quorum.recorder.RecorderConfig;
import dev.quorum.recorder.RecordingUploads;
import dev.quorum.server.config.ConfigException;
import dev.quorum.server.config.ConfigSource;
import dev.quorum.server.config.MediaConfigs;
import dev.quorum.server.config.RecorderConfigs;
import dev.quorum.server.config.RoomsConfigs;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.room.RoomClock;
import dev.quorum.sfu.room.Rooms;
import dev.quorum.sfu.room.RoomsConfig;
import dev.quorum.sfu.room.link.TransportLinks;
import dev.quorum.sfu.transport.MediaPort;
import dev.quorum.sfu.transport.TransportConfig;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.upload.MediaPlacement;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The media plane: the shared UDP/ICE-TCP port, the recorder every recorded track is tapped to,
 * and the rooms engine on the port's event loops. Recordings interrupted by the last stop are
 * finished before the engine exists, so no join can race with their recovery.
 */
final class MediaPlane {

    /** The lifecycle name of the rooms engine. */
    static final String ENGINE = "rooms engine";

    // Given.
    private final ConfigSource source;
    private final MeterRegistry metrics;
    private final EventBus events;
    private final Lifecycle lifecycle;
    // Owned.
    private TransportConfig transportConfig;
    private RoomsConfig roomsConfig;
    private RecorderConfig recorderConfig;
    private MediaPort port;
    private Recorder recorder;
    private Rooms engine;

    MediaPlane(ConfigSource source, MeterRegistry metrics, EventBus events, Lifecycle lifecycle) {
        this.source = source;
        this.metrics = metrics;
        this.events = events;
        this.lifecycle = lifecycle;
    }

    /** Reads the keys this plane uses, so a bad value stops the start before anything opens. */
    void configure() {
        transportConfig = MediaConfigs.from(source);
        roomsConfig = RoomsConfigs.from(source);
        recorderConfig = RecorderConfigs.from(source);
    }

    /** Opens the media port; before the store, so a port in use fails fast. */
    void openPort() throws Exception {
        port = new MediaPort(transportConfig, metrics);
        lifecycle.started("media port", port);
        try {
            port.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IllegalArgumentException bad
                    ? new ConfigException(bad.getMessage())
                    : new IllegalStateException("Cannot open the media port: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Builds the recorder and the rooms engine. Nothing joins yet: signaling is mounted only once
     * {@link #startRecorder} has finished what the last stop interrupted.
     */
    void buildRooms(MetadataStore store, MediaStore media, MediaPlacement placement) {
        recorder = new Recorder(recorderConfig, store.recordings(), media, events, metrics);
        recorder.uploadWith(new RecordingUploads(store.recordings(), events, placement, Clock.systemUTC()));
        engine = new Rooms(
                roomsConfig,
                port.eventLoops(),
                new TransportLinks(port),
                events,
                recorder,
                metrics,
                RoomClock.system(),
                AdHocRooms.settings(store));
    }

    /**
     * Finishes the recordings the last stop interrupted (their events reach whoever subscribed
     * to the bus already), then starts the recorder. Closed after the engine, so recordings of
     * the rooms it ends are completed while the bus still delivers.
     */
    void startRecorder() throws Exception {
        recorder.recover();
        recorder.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        lifecycle.started("recorder", recorder);
    }

    /** Registered last: on close every room ends first, participants told, taps closed. */
    void acceptRooms() {
        lifecycle.started(ENGINE, engine);
    }

    /** The identity this server writes into what it hosts (recordings, rooms). */
    String instanceId() {
        return recorderConfig.instanceId();
    }

    MediaPort port() {
        return port;
    }

    Rooms engine() {
        return engine;
    }
}

package dev.quorum.api;

import dev.quorum.api.archives.ArchiveApi;
import dev.quorum.api.archives.ProjectsResource;
import dev.quorum.api.callbacks.CallbackDispatcher;
import dev.quorum.api.callbacks.DeliveryLogResource;
import dev.quorum.api.callbacks.EventRecorder;
import dev.quorum.api.compositions.CompositionPreview;
import dev.quorum.api.compositions.CompositionsResource;
import dev.quorum.api.compositions.HooksResource;
import dev.quorum.api.console.ConsoleRoutes;
import dev.quorum.api.console.ConsoleSessions;
import dev.quorum.api.credentials.CredentialsResource;
import dev.quorum.api.http.ApiErrors;
import dev.quorum.api.http.ApiMetrics;
import dev.quorum.api.http.ApiRouter;
import dev.quorum.api.http.Authenticator;
import dev.quorum.api.keys.KeysResource;
import dev.quorum.api.media.MediaDownloadHandler;
import dev.quorum.api.media.MediaLinks;
import dev.quorum.api.media.StoredMedia;
import dev.quorum.api.recordings.RecordingsResource;
import dev.quorum.api.rooms.NotImplementedResource;
import dev.quorum.api.rooms.ParticipantsResource;
import dev.quorum.api.rooms.RecordingRulesResource;
import dev.quorum.api.rooms.RoomLookup;
import dev.quorum.api.rooms.RoomsResource;
import dev.quorum.api.rooms.TracksResource;
import dev.quorum.api.settings.SettingsResource;
import dev.quorum.composer.job.RoomArchives;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.upload.ExternalBuckets;
import dev.quorum.storage.url.MediaUrlSigner;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API in the hosted video service's resource model, its media links and its status
 * callbacks. {@link #mount} puts {@code /v1/…}, {@code /2010-04-01/…} (API keys),
 * {@code /media/…}, the archive API and the web console ({@code /console/…}) on the server's router; {@link #start} subscribes to the event bus and starts
 * delivering callbacks; {@link #close} stops both.
 */
public final class AdminApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    private static ArchiveApi.Options defaultArchiveOptions(MetadataStore store, MediaStore media) {
        return ArchiveApi.Options.defaults(
                store, media, Path.of(System.getProperty("java.io.tmpdir"), "quorum-archives"));
    }

    // Given
    private final Vertx vertx;
    private final MetadataStore store;
    private final MediaStore media;
    private final MediaUrlSigner signer;
    private final RoomControl rooms;
    private final ApiConfig config;
    private final Clock clock;
    private final ExternalBuckets buckets;

    // Owned
    private final ApiMetrics metrics;
    private final CallbackDispatcher dispatcher;
    private final ScheduledExecutorService housekeeping;
    private final ArchiveApi archives;
    private final ConsoleSessions consoleSessions;
    private AutoCloseable subscription;

    public AdminApi(
            Vertx vertx,
            MetadataStore store,
            MediaStore media,
            MediaUrlSigner signer,
            RoomControl rooms,
            ApiConfig config,
            MeterRegistry registry,
            Clock clock) {
        this(vertx, store, media, signer, rooms, config, registry, clock, defaultArchiveOptions(store, media), null);
    }

    /** @param archiveOptions the archive API's timers, output making and stylesheet check */
    public AdminApi(
            Vertx vertx,
            MetadataStore store,
            MediaStore media,
            MediaUrlSigner signer,
            RoomControl rooms,
            ApiConfig config,
            MeterRegistry registry,
            Clock clock,
            ArchiveApi.Options archiveOptions) {
        this(vertx, store, media, signer, rooms, config, registry, clock, archiveOptions, null);
    }

    /**
     * @param archiveOptions the archive API's timers, output making and stylesheet check
     * @param buckets        opens accounts' own buckets (external storage); null when media never
     *                       leaves this server's store
     */
    public AdminApi(
            Vertx vertx,
            MetadataStore store,
            MediaStore media,
            MediaUrlSigner signer,
            RoomControl rooms,
            ApiConfig config,
            MeterRegistry registry,
            Clock clock,
            ArchiveApi.Options archiveOptions,
            ExternalBuckets buckets) {
        this.buckets = buckets;
        this.vertx = vertx;
        this.store = store;
        this.media = media;
        this.signer = signer;
        this.rooms = rooms;
        this.config = config;
        this.clock = clock;
        this.metrics = new ApiMetrics(registry);
        this.dispatcher = new CallbackDispatcher(
                vertx,
                store,
                config.callbacks(),
                config.targets(),
                metrics,
                clock,
                config.nodeId(),
                ArchiveApi.callbackAuthorization(store, clock));
        this.archives = new ArchiveApi(store, signer, rooms, archiveOptions, clock, dispatcher::wake);
        this.consoleSessions = new ConsoleSessions(store, config.console(), clock);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metadata-purge");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Mounts the API's routes on the server's router, and makes the router answer every failure
     * (unknown path, malformed request, a handler that threw) with the API's error body.
     */
    public void mount(Router router) {
        mount(router, true);
    }

    /**
     * Mounts the media links' download route and, with {@code restApi}, the REST API (a server
     * without the {@code api} role serves only downloads of the links others issued).
     */
    public void mount(Router router, boolean restApi) {
        ApiErrors.install(router);
        if (!restApi) {
            new MediaDownloadHandler(media, signer, metrics, clock).mount(router);
            return;
        }
        Authenticator auth = new Authenticator(store, consoleSessions);
        RoomLookup lookup = new RoomLookup(store, rooms, clock);
        MediaLinks links = new MediaLinks(media, signer, store.uploads(), buckets);
        StoredMedia stored = new StoredMedia(media, store.uploads(), buckets);

        Router v1 = Router.router(vertx);
        ApiRouter api = new ApiRouter(v1, "/v1", auth, metrics, config.publicUrl(), clock);
        new RoomsResource(store, rooms, lookup, clock, config.targets()).register(api);
        new ParticipantsResource(store, rooms, lookup, clock).register(api);
        new TracksResource(store, rooms, lookup, clock).register(api);
        new RecordingRulesResource(store, rooms, lookup).register(api);
        new NotImplementedResource(lookup).register(api);
        new RecordingsResource(
                        store,
                        media,
                        links,
                        lookup,
                        new RoomArchives(
                                store, media, Path.of(System.getProperty("java.io.tmpdir"), "quorum-archives")),
                        stored)
                .register(api);
        new CompositionPreview(store, config.targets(), clock).register(api);
        new CompositionsResource(store, media, links, dispatcher::wake, config.targets(), stored).register(api);
        new HooksResource(store, config.targets()).register(api);
        new SettingsResource(store, buckets).register(api);
        new CredentialsResource(store).register(api);
        new DeliveryLogResource(store).register(api);
        new ProjectsResource(store).register(api);
        api.finish();
        router.route("/v1/*").subRouter(v1);

        Router legacy = Router.router(vertx);
        ApiRouter keys = new ApiRouter(legacy, "/2010-04-01", auth, metrics, config.publicUrl(), clock);
        new KeysResource(store).register(keys);
        keys.finish();
        router.route("/2010-04-01/*").subRouter(legacy);

        new MediaDownloadHandler(media, signer, metrics, clock).mount(router);
        archives.mount(router, metrics, config.publicUrl(), consoleSessions);
        new ConsoleRoutes(consoleSessions, config.publicUrl()).mount(router);
    }

    /** Records events and queues their callbacks from now on, and starts delivering callbacks. */
    public void start(EventBus events) {
        subscription = events.subscribe(new EventRecorder(store, clock, dispatcher::wake));
        archives.start(events);
        dispatcher.start();
        long every = config.purgeInterval().toMillis();
        housekeeping.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.MILLISECONDS);
    }

    private void purge() {
        expireMedia();
        try {
            consoleSessions.purge();
        } catch (RuntimeException e) {
            LOG.warn("Forgetting ended console sessions failed; retrying at the next interval", e);
        }
        try {
            MetadataStore.Purged p = store.purgeExpired();
            if (p.recordings() + p.compositions() + p.callbacks() > 0) {
                LOG.info(
                        "Purged expired metadata: {} recordings, {} compositions, {} callbacks",
                        p.recordings(),
                        p.compositions(),
                        p.callbacks());
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging expired metadata failed; retrying at the next interval", e);
        }
    }

    /**
     * Deletes, as a DELETE would, recordings and compositions finished longer ago than the media
     * retention (when one is set), from every store their media is in.
     */
    void expireMedia() {
        if (config.mediaRetention().isZero()) {
            return;
        }
        java.time.Instant before = clock.instant().minus(config.mediaRetention());
        StoredMedia stored = new StoredMedia(media, store.uploads(), buckets);
        try {
            int n = 0;
            for (var r : store.recordings().finishedBefore(before, 500)) {
                if (store.recordings().markDeleted(r.accountSid(), r.sid()).isPresent()) {
                    stored.delete(r.sid(), r.mediaKey());
                    n++;
                }
            }
            for (var c : store.compositions().completedBefore(before, 500)) {
                if (store.compositions().markDeleted(c.accountSid(), c.sid()).isPresent()) {
                    stored.delete(c.sid(), c.mediaKey());
                    n++;
                }
            }
            if (n > 0) {
                LOG.info("Deleted the media of {} recordings and compositions past storage.media-retention", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("Expiring media failed; retrying at the next interval", e);
        }
    }

    /** Stops taking events and sending callbacks; queued callbacks stay queued for the next start. */
    @Override
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("Could not unsubscribe from the event bus", e);
            }
        }
        housekeeping.shutdownNow();
        archives.close();
        dispatcher.close();
    }
}

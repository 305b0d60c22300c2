package dev.quorum.server;

import dev.quorum.api.AdminApi;
import dev.quorum.api.ApiConfig;
import dev.quorum.api.accounts.AccountSetup;
import dev.quorum.api.archives.ArchiveApi;
import dev.quorum.api.archives.ArchiveSettings;
import dev.quorum.api.archives.ArchiveStorage;
import dev.quorum.api.archives.ArchiveTarget;
import dev.quorum.composer.ComposerConfig;
import dev.quorum.composer.job.ArchiveRendering;
import dev.quorum.composer.job.CompositionHooks;
import dev.quorum.composer.job.CompositionUploads;
import dev.quorum.composer.job.CompositionWorkers;
import dev.quorum.server.config.AccountConfigs;
import dev.quorum.server.config.ApiConfigs;
import dev.quorum.server.config.ComposerConfigs;
import dev.quorum.server.config.ConfigSource;
import dev.quorum.server.config.ServerConfig;
import dev.quorum.server.config.StorageConfigs;
import dev.quorum.server.config.UploadConfigs;
import dev.quorum.server.config.VideoProjectConfigs;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.StorageConfig;
import dev.quorum.storage.account.AccountStore;
import dev.quorum.storage.archive.VideoProject;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.media.ServerMediaStore;
import dev.quorum.storage.s3.S3Bucket;
import dev.quorum.storage.s3.S3MediaStore;
import dev.quorum.storage.upload.ExternalBuckets;
import dev.quorum.storage.upload.MediaPlacement;
import dev.quorum.storage.upload.MediaUploader;
import dev.quorum.storage.upload.UploadConfig;
import dev.quorum.storage.url.MediaUrlSigner;
import dev.quorum.storage.url.MediaUrls;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane: the metadata and media stores, the configured accounts, the REST API with its
 * status callbacks, and the composer's workers and hooks.
 */
final class ControlPlane {

    // Given.
    private final ServerConfig config;
    private final ConfigSource source;
    private final MeterRegistry metrics;
    private final EventBus events;
    private final Clock clock;
    private final Lifecycle lifecycle;
    // Owned.
    private StorageConfig storageConfig;
    private ApiConfig apiConfig;
    private ComposerConfig composerConfig;
    private AccountConfigs.Configured accounts;
    private List<VideoProject> projects;
    private ArchiveSettings archiveSettings;
    private Map<String, ArchiveTarget> archiveTargets;
    private MetadataStore store;
    private UploadConfig uploadConfig;
    private UploadConfigs.SharedStore sharedConfig;
    private ServerMediaStore mediaStore;
    private MediaUploader uploader;
    private MediaPlacement placement;
    private ExternalBuckets buckets;
    private String node;
    private MediaUrlSigner mediaLinks;
    private AccountStore.DevelopmentCredentials development;
    private AdminApi api;

    ControlPlane(
            ServerConfig config,
            ConfigSource source,
            MeterRegistry metrics,
            EventBus events,
            Clock clock,
            Lifecycle lifecycle) {
        this.config = config;
        this.source = source;
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
        this.lifecycle = lifecycle;
    }

    /** Reads the keys this plane uses, so a bad value stops the start before anything opens. */
    void configure() {
        storageConfig = StorageConfigs.from(config, source);
        apiConfig = ApiConfigs.from(config, source);
        composerConfig = ComposerConfigs.from(config, source);
        accounts = AccountConfigs.from(source);
        projects = VideoProjectConfigs.from(source, accounts.sids());
        archiveSettings = VideoProjectConfigs.settings(source);
        uploadConfig = UploadConfigs.from(source);
        archiveTargets = VideoProjectConfigs.archiveStorage(source, projects, uploadConfig.defaultRegion());
        sharedConfig = UploadConfigs.shared(source).orElse(null);
    }

    /** Migrates (or refuses) the schema, then applies the configured accounts and keys. */
    void openStores(String instanceId) throws Exception {
        node = instanceId;
        store = MetadataStore.open(storageConfig, clock);
        lifecycle.started("metadata store", store);
        LocalMediaStore local = new LocalMediaStore(storageConfig.mediaDir());
        S3MediaStore shared = null;
        if (sharedConfig != null) {
            S3Bucket bucket = new S3Bucket(
                    sharedConfig.target(),
                    sharedConfig.credentials(),
                    uploadConfig.connectTimeout(),
                    uploadConfig.requestTimeout());
            lifecycle.started("shared media bucket", bucket);
            shared = new S3MediaStore(bucket, config.dataDir().resolve("staging"));
        }
        mediaStore = new ServerMediaStore(local, shared);
        buckets = new ExternalBuckets(store.credentials(), uploadConfig);
        uploader =
                new MediaUploader(store.uploads(), store.credentials(), local, shared, uploadConfig, instanceId, clock);
        placement = new MediaPlacement(store, uploader);
        MediaUploader pending = uploader;
        io.micrometer.core.instrument.Gauge.builder("quorum.uploads.pending", () -> {
                    try {
                        return pending.pending();
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .description("uploads of this node waiting for their store")
                .register(metrics);
        mediaLinks = MediaUrls.signer(store, storageConfig.mediaUrlSecret(), clock);
        development = AccountSetup.apply(store, accounts.accounts(), accounts.keys(), config.devMode())
                .orElse(null);
        store.projects().syncConfigured(projects);
        Files.createDirectories(composerConfig.workDir());
    }

    /**
     * Mounts the REST API and starts recording events and delivering callbacks. Called before
     * anything publishes (recovery included), so no event goes unrecorded.
     */
    void startApi(Vertx vertx, Router router, RoomControl rooms, String publicUrl, boolean restApi) {
        ArchiveApi.Options archives = new ArchiveApi.Options(
                archiveSettings,
                new ArchiveRendering(store, mediaStore, composerConfig.workDir()),
                new ArchiveStorage(uploader, node, archiveTargets));
        api = new AdminApi(
                vertx,
                store,
                mediaStore,
                mediaLinks,
                rooms,
                apiConfig.withPublicUrl(publicUrl),
                metrics,
                clock,
                archives,
                buckets);
        api.mount(router, restApi);
        lifecycle.started("REST API", api);
        api.start(events);
    }

    /**
     * Starts the composition hooks and workers. On close the bus is first drained, so the events
     * still queued (rooms ended by the engine's close) reach the API and the hooks; then the hooks
     * and workers stop, still publishing (a hook composing a room that just ended); then the bus
     * closes, delivering those last events to the API before it stops.
     */
    /**
     * @param host this server's instance id when it hosts rooms (the media role): its live workers
     *             compose those rooms; null when it hosts none
     */
    void startComposer(boolean composes, String host) {
        lifecycle.started("event delivery", events::close);
        if (composes) {
            CompositionWorkers workers = new CompositionWorkers(
                    composerConfig, store, mediaStore, events, CompositionWorkers.runnerFor(composerConfig), clock);
            lifecycle.started("composition workers", workers);
            workers.uploadWith(new CompositionUploads(store, placement, events, clock), node);
            if (host != null) {
                workers.composeLiveRoomsOf(host);
            }
            workers.start();
        }
        CompositionHooks hooks = new CompositionHooks(store, events, clock);
        lifecycle.started("composition hooks", hooks);
        hooks.start();
        lifecycle.started("queued events", events::drain);
    }

    /**
     * Starts the upload queue, taking on what this node's last run left pending; after the API
     * and the composer, whose listeners report the outcomes.
     */
    void startUploads() {
        lifecycle.started("uploads", uploader);
        uploader.start();
    }

    MediaPlacement placement() {
        return placement;
    }

    MetadataStore store() {
        return store;
    }

    ServerMediaStore mediaStore() {
        return mediaStore;
    }

    ComposerConfig composerConfig() {
        return composerConfig;
    }

    Optional<AccountStore.DevelopmentCredentials> development() {
        return Optional.ofNullable(development);
    }
}

package dev.quorum.api.archives;

import dev.quorum.api.http.ApiMetrics;
import dev.quorum.api.http.CookieSessions;
import dev.quorum.api.projects.ProjectAuth;
import dev.quorum.api.projects.ProjectRouter;
import dev.quorum.composer.job.ArchiveRendering;
import dev.quorum.sfu.api.RoomControl;
import dev.quorum.sfu.event.CompositionEvent;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.callback.Delivery;
import dev.quorum.storage.media.MediaStore;
import dev.quorum.storage.url.MediaUrlSigner;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive API beside the first one: mounts {@code /session/create} and
 * {@code /v2/project/…}, runs the archive engine on the event bus and its timers, and makes the
 * archives' outputs (composed ones through the composition queue).
 */
public final class ArchiveApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveApi.class);

    /**
     * @param rendering makes individual archives' outputs and takes composed archives' files from
     *                  the composition queue, whose workers (the composer's) compose them
     * @param storage   sends the archives of projects with an upload target to their bucket; null
     *                  when this server has no upload queue (every archive is then {@code available})
     */
    public record Options(ArchiveSettings settings, ArchiveRendering rendering, ArchiveStorage storage) {

        public Options(ArchiveSettings settings, ArchiveRendering rendering) {
            this(settings, rendering, null);
        }

        /** The hosted defaults. */
        public static Options defaults(MetadataStore store, MediaStore media, Path workDir) {
            return new Options(ArchiveSettings.DEFAULTS, new ArchiveRendering(store, media, workDir));
        }
    }

    private final MetadataStore store;
    private final MediaUrlSigner signer;
    private final Options options;
    private final Clock clock;
    private final ArchiveOutputs outputs;
    private final ArchiveEngine engine;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "archive-timers");
        t.setDaemon(true);
        return t;
    });
    private AutoCloseable subscription;

    /** @param wakeCallbacks tells the callback dispatcher a callback was queued */
    public ArchiveApi(
            MetadataStore store,
            MediaUrlSigner signer,
            RoomControl rooms,
            Options options,
            Clock clock,
            Runnable wakeCallbacks) {
        this.store = store;
        this.signer = signer;
        this.options = options;
        this.clock = clock;
        ArchiveCallbacks callbacks = new ArchiveCallbacks(store, clock, wakeCallbacks);
        this.outputs = new ArchiveOutputs(store, options.rendering(), callbacks, options.settings(), options.storage());
        this.engine = new ArchiveEngine(store, rooms, callbacks, outputs, options.settings(), clock);
    }

    /** How JSON (archive) callbacks are signed: the dispatcher asks for each one's Authorization header. */
    public static Function<Delivery, String> callbackAuthorization(MetadataStore store, Clock clock) {
        ArchiveCallbacks signing = new ArchiveCallbacks(store, clock, () -> {});
        return signing::authorization;
    }

    public void mount(Router router, ApiMetrics metrics, String publicUrl) {
        mount(router, metrics, publicUrl, null);
    }

    /** @param sessions the web console's sessions, accepted for the projects of their account; null for none */
    public void mount(Router router, ApiMetrics metrics, String publicUrl, CookieSessions sessions) {
        ProjectRouter api =
                new ProjectRouter(router, new ProjectAuth(store, clock, sessions), metrics, publicUrl, clock);
        new SessionsResource(store, clock).register(api);
        new ArchivesResource(store, engine, outputs, signer, options.settings()).register(api);
        new StreamsResource(store, engine).register(api);
        api.finish();
    }

    /**
     * Follows the rooms (and the compositions of composed archives) from now on, and starts the
     * timers. A composed archive's composition put in the queue is announced on the bus, which
     * wakes the composer's workers.
     */
    public void start(EventBus events) {
        outputs.onEnqueued(c -> events.publish(new CompositionEvent(
                CompositionEvent.ENQUEUED,
                c.accountSid(),
                c.roomSid(),
                c.sid(),
                null,
                -1,
                -1,
                null,
                null,
                clock.instant())));
        subscription = events.subscribe(engine);
        long every = options.settings().checkInterval().toMillis();
        timers.scheduleWithFixedDelay(engine::check, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("Could not unsubscribe the archive engine", e);
            }
        }
        timers.shutdownNow();
        engine.close();
        outputs.close();
    }
}

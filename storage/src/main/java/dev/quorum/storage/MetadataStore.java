package dev.quorum.storage;

import dev.quorum.storage.account.AccountStore;
import dev.quorum.storage.account.ApiKeyStore;
import dev.quorum.storage.archive.ArchiveStore;
import dev.quorum.storage.archive.VideoProjectStore;
import dev.quorum.storage.archive.VideoSessionStore;
import dev.quorum.storage.callback.CallbackStore;
import dev.quorum.storage.composition.CompositionStore;
import dev.quorum.storage.composition.HookStore;
import dev.quorum.storage.composition.StreamClassStore;
import dev.quorum.storage.console.ConsoleSessionStore;
import dev.quorum.storage.credential.CredentialStore;
import dev.quorum.storage.crypto.SecretsKey;
import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.Dialect;
import dev.quorum.storage.jdbc.Migrator;
import dev.quorum.storage.node.NodeStore;
import dev.quorum.storage.recording.RecordingStore;
import dev.quorum.storage.room.ParticipantStore;
import dev.quorum.storage.room.RoomStore;
import dev.quorum.storage.room.TrackStore;
import dev.quorum.storage.settings.SettingsStore;
import dev.quorum.storage.upload.UploadStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata database and its stores, one per resource. {@link #open} connects and migrates the
 * schema; every store method is a committed transaction by the time it returns, so a restart
 * loses nothing a caller acknowledged. Thread-safe; calls block on JDBC, so call them off event
 * loops.
 */
public final class MetadataStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);

    /** Migration scripts on the class path. */
    public static final String MIGRATIONS = "dev/quorum/storage/migrations";

    /** What {@link #purgeExpired} removed. */
    public record Purged(int recordings, int compositions, int callbacks) {}

    // Given
    private final Clock clock;
    private final Duration retention;

    // Owned
    private final Database db;
    private final int schemaVersion;
    private final AccountStore accounts;
    private final ApiKeyStore apiKeys;
    private final RoomStore rooms;
    private final ParticipantStore participants;
    private final TrackStore tracks;
    private final RecordingStore recordings;
    private final CompositionStore compositions;
    private final HookStore hooks;
    private final StreamClassStore streamClasses;
    private final SettingsStore settings;
    private final CallbackStore callbacks;
    private final ServerSecrets secrets;
    private final VideoProjectStore projects;
    private final VideoSessionStore sessions;
    private final ArchiveStore archives;
    private final CredentialStore credentials;
    private final UploadStore uploads;
    private final NodeStore nodes;
    private final ConsoleSessionStore consoleSessions;

    private MetadataStore(Database db, Clock clock, Duration retention, SecretsKey secretsKey) {
        this.db = db;
        this.clock = clock;
        this.retention = retention;
        this.schemaVersion =
                new Migrator(db, clock, Migrator.load(MetadataStore.class.getClassLoader(), MIGRATIONS)).migrate();
        this.accounts = new AccountStore(db, clock);
        this.apiKeys = new ApiKeyStore(db, clock);
        this.rooms = new RoomStore(db, clock);
        this.participants = new ParticipantStore(db, clock);
        this.tracks = new TrackStore(db, clock);
        this.recordings = new RecordingStore(db, clock);
        this.compositions = new CompositionStore(db, clock);
        this.hooks = new HookStore(db, clock);
        this.streamClasses = new StreamClassStore(db, clock);
        this.settings = new SettingsStore(db, clock);
        this.callbacks = new CallbackStore(db, clock);
        this.secrets = new ServerSecrets(db, clock);
        this.projects = new VideoProjectStore(db, clock);
        this.sessions = new VideoSessionStore(db, clock);
        this.archives = new ArchiveStore(db, clock);
        this.credentials = new CredentialStore(db, clock, secretsKey);
        int sealed = credentials.sealPlaintextSecrets();
        if (sealed > 0) {
            LOG.info("Encrypted {} AWS secrets stored in plaintext by an earlier version", sealed);
        }
        this.uploads = new UploadStore(db, clock);
        this.nodes = new NodeStore(db, clock);
        this.consoleSessions = new ConsoleSessionStore(db, clock);
    }

    /**
     * Connects to the configured database and brings its schema up to date.
     *
     * @param clock times are stored to the millisecond
     * @throws StoreException if the database is unreachable, a migration fails, or the schema is
     *                        newer than this server
     */
    public static MetadataStore open(StorageConfig config, Clock clock) {
        Database db = Database.open(
                config.databaseUrl(),
                config.databaseUser(),
                config.databasePassword(),
                config.databasePoolSize(),
                config.databaseConnectTimeout());
        try {
            return new MetadataStore(
                    db,
                    Clock.tick(clock, Duration.ofMillis(1)),
                    config.deletedRetention(),
                    SecretsKey.load(config.secretsKey(), config.secretsKeyFile()));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public Dialect dialect() {
        return db.dialect();
    }

    /** The schema version now in the database. */
    public int schemaVersion() {
        return schemaVersion;
    }

    public AccountStore accounts() {
        return accounts;
    }

    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    public RoomStore rooms() {
        return rooms;
    }

    public ParticipantStore participants() {
        return participants;
    }

    public TrackStore tracks() {
        return tracks;
    }

    public RecordingStore recordings() {
        return recordings;
    }

    public CompositionStore compositions() {
        return compositions;
    }

    public HookStore hooks() {
        return hooks;
    }

    /** The layout classes of rooms' streams over time. */
    public StreamClassStore streamClasses() {
        return streamClasses;
    }

    public SettingsStore settings() {
        return settings;
    }

    public CallbackStore callbacks() {
        return callbacks;
    }

    public ServerSecrets secrets() {
        return secrets;
    }

    /** Video projects of the archive API. */
    public VideoProjectStore projects() {
        return projects;
    }

    /** Sessions of the archive API, with their connections and streams. */
    public VideoSessionStore sessions() {
        return sessions;
    }

    public ArchiveStore archives() {
        return archives;
    }

    /** The Accounts API's credentials (AWS keys, public keys). */
    public CredentialStore credentials() {
        return credentials;
    }

    /** The servers sharing this database. */
    public NodeStore nodes() {
        return nodes;
    }

    /** Sign-ins of the web console. */
    public ConsoleSessionStore consoleSessions() {
        return consoleSessions;
    }

    /** The durable upload queue and where uploaded files went. */
    public UploadStore uploads() {
        return uploads;
    }

    /**
     * Forgets what is past its retention: deleted recordings and compositions (their media is
     * already gone) and finished callbacks, once deleted/finished longer ago than the retention
     * (30 days by default). Run it periodically.
     */
    public Purged purgeExpired() {
        Instant before = clock.instant().minus(retention);
        return new Purged(
                recordings.purgeDeletedBefore(before),
                compositions.purgeDeletedBefore(before),
                callbacks.purgeFinishedBefore(before));
    }

    @Override
    public void close() {
        db.close();
    }
}

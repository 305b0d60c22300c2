package dev.quorum.bench.storage;

import dev.quorum.storage.Cursor;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.Page;
import dev.quorum.storage.StorageConfig;
import dev.quorum.storage.account.Secrets;
import dev.quorum.storage.callback.Delivery;
import dev.quorum.storage.callback.NewDelivery;
import dev.quorum.storage.recording.NewRecording;
import dev.quorum.storage.recording.Recording;
import dev.quorum.storage.recording.RecordingFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of the metadata store's durable operations, each one or more committed transactions:
 * a status callback's life in the queue (enqueue, lease, delivered), a recording's (create,
 * complete), and one page of the recordings list out of 2,000 rows. SQLite files go to the
 * temporary directory with {@code synchronous=FULL}, so the figures include the disk's fsync;
 * PostgreSQL is the one named by {@code QUORUM_TEST_POSTGRES_URL} (a fresh schema per run).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MetadataStoreBenchmark {

    private static final String AC = "AC" + "1".repeat(32);
    private static final String RM = "RM" + "1".repeat(32);

    @Param({"sqlite", "postgresql"})
    public String database;

    private Path dir;
    private String schema;
    private String baseUrl;
    private MetadataStore store;
    private Map<String, String> params;
    private long n;

    @Setup(Level.Trial)
    public void open() throws IOException, SQLException {
        dir = Files.createTempDirectory("quorum-store-bench");
        String url;
        if (database.equals("sqlite")) {
            url = "jdbc:sqlite:" + dir.resolve("quorum.db");
        } else {
            baseUrl = System.getenv("QUORUM_TEST_POSTGRES_URL");
            if (baseUrl == null) {
                throw new IllegalStateException(
                        "Set QUORUM_TEST_POSTGRES_URL (bin/test-postgres start; bin/test-postgres url)");
            }
            schema = "bench_" + Long.toHexString(System.nanoTime());
            try (Connection c = DriverManager.getConnection(baseUrl)) {
                c.createStatement().execute("CREATE SCHEMA " + schema);
            }
            url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        store = MetadataStore.open(StorageConfig.defaults(url, dir), Clock.systemUTC());
        params = new LinkedHashMap<>();
        params.put("AccountSid", AC);
        params.put("RoomSid", RM);
        params.put("RoomName", "bench");
        params.put("StatusCallbackEvent", "participant-connected");
        for (int i = 0; i < 2000; i++) {
            store.recordings().create(recording());
        }
    }

    private NewRecording recording() {
        String sid = Secrets.sid("RT");
        return new NewRecording(
                sid,
                AC,
                RM,
                "PA" + "2".repeat(32),
                Secrets.sid("MT"),
                "mic",
                "audio",
                "OPUS",
                "mka",
                0L,
                "recordings/" + AC + "/" + RM + "/" + sid + ".mka",
                null,
                null,
                "bench");
    }

    /** One callback through the queue: stored, leased for an attempt, marked delivered. */
    @Benchmark
    public long callbackEnqueueLeaseDeliver() {
        Delivery d = store.callbacks()
                .enqueue(new NewDelivery(
                        AC, RM, RM, RM, "participant-connected", "https://cb.example/r", "POST", params));
        Instant now = Instant.now();
        store.callbacks().lease(d.id(), "bench", now.plusSeconds(20));
        store.callbacks().delivered(d.id(), 204, now);
        return d.id();
    }

    /** A recording's rows: created when the track starts, completed when it ends. */
    @Benchmark
    public Recording recordingCreateComplete() {
        Recording r = store.recordings().create(recording());
        return store.recordings().complete(r.sid(), 60_000, 1_000_000).orElseThrow();
    }

    /** One API page: the 50 newest of the account's recordings after a cursor. */
    @Benchmark
    public Page<Recording> recordingsPage() {
        Cursor after = (n++ % 2 == 0) ? null : new Cursor(Instant.now().toEpochMilli(), "RT");
        return store.recordings().list(AC, RecordingFilter.any(), after, 50);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException, IOException {
        store.close();
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(baseUrl)) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}

package dev.quorum.storage.testing;

import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.StorageConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty metadata database for one test: a new SQLite file in a temporary directory, or
 * a new schema in the test PostgreSQL server named by {@code QUORUM_TEST_POSTGRES_URL} (which
 * {@code bin/test} sets after {@code bin/test-postgres start}). Without that variable the
 * PostgreSQL variant fails — it never skips — so a green build has run against both databases.
 *
 * <p>{@link #reopen()} closes the store and opens it again on the same data, as a restart does.
 * {@link #close()} drops the PostgreSQL schema.
 */
public final class StoreFixture implements AutoCloseable {

    public static final String POSTGRES_URL_ENV = "QUORUM_TEST_POSTGRES_URL";

    private final TestDatabase kind;
    private final StorageConfig config;
    private final Clock clock;
    private final String schema;
    private MetadataStore store;

    private StoreFixture(TestDatabase kind, StorageConfig config, Clock clock, String schema) {
        this.kind = kind;
        this.config = config;
        this.clock = clock;
        this.schema = schema;
        this.store = MetadataStore.open(config, clock);
    }

    /** Opens a fresh database of the given kind; {@code dir} holds the SQLite file and media. */
    public static StoreFixture open(TestDatabase kind, Path dir, Clock clock) {
        return switch (kind) {
            case SQLITE ->
                new StoreFixture(
                        kind, StorageConfig.defaults("jdbc:sqlite:" + dir.resolve("quorum.db"), dir), clock, null);
            case POSTGRESQL -> {
                String schema =
                        "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
                String base = postgresUrl();
                execute(base, "CREATE SCHEMA " + schema);
                String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
                yield new StoreFixture(kind, StorageConfig.defaults(url, dir), clock, schema);
            }
        };
    }

    /** The URL of the test PostgreSQL server; fails with instructions when it is not set. */
    public static String postgresUrl() {
        String url = System.getenv(POSTGRES_URL_ENV);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(POSTGRES_URL_ENV + " is not set: the storage tests run against PostgreSQL"
                    + " too. Start it with 'bin/test-postgres start' and export " + POSTGRES_URL_ENV
                    + "=$(bin/test-postgres url), or run the suite with bin/test.");
        }
        return url;
    }

    public TestDatabase kind() {
        return kind;
    }

    public StorageConfig config() {
        return config;
    }

    public MetadataStore store() {
        return store;
    }

    /** Closes the store and opens it again on the same database, as a server restart does. */
    public MetadataStore reopen() {
        store.close();
        store = MetadataStore.open(config, clock);
        return store;
    }

    @Override
    public void close() {
        store.close();
        if (schema != null) {
            execute(postgresUrl(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Test PostgreSQL at " + url + " failed '" + sql + "': " + e.getMessage()
                            + " (is it running? bin/test-postgres start)",
                    e);
        }
    }
}

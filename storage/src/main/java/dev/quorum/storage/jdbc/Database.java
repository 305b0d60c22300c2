package dev.quorum.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quorum.storage.DuplicateException;
import dev.quorum.storage.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pool of connections to the metadata database and the one way to use it: a unit of work runs
 * in a transaction that commits before the call returns, so whatever a caller acknowledges after
 * {@link #write} survives a crash.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}; readers run concurrently, and writers
 * are serialised by a lock in this process so that they never fail on a busy database (SQLite
 * allows one writer). PostgreSQL transactions run at READ COMMITTED; work that several servers
 * compete for is claimed with row locks (see {@link Dialect#skipLocked()}).
 *
 * <p>Work nests: a {@code read} or {@code write} inside another joins the outer transaction.
 */
public final class Database implements AutoCloseable {

    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();

    private record Current(Tx tx, boolean write) {}

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final ReentrantLock sqliteWriter = new ReentrantLock(true);

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /**
     * Connects to {@code url} ({@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://…}); for
     * SQLite the file's directory is created.
     *
     * @param poolSize connections kept open (PostgreSQL); SQLite uses at most this many readers
     */
    public static Database open(String url, String user, String password, int poolSize, Duration connectTimeout) {
        Dialect dialect = Dialect.of(url);
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setPoolName("metadata");
        c.setMaximumPoolSize(Math.max(1, poolSize));
        c.setMinimumIdle(1);
        c.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        c.setInitializationFailTimeout(Math.max(1, connectTimeout.toMillis()));
        if (user != null && !user.isEmpty()) {
            c.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            c.setPassword(password);
        }
        if (dialect == Dialect.SQLITE) {
            createParentDirectory(url);
            c.addDataSourceProperty("journal_mode", "WAL");
            c.addDataSourceProperty("synchronous", "FULL");
            c.addDataSourceProperty("foreign_keys", "true");
            c.addDataSourceProperty("busy_timeout", "10000");
        }
        try {
            return new Database(new HikariDataSource(c), dialect);
        } catch (RuntimeException e) {
            throw new StoreException(
                    "Cannot connect to the metadata database " + redact(url) + ": " + rootMessage(e), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs read-only work in a transaction. */
    public <T> T read(SqlWork<T> work) {
        return run(work, false);
    }

    /** Runs work that changes data; it is committed (durably) when this returns. */
    public <T> T write(SqlWork<T> work) {
        return run(work, true);
    }

    private <T> T run(SqlWork<T> work, boolean write) {
        Current outer = CURRENT.get();
        if (outer != null) {
            if (write && !outer.write()) {
                throw new IllegalStateException("A write cannot nest inside a read transaction");
            }
            try {
                return work.run(outer.tx());
            } catch (SQLException e) {
                throw translate(e);
            }
        }
        boolean locked = write && dialect == Dialect.SQLITE;
        if (locked) {
            sqliteWriter.lock();
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            Tx tx = new Tx(c, dialect);
            CURRENT.set(new Current(tx, write));
            try {
                T result = work.run(tx);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                CURRENT.remove();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            if (locked) {
                sqliteWriter.unlock();
            }
        }
    }

    private StoreException translate(SQLException e) {
        if (dialect.isUniqueViolation(e)) {
            return new DuplicateException("Duplicate: " + e.getMessage(), e);
        }
        return new StoreException("Metadata database error: " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }

    private static void createParentDirectory(String url) {
        String file = url.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        if (q >= 0) {
            file = file.substring(0, q);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            throw new StoreException("SQLite needs a file path (jdbc:sqlite:/path/quorum.db), not '" + url + "'");
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("Cannot create the database directory " + parent + ": " + e.getMessage(), e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() {
        pool.close();
    }
}

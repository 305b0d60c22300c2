package dev.quorum.storage.jdbc;

import dev.quorum.storage.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the schema up to date at start. Scripts are numbered resources
 * ({@code migrations/001.sql}, {@code 002.sql}, …; the first comment line describes the step);
 * the applied ones are rows of {@code schema_version}. All pending scripts run in one transaction,
 * so a failed upgrade leaves the database as it was. A database migrated by a newer server is
 * refused rather than used with a schema this code does not know.
 */
public final class Migrator {

    /** One numbered script. */
    public record Script(int version, String description, String sql) {}

    private final Database db;
    private final Clock clock;
    private final List<Script> scripts;

    public Migrator(Database db, Clock clock, List<Script> scripts) {
        this.db = db;
        this.clock = clock;
        this.scripts = List.copyOf(scripts);
        for (int i = 0; i < this.scripts.size(); i++) {
            if (this.scripts.get(i).version() != i + 1) {
                throw new IllegalArgumentException("Migration scripts must be numbered 1, 2, 3… without gaps");
            }
        }
    }

    /** Loads {@code <dir>/001.sql}, {@code 002.sql}, … until the first missing number. */
    public static List<Script> load(ClassLoader loader, String dir) {
        List<Script> out = new ArrayList<>();
        for (int v = 1; ; v++) {
            String name = String.format("%s/%03d.sql", dir, v);
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in == null) {
                    return out;
                }
                String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String first = sql.lines().findFirst().orElse("");
                String description = first.startsWith("--") ? first.substring(2).trim() : name;
                out.add(new Script(v, description, sql));
            } catch (IOException e) {
                throw new StoreException("Cannot read migration " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** The latest version these scripts define. */
    public int latest() {
        return scripts.size();
    }

    /**
     * Applies the pending scripts; returns the schema version now in the database.
     *
     * @throws StoreException if the database is newer than this code, or a script fails
     */
    public int migrate() {
        db.write(tx -> {
            tx.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            return null;
        });
        return db.write(tx -> {
            String lock = tx.dialect().migrationLock();
            if (!lock.isEmpty()) {
                tx.execute(lock);
            }
            int current = (int) tx.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version");
            if (current > latest()) {
                throw new StoreException("The metadata database has schema version " + current
                        + " but this server knows only up to " + latest()
                        + ": it was upgraded by a newer server. Run that version (or newer).");
            }
            for (Script s : scripts.subList(current, scripts.size())) {
                for (String statement : statements(tx.dialect().expand(s.sql()))) {
                    try {
                        tx.execute(statement);
                    } catch (java.sql.SQLException e) {
                        throw new java.sql.SQLException(
                                "Migration " + s.version() + " (" + s.description() + ") failed at: " + statement + ": "
                                        + e.getMessage(),
                                e);
                    }
                }
                tx.update(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                        s.version(),
                        s.description(),
                        clock.instant());
            }
            return latest();
        });
    }

    /** Splits a script at semicolons that end a line; {@code --} comment lines are dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = cur.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }
}

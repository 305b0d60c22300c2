package dev.quorum.storage;

import dev.quorum.storage.jdbc.Database;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Secrets the server generates once and keeps (e.g. the key that signs media URLs). They live in
 * the metadata store so that every server sharing it agrees on them.
 */
public final class ServerSecrets {

    private final Database db;
    private final Clock clock;

    public ServerSecrets(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The secret stored under {@code name}, generating and storing it on first use. */
    public String getOrCreate(String name, Supplier<String> generator) {
        Optional<String> existing = find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        String fresh = generator.get();
        db.write(tx -> tx.update(
                "INSERT INTO server_secrets (name, secret, date_created) VALUES (?, ?, ?)"
                        + " ON CONFLICT (name) DO NOTHING",
                name,
                fresh,
                clock.instant()));
        // Another server may have won the race; everyone uses the stored one.
        return find(name).orElseThrow();
    }

    private Optional<String> find(String name) {
        return db.read(tx -> tx.one("SELECT secret FROM server_secrets WHERE name = ?", rs -> rs.getString(1), name));
    }
}

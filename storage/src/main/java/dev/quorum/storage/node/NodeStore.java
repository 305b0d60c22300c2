package dev.quorum.storage.node;

import dev.quorum.storage.jdbc.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The servers sharing this database: each registers its instance id, public URL and roles at
 * start, so a server can tell a client which server hosts a room.
 */
public final class NodeStore {

    /** A registered server. */
    public record Node(String instanceId, String publicUrl, String roles) {}

    private final Database db;
    private final Clock clock;

    public NodeStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void register(String instanceId, String publicUrl, String roles) {
        Instant now = clock.instant();
        db.write(tx -> tx.update(
                "INSERT INTO nodes (instance_id, public_url, roles, date_updated) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (instance_id) DO UPDATE SET public_url = excluded.public_url, roles = excluded.roles,"
                        + " date_updated = excluded.date_updated",
                instanceId,
                publicUrl,
                roles,
                now));
    }

    public Optional<Node> find(String instanceId) {
        return db.read(tx -> tx.one(
                "SELECT instance_id, public_url, roles FROM nodes WHERE instance_id = ?",
                rs -> new Node(rs.getString("instance_id"), rs.getString("public_url"), rs.getString("roles")),
                instanceId));
    }
}

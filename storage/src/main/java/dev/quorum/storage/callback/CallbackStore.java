package dev.quorum.storage.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.storage.Cursor;
import dev.quorum.storage.Page;
import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable status-callback queue and its log. A callback is stored before anyone is told
 * about it, leased by one dispatcher at a time, and kept after delivery (or giving up) as the
 * log users inspect.
 *
 * <p>Order: only the oldest pending callback of an ordering key is ever due, so one key's
 * callbacks go out strictly in order, while a key whose receiver is failing (backing off) holds up
 * nobody else.
 */
public final class CallbackStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> PARAMS = new TypeReference<>() {};

    private static final String COLUMNS =
            "id, account_sid, ordering_key, resource_sid, room_sid, event, sequence_number, "
                    + "url, method, params, status, attempts, next_attempt_at, leased_by, leased_until, last_attempt_at, "
                    + "last_status_code, last_error, date_created, date_finished, body";

    private static final RowMapper<Delivery> MAPPER = rs -> new Delivery(
            rs.getLong("id"),
            rs.getString("account_sid"),
            rs.getString("ordering_key"),
            rs.getString("resource_sid"),
            rs.getString("room_sid"),
            rs.getString("event"),
            rs.getLong("sequence_number"),
            rs.getString("url"),
            rs.getString("method"),
            parseParams(rs.getString("params")),
            rs.getString("status"),
            rs.getInt("attempts"),
            Rows.instant(rs, "next_attempt_at"),
            rs.getString("leased_by"),
            Rows.instant(rs, "leased_until"),
            Rows.instant(rs, "last_attempt_at"),
            Rows.intOrNull(rs, "last_status_code"),
            rs.getString("last_error"),
            Rows.instant(rs, "date_created"),
            Rows.instant(rs, "date_finished"),
            rs.getString("body"));

    private static final String SELECT = "SELECT " + COLUMNS + " FROM callback_deliveries";

    private final Database db;
    private final Clock clock;

    public CallbackStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Queues a callback, due now; it is durable when this returns. */
    public Delivery enqueue(NewDelivery d) {
        Instant now = clock.instant();
        return db.write(tx -> {
            long seq = tx.scalar(
                    "SELECT COALESCE(MAX(sequence_number) + 1, 0) FROM callback_deliveries WHERE ordering_key = ?",
                    d.orderingKey());
            long id = tx.insertReturningId(
                    "INSERT INTO callback_deliveries (account_sid, ordering_key, resource_sid,"
                            + " room_sid, event, sequence_number, url, method, params, status, attempts, next_attempt_at,"
                            + " date_created, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) RETURNING id",
                    d.accountSid(),
                    d.orderingKey(),
                    d.resourceSid(),
                    d.roomSid(),
                    d.event(),
                    seq,
                    d.url(),
                    d.method(),
                    json(d.params()),
                    now,
                    now,
                    d.body());
            return tx.one(SELECT + " WHERE id = ?", MAPPER, id).orElseThrow();
        });
    }

    /**
     * Callbacks to attempt now: for each ordering key, its oldest pending callback if that one is
     * due and not leased; oldest first, at most {@code limit}.
     */
    public List<Delivery> due(Instant now, int limit) {
        return db.read(tx -> tx.list(
                SELECT + " d WHERE d.status = 'pending' AND d.next_attempt_at <= ?"
                        + " AND (d.leased_until IS NULL OR d.leased_until < ?)"
                        + " AND d.id = (SELECT MIN(p.id) FROM callback_deliveries p"
                        + " WHERE p.ordering_key = d.ordering_key AND p.status = 'pending')"
                        + " ORDER BY d.next_attempt_at, d.id LIMIT ?",
                MAPPER,
                now,
                now,
                limit));
    }

    /** When the next callback falls due (the earliest head of an ordering key), if any is pending. */
    public Optional<Instant> nextDueAt() {
        return db
                .read(tx -> tx.list(
                        "SELECT MIN(d.next_attempt_at) AS due_at FROM callback_deliveries d"
                                + " WHERE d.status = 'pending' AND d.id = (SELECT MIN(p.id) FROM callback_deliveries p"
                                + " WHERE p.ordering_key = d.ordering_key AND p.status = 'pending')",
                        rs -> Optional.ofNullable(Rows.instant(rs, "due_at"))))
                .stream()
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * Takes a due callback for one attempt until {@code until}; false if it is no longer pending or
     * another dispatcher holds it.
     */
    public boolean lease(long id, String owner, Instant until) {
        Instant now = clock.instant();
        return db.write(tx -> tx.update(
                        "UPDATE callback_deliveries SET leased_by = ?, leased_until = ?"
                                + " WHERE id = ? AND status = 'pending' AND (leased_until IS NULL OR leased_until < ?)",
                        owner,
                        until,
                        id,
                        now)
                > 0);
    }

    /** The receiver answered 2xx: the callback is delivered and leaves the queue. */
    public void delivered(long id, int statusCode, Instant at) {
        db.write(tx -> tx.update(
                "UPDATE callback_deliveries SET status = 'delivered', attempts = attempts + 1,"
                        + " last_attempt_at = ?, last_status_code = ?, last_error = NULL, date_finished = ?, leased_by = NULL,"
                        + " leased_until = NULL WHERE id = ? AND status = 'pending'",
                at,
                statusCode,
                at,
                id));
    }

    /** The attempt failed; try again at {@code nextAttemptAt}. */
    public void retryLater(long id, Integer statusCode, String error, Instant at, Instant nextAttemptAt) {
        db.write(tx -> tx.update(
                "UPDATE callback_deliveries SET attempts = attempts + 1, last_attempt_at = ?,"
                        + " last_status_code = ?, last_error = ?, next_attempt_at = ?, leased_by = NULL, leased_until = NULL"
                        + " WHERE id = ? AND status = 'pending'",
                at,
                statusCode,
                truncate(error),
                nextAttemptAt,
                id));
    }

    /** The attempt failed and the retry window is over: the callback is given up. */
    public void giveUp(long id, Integer statusCode, String error, Instant at) {
        db.write(tx -> tx.update(
                "UPDATE callback_deliveries SET status = 'failed', attempts = attempts + 1,"
                        + " last_attempt_at = ?, last_status_code = ?, last_error = ?, date_finished = ?, leased_by = NULL,"
                        + " leased_until = NULL WHERE id = ? AND status = 'pending'",
                at,
                statusCode,
                truncate(error),
                at,
                id));
    }

    public Optional<Delivery> find(String accountSid, long id) {
        return db.read(tx -> tx.one(SELECT + " WHERE id = ? AND account_sid = ?", MAPPER, id, accountSid));
    }

    /** The account's log, newest first. The cursor's time is the last id shown. */
    public Page<Delivery> list(String accountSid, DeliveryFilter f, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE account_sid = ?");
        List<Object> args = new ArrayList<>(List.of(accountSid));
        if (f.resourceSid() != null) {
            sql.append(" AND (resource_sid = ? OR room_sid = ? OR ordering_key = ?)");
            args.addAll(List.of(f.resourceSid(), f.resourceSid(), f.resourceSid()));
        }
        if (f.status() != null) {
            sql.append(" AND status = ?");
            args.add(f.status());
        }
        if (f.event() != null) {
            sql.append(" AND event = ?");
            args.add(f.event());
        }
        if (after != null) {
            sql.append(" AND id < ?");
            args.add(after.time());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit + 1);
        List<Delivery> rows = db.read(tx -> tx.list(sql.toString(), MAPPER, args.toArray()));
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<Delivery> shown = rows.subList(0, limit);
        return new Page<>(shown, Optional.of(new Cursor(shown.get(limit - 1).id(), "")));
    }

    /** Callbacks not yet delivered or given up: the queue depth. */
    public long pendingCount() {
        return db.read(tx -> tx.scalar("SELECT COUNT(*) FROM callback_deliveries WHERE status = 'pending'"));
    }

    /** Forgets delivered and given-up callbacks finished before {@code before}. */
    public int purgeFinishedBefore(Instant before) {
        return db.write(tx ->
                tx.update("DELETE FROM callback_deliveries WHERE status <> 'pending' AND date_finished < ?", before));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private static String json(Map<String, String> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parseParams(String json) throws SQLException {
        try {
            return JSON.readValue(json, PARAMS);
        } catch (JsonProcessingException e) {
            throw new SQLException("Stored callback parameters are not a JSON object", e);
        }
    }
}

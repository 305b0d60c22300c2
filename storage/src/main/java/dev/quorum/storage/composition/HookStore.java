package dev.quorum.storage.composition;

import dev.quorum.storage.Cursor;
import dev.quorum.storage.Page;
import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import dev.quorum.storage.jdbc.Where;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Composition hooks; friendly names are unique within an account. */
public final class HookStore {

    private static final String COLUMNS = "sid, account_sid, friendly_name, enabled, video_layout, audio_sources, "
            + "audio_sources_excluded, resolution, format, trim_gaps, status_callback, status_callback_method, "
            + "date_created, date_updated";

    private static final RowMapper<CompositionHook> MAPPER = rs -> new CompositionHook(
            rs.getString("sid"),
            rs.getString("account_sid"),
            rs.getString("friendly_name"),
            Rows.bool(rs, "enabled"),
            new CompositionSpec(
                    rs.getString("video_layout"),
                    Rows.strings(rs, "audio_sources"),
                    Rows.strings(rs, "audio_sources_excluded"),
                    rs.getString("resolution"),
                    rs.getString("format"),
                    Rows.bool(rs, "trim_gaps"),
                    rs.getString("status_callback"),
                    rs.getString("status_callback_method")),
            Rows.instant(rs, "date_created"),
            Rows.instant(rs, "date_updated"));

    private static final String SELECT = "SELECT " + COLUMNS + " FROM composition_hooks";

    private final Database db;
    private final Clock clock;

    public HookStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Stores a new hook.
     *
     * @throws dev.quorum.storage.DuplicateException if the account has a hook with that name
     */
    public CompositionHook create(
            String sid, String accountSid, String friendlyName, boolean enabled, CompositionSpec spec) {
        Instant now = clock.instant();
        return db.write(tx -> {
            tx.update(
                    "INSERT INTO composition_hooks (" + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                    sid,
                    accountSid,
                    friendlyName,
                    enabled,
                    spec.videoLayoutJson(),
                    Rows.json(spec.audioSources()),
                    Rows.json(spec.audioSourcesExcluded()),
                    spec.resolution(),
                    spec.format(),
                    spec.trim(),
                    spec.statusCallback(),
                    spec.statusCallbackMethod(),
                    now);
            return tx.one(SELECT + " WHERE sid = ?", MAPPER, sid).orElseThrow();
        });
    }

    /**
     * Replaces every field of a hook (an update is a full replacement); empty if the account has
     * no such hook.
     *
     * @throws dev.quorum.storage.DuplicateException if another hook of the account has that name
     */
    public Optional<CompositionHook> replace(
            String accountSid, String sid, String friendlyName, boolean enabled, CompositionSpec spec) {
        Instant now = clock.instant();
        return db.write(tx -> {
            int n = tx.update(
                    "UPDATE composition_hooks SET friendly_name = ?, enabled = ?, video_layout = ?,"
                            + " audio_sources = ?, audio_sources_excluded = ?, resolution = ?, format = ?, trim_gaps = ?,"
                            + " status_callback = ?, status_callback_method = ?, date_updated = ?"
                            + " WHERE sid = ? AND account_sid = ?",
                    friendlyName,
                    enabled,
                    spec.videoLayoutJson(),
                    Rows.json(spec.audioSources()),
                    Rows.json(spec.audioSourcesExcluded()),
                    spec.resolution(),
                    spec.format(),
                    spec.trim(),
                    spec.statusCallback(),
                    spec.statusCallbackMethod(),
                    now,
                    sid,
                    accountSid);
            return n == 0 ? Optional.<CompositionHook>empty() : tx.one(SELECT + " WHERE sid = ?", MAPPER, sid);
        });
    }

    public Optional<CompositionHook> find(String accountSid, String sid) {
        return db.read(tx -> tx.one(SELECT + " WHERE sid = ? AND account_sid = ?", MAPPER, sid, accountSid));
    }

    public Page<CompositionHook> list(String accountSid, HookFilter f, Cursor after, int limit) {
        Where w = new Where()
                .and("account_sid = ?", accountSid)
                .andIf(f.enabled(), "enabled = ?")
                .andIf(
                        f.friendlyName() == null ? null : likePattern(f.friendlyName()),
                        "LOWER(friendly_name) LIKE LOWER(?) ESCAPE '\\'")
                .andIf(f.createdAfter(), "date_created >= ?")
                .andIf(f.createdBefore(), "date_created < ?")
                .after(after, "date_created", "sid");
        return db.read(tx -> w.page(
                tx,
                SELECT,
                "date_created",
                "sid",
                limit,
                MAPPER,
                h -> new Cursor(h.dateCreated().toEpochMilli(), h.sid())));
    }

    /** The account's enabled hooks, oldest first: what to run when one of its rooms ends. */
    public List<CompositionHook> enabledFor(String accountSid) {
        return db.read(tx -> tx.list(
                SELECT + " WHERE account_sid = ? AND enabled = 1 ORDER BY date_created, sid", MAPPER, accountSid));
    }

    public boolean delete(String accountSid, String sid) {
        return db.write(tx ->
                tx.update("DELETE FROM composition_hooks WHERE sid = ? AND account_sid = ?", sid, accountSid) > 0);
    }

    /** Notes that the hooks of an ended room must run once its recordings are written; idempotent. */
    public void await(String roomSid, String accountSid) {
        Instant now = clock.instant();
        db.write(tx -> tx.update(
                "INSERT INTO composition_hook_waits (room_sid, account_sid, date_created)"
                        + " VALUES (?, ?, ?) ON CONFLICT (room_sid) DO NOTHING",
                roomSid,
                accountSid,
                now));
    }

    /** The room's hooks have run (or it has nothing to compose). */
    public void doneWaiting(String roomSid) {
        db.write(tx -> tx.update("DELETE FROM composition_hook_waits WHERE room_sid = ?", roomSid));
    }

    /** Every room whose hooks still wait, oldest first: what a restarted server looks at again. */
    public List<HookWait> waiting() {
        return db.read(tx -> tx.list(
                "SELECT room_sid, account_sid FROM composition_hook_waits" + " ORDER BY date_created, room_sid",
                rs -> new HookWait(rs.getString("room_sid"), rs.getString("account_sid"))));
    }

    /** A friendly-name filter as a LIKE pattern: {@code *} → {@code %}, LIKE's own characters escaped. */
    static String likePattern(String wildcard) {
        StringBuilder b = new StringBuilder();
        for (char c : wildcard.toCharArray()) {
            switch (c) {
                case '*' -> b.append('%');
                case '%', '_', '\\' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

package dev.quorum.storage.archive;

import dev.quorum.storage.jdbc.Database;
import dev.quorum.storage.jdbc.RowMapper;
import dev.quorum.storage.jdbc.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Video projects, kept in step with the configuration as accounts are. */
public final class VideoProjectStore {

    private static final String COLUMNS =
            "id, kind, account_sid, api_secret, public_key, video_codec, archive_callback,"
                    + " callback_secret, origin, enabled, date_created, date_updated";

    private static final RowMapper<VideoProject> MAPPER = rs -> new VideoProject(
            rs.getString("id"),
            rs.getString("kind"),
            rs.getString("account_sid"),
            rs.getString("api_secret"),
            rs.getString("public_key"),
            rs.getString("video_codec"),
            rs.getString("archive_callback"),
            rs.getString("callback_secret"),
            rs.getString("origin"),
            Rows.bool(rs, "enabled"),
            Rows.instant(rs, "date_created"),
            Rows.instant(rs, "date_updated"));

    private final Database db;
    private final Clock clock;

    public VideoProjectStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Makes the stored projects match the configuration: each given one is inserted or updated and
     * enabled; configured projects no longer listed are disabled (their sessions and archives stay).
     */
    public void syncConfigured(List<VideoProject> configured) {
        Instant now = clock.instant();
        db.write(tx -> {
            for (VideoProject p : configured) {
                tx.update(
                        "INSERT INTO video_projects (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"
                                + " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, account_sid = excluded.account_sid,"
                                + " api_secret = excluded.api_secret, public_key = excluded.public_key,"
                                + " video_codec = excluded.video_codec, archive_callback = excluded.archive_callback,"
                                + " callback_secret = excluded.callback_secret, origin = excluded.origin, enabled = 1,"
                                + " date_updated = excluded.date_updated",
                        p.id(),
                        p.kind(),
                        p.accountSid(),
                        p.apiSecret(),
                        p.publicKey(),
                        p.videoCodec(),
                        p.archiveCallback(),
                        p.callbackSecret(),
                        VideoProject.CONFIGURED,
                        now,
                        now);
            }
            String keep = configured.isEmpty()
                    ? ""
                    : " AND id NOT IN (" + String.join(", ", Collections.nCopies(configured.size(), "?")) + ")";
            tx.update(
                    "UPDATE video_projects SET enabled = 0 WHERE origin = 'configured'" + keep,
                    configured.stream().map(VideoProject::id).toArray());
            return null;
        });
    }

    /** A project by API key or application ID, enabled or not. */
    public Optional<VideoProject> find(String id) {
        return db.read(tx -> tx.one("SELECT " + COLUMNS + " FROM video_projects WHERE id = ?", MAPPER, id));
    }

    /** The enabled projects. */
    public List<VideoProject> enabled() {
        return db.read(
                tx -> tx.list("SELECT " + COLUMNS + " FROM video_projects WHERE enabled = 1 ORDER BY id", MAPPER));
    }
}

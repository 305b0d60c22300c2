package dev.quorum.storage.jdbc;

import dev.quorum.storage.Cursor;
import dev.quorum.storage.Page;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A WHERE clause built from optional filters, with its parameters, so that a list query binds
 * only the filters a caller gave (no {@code ? IS NULL} tricks, which PostgreSQL cannot type).
 */
public final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();

    public Where and(String condition, Object... values) {
        conditions.add(condition);
        args.addAll(List.of(values));
        return this;
    }

    /** Adds the condition only when {@code value} is not null. */
    public Where andIf(Object value, String condition) {
        if (value != null) {
            and(condition, value);
        }
        return this;
    }

    /** {@code column IN (?, ?, …)}; an empty list matches nothing. */
    public Where andIn(String column, List<String> values) {
        if (values.isEmpty()) {
            conditions.add("1 = 0");
            return this;
        }
        conditions.add(column + " IN (" + String.join(", ", java.util.Collections.nCopies(values.size(), "?")) + ")");
        args.addAll(values);
        return this;
    }

    /** Rows strictly after the cursor in newest-first (time, sid) order. */
    public Where after(Cursor cursor, String timeColumn, String sidColumn) {
        if (cursor != null) {
            and(
                    "(" + timeColumn + " < ? OR (" + timeColumn + " = ? AND " + sidColumn + " < ?))",
                    cursor.time(),
                    cursor.time(),
                    cursor.sid());
        }
        return this;
    }

    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public Object[] args(Object... extra) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(List.of(extra));
        return all.toArray();
    }

    /**
     * Runs a newest-first page query: {@code select} is the SELECT … FROM part; fetches one row
     * more than {@code limit} to learn whether another page follows.
     */
    public <T> Page<T> page(
            Tx tx,
            String select,
            String timeColumn,
            String sidColumn,
            int limit,
            RowMapper<T> mapper,
            Function<T, Cursor> cursorOf)
            throws SQLException {
        String sql = select + sql() + " ORDER BY " + timeColumn + " DESC, " + sidColumn + " DESC LIMIT ?";
        List<T> rows = tx.list(sql, mapper, args(limit + 1));
        if (rows.size() <= limit) {
            return new Page<>(rows, java.util.Optional.empty());
        }
        List<T> shown = rows.subList(0, limit);
        return new Page<>(shown, java.util.Optional.of(cursorOf.apply(shown.get(limit - 1))));
    }
}

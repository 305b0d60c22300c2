package dev.quorum.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One open transaction. Parameters bind portably: {@link Instant} as epoch milliseconds,
 * {@link Boolean} as 0/1, strings and numbers as themselves, null as SQL NULL.
 */
public final class Tx {

    private final Connection connection;
    private final Dialect dialect;

    Tx(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
    public int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /** Runs an {@code INSERT … RETURNING id} and returns the generated id. */
    public long insertReturningId(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("INSERT returned no id: " + sql);
                }
                return rs.getLong(1);
            }
        }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> rows = list(sql, mapper, args);
        if (rows.size() > 1) {
            throw new SQLException("Expected at most one row, got " + rows.size() + ": " + sql);
        }
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** A single numeric value, e.g. {@code SELECT COUNT(*) …}. */
    public long scalar(String sql, Object... args) throws SQLException {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    /** Runs a statement that takes no parameters (DDL, locks). */
    void execute(String sql) throws SQLException {
        try (var st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int p = i + 1;
            if (a == null) {
                ps.setNull(p, Types.NULL);
            } else if (a instanceof String s) {
                ps.setString(p, s);
            } else if (a instanceof Integer n) {
                ps.setInt(p, n);
            } else if (a instanceof Long n) {
                ps.setLong(p, n);
            } else if (a instanceof Boolean b) {
                ps.setInt(p, b ? 1 : 0);
            } else if (a instanceof Instant t) {
                ps.setLong(p, t.toEpochMilli());
            } else {
                throw new IllegalArgumentException("Cannot bind " + a.getClass().getName() + " at parameter " + p);
            }
        }
    }
}

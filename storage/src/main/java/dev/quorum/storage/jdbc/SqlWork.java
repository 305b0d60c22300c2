package dev.quorum.storage.jdbc;

import java.sql.SQLException;

/** A unit of database work run inside one transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Tx tx) throws SQLException;
}

package dev.quorum.storage.testing;

/** The databases the suite runs against; every store test runs once per value. */
public enum TestDatabase {
    SQLITE,
    POSTGRESQL
}

/**
 * JDBC plumbing shared by the stores: the connection pool and transactions, portable parameter binding, dialect differences and schema migrations.
 */
package dev.quorum.storage.jdbc;

/**
 * Persistence: the metadata store ({@link dev.quorum.storage.MetadataStore}, SQLite or PostgreSQL, schema migrations), the media store ({@link dev.quorum.storage.media}) and signed media links ({@link dev.quorum.storage.url}).
 */
package dev.quorum.storage;

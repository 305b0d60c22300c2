/**
 * Media files by key: the store interface and the local-disk implementation.
 */
package dev.quorum.storage.media;

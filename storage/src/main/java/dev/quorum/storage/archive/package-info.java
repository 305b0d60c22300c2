/**
 * The archive API's records: video projects (the two credential flavours), sessions (a name for
 * the rooms their clients meet in), the connections and streams of those rooms, and archives with
 * their layout changes, hand-picked streams and the recordings they are made of.
 */
package dev.quorum.storage.archive;

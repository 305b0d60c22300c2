/**
 * The archive API: sessions (the names of rooms), their streams, and archives — recording plans
 * over a session's room, driven by a status machine with the hosted service's timers, made from
 * the recorder's per-track files, and delivered as a ZIP of per-stream files or a composed MP4.
 */
package dev.quorum.api.archives;

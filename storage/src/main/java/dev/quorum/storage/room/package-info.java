/**
 * Rooms, participants and published tracks: the history of the SFU's live state.
 */
package dev.quorum.storage.room;

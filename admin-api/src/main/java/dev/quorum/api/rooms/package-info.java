/**
 * Rooms, participants, published and subscribed tracks, recording rules and the pause/resume extension: live state from {@link dev.quorum.sfu.api.RoomControl}, history from the metadata store.
 */
package dev.quorum.api.rooms;

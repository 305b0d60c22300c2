/**
 * Signaling sessions: what happens on one WebSocket and to one participant, independent of
 * Vert.x so it can be driven directly in tests.
 *
 * <p>A {@link dev.quorum.signaling.session.ConnectionHandler} owns one socket: flow control
 * (size and rate limits), decoding, the join timeout, and {@code join}/{@code resume}. A joined
 * socket is attached to a {@link dev.quorum.signaling.session.ParticipantSession}, which outlives
 * the socket for the resume window: it drives the engine's
 * {@link dev.quorum.sfu.room.Participant} (publisher answers, one outstanding subscriber offer at
 * a time, mute, video preferences, leave) and receives the room's events as its
 * {@link dev.quorum.sfu.room.Participant.Listener}. Each session runs its work one task at a time
 * on a {@link dev.quorum.signaling.session.SerialExecutor}, so engine callbacks (room event loop)
 * and client messages (socket thread) never race.
 */
package dev.quorum.signaling.session;

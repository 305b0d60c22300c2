/**
 * The forwarding engine: rooms, participants, published tracks, subscriptions, simulcast, RTCP
 * feedback and recording taps.
 *
 * <h2>How the signaling layer drives it</h2>
 * The engine knows no SDP text and no WebSocket. {@link dev.quorum.sfu.room.Rooms} is the
 * registry (one per server; it also implements {@link dev.quorum.sfu.api.RoomControl} for the
 * REST API). A client joins with {@link dev.quorum.sfu.room.Rooms#join}, which creates an ad hoc
 * room on first use and returns a {@link dev.quorum.sfu.room.Participant}. Each participant has two
 * peer connections:
 * <ol>
 *   <li><b>Publisher</b> (client offers, server answers): signaling calls
 *       {@link dev.quorum.sfu.room.Participant#publisherTransport} for the answer's ICE/DTLS
 *       lines, chooses one codec per m-section with the room's policy
 *       ({@link dev.quorum.sfu.api.RoomSettings#videoCodecs()}, {@code audioOnly}), and declares
 *       the sections with {@link dev.quorum.sfu.room.Participant#updatePublications} as
 *       {@link dev.quorum.sfu.room.PublishedMedia} records; the answer pairs each published track
 *       with its mid ({@link dev.quorum.sfu.room.Publication}).</li>
 *   <li><b>Subscriber</b> (server offers, client answers): on
 *       {@link dev.quorum.sfu.room.Participant.Listener#onSubscriptionsChanged()} signaling
 *       fetches {@link dev.quorum.sfu.room.Participant#subscriberOffer()} (a list of
 *       {@link dev.quorum.sfu.room.OutgoingTrack} sections with stable mids) and
 *       {@link dev.quorum.sfu.room.Participant#subscriberTransport}, writes the offer, and
 *       reports the answer with {@link dev.quorum.sfu.room.Participant#subscriberAnswered}.
 *       One offer is outstanding at a time.</li>
 * </ol>
 * What the answer may negotiate: the engine implements {@code nack} (retransmission from a
 * per-subscriber cache, as RTX when negotiated), {@code nack pli} and {@code ccm fir},
 * {@code transport-cc} (feedback to publishers; bandwidth estimation from subscribers) and
 * {@code goog-remb}; the header extensions {@code sdes:mid}, {@code sdes:rtp-stream-id},
 * {@code sdes:repaired-rtp-stream-id}, {@code abs-send-time}, transport-wide-cc,
 * {@code ssrc-audio-level} and {@code urn:3gpp:video-orientation}. Subscriber sections carry
 * renumbered payload types (unique per codec within the subscriber's bundle) and the extension ids
 * of {@link dev.quorum.sfu.room.OutgoingTrack#headerExtensions()}.
 *
 * <h2>Leaving and failing</h2>
 * A participant leaves with {@link dev.quorum.sfu.room.Participant#leave}, or when its client
 * closes one of its peer connections on purpose (DTLS close_notify, as a browser does when the
 * page is closed): then {@link dev.quorum.sfu.room.Participant.Listener#onLeft} tells the
 * signaling layer, and nobody is told of an error. A transport that fails (ICE consent lost, DTLS
 * failure or timeout) disconnects the participant with
 * {@link dev.quorum.sfu.room.DisconnectReason#MEDIA_CONNECTION_FAILED}.
 *
 * <h2>Threading</h2>
 * A room lives on one event loop: its packet path and its state need no locks. Public methods may
 * be called from any thread; they hop onto the room's loop and complete the returned
 * {@link java.util.concurrent.CompletionStage} there. {@link dev.quorum.sfu.room.Participant.Listener}
 * methods are called on the room's loop, in order. The {@link dev.quorum.sfu.api.RoomControl}
 * methods wait for the room's loop (briefly; never for media).
 *
 * <h2>Events</h2>
 * Rooms publish {@code room-created}/{@code room-ended}, {@code participant-connected}/
 * {@code participant-disconnected} and {@code track-added}/{@code track-removed}/
 * {@code track-enabled}/{@code track-disabled} on the {@link dev.quorum.sfu.event.EventBus}.
 *
 * <h2>Recording</h2>
 * The room evaluates its recording rules for every published track; a recorded track is handed to
 * the {@link dev.quorum.sfu.tap.MediaTap} and its sink is lent every decrypted, RTX-unwrapped
 * packet (for simulcast, of the highest active layer).
 *
 * <h2>Buffers: one contract along the media path</h2>
 * A packet handed to a callee is <b>lent</b>: the caller owns it and releases it when the call
 * returns; a callee that keeps it past the call takes a reference of its own ({@code retain()},
 * or a retained slice) and releases that. This holds at every step of the receive path: the
 * transport's {@link dev.quorum.sfu.transport.Transport.Listener}, the engine's
 * {@link dev.quorum.sfu.room.link.MediaLink.Listener}, a track's subscriptions, and the recording
 * sink ({@link dev.quorum.sfu.tap.TrackSink}, which retains what it queues) — as Netty's
 * {@code SimpleChannelInboundHandler} does. The one exception is a send, which queues the packet
 * to a socket: {@code Transport.sendRtp}/{@code sendRtcp} and {@code MediaLink.sendRtp}/{@code
 * sendRtcp} take the reference they are given, also when they drop the packet, as Netty's
 * {@code write} does.
 */
package dev.quorum.sfu.room;

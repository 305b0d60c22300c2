/**
 * SDP offer/answer for the two peer connections of a participant.
 *
 * <ul>
 *   <li><b>Publisher</b>: {@link dev.quorum.signaling.negotiation.PublishNegotiator} checks the
 *       client's offer and chooses one codec per m-section with the room's
 *       {@link dev.quorum.signaling.negotiation.CodecPolicy};
 *       {@link dev.quorum.signaling.negotiation.PublishAnswerWriter} writes the answer from that
 *       plan and the server's transport description.</li>
 *   <li><b>Subscriber</b>: {@link dev.quorum.signaling.negotiation.SubscriberOfferWriter} writes
 *       the engine's {@link dev.quorum.sfu.room.SubscriberOffer} as SDP and
 *       {@link dev.quorum.signaling.negotiation.SubscriberAnswerReader} checks the client's
 *       answer.</li>
 * </ul>
 * What may be negotiated is limited to what the forwarding engine implements
 * ({@link dev.quorum.signaling.negotiation.EngineCapabilities}). Refusals are
 * {@link dev.quorum.signaling.negotiation.NegotiationException}s with a
 * {@link dev.quorum.signaling.negotiation.NegotiationException.Kind}.
 */
package dev.quorum.signaling.negotiation;

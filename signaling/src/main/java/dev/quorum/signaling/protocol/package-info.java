/**
 * The signaling protocol's wire format (documented for client writers in {@code docs/signaling.md}):
 * JSON text messages with a {@code type}; {@link dev.quorum.signaling.protocol.MessageDecoder}
 * turns client text into {@link dev.quorum.signaling.protocol.ClientMessage} records or a
 * {@link dev.quorum.signaling.protocol.ProtocolException} with an
 * {@link dev.quorum.signaling.protocol.ErrorCode};
 * {@link dev.quorum.signaling.protocol.ServerMessages} writes what the server sends;
 * {@link dev.quorum.signaling.protocol.CloseCodes} lists the WebSocket close codes.
 */
package dev.quorum.signaling.protocol;

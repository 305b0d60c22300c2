/**
 * RTCP (RFC 3550, RFC 4585, RFC 5104, transport-cc and REMB drafts): one record per message,
 * named as its RFC names it, each with a static {@code parse} returning an
 * {@link dev.quorum.rtp.rtcp.RtcpResult} (never throwing, never reading past the buffer),
 * {@code writeTo(ByteBuf)} and {@code encodedLength()}.
 *
 * <p>{@link dev.quorum.rtp.rtcp.RtcpParser} turns a compound datagram into a list of messages;
 * {@link dev.quorum.rtp.rtcp.RtcpReader} walks one without allocating, for the packet path, which
 * then parses only the messages it acts on:
 *
 * <pre>{@code
 * RtcpReader reader = new RtcpReader();            // reused
 * if (reader.reset(buf)) {
 *     while (reader.next()) {
 *         if (reader.packetType() == RtcpPacket.RTPFB && reader.count() == TransportLayerNack.FORMAT
 *                 && TransportLayerNack.parse(buf, reader.offset(), reader.length())
 *                         instanceof RtcpResult.Parsed<TransportLayerNack> nack) {
 *             responder.onNack(nack.packet());
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Unknown packet types and feedback formats are not errors: they parse as
 * {@link dev.quorum.rtp.rtcp.RawRtcp} holding the bytes.
 */
package dev.quorum.rtp.rtcp;

/**
 * RTP packets as views over Netty buffers (RFC 3550, RFC 8285 header extensions, RFC 4588 RTX),
 * sequence and timestamp unwrapping, and the retransmission cache.
 *
 * <p>The forwarding path parses every packet into a reusable {@link dev.quorum.rtp.RtpPacket}
 * view, which computes offsets once and then reads and rewrites header fields in place:
 *
 * <pre>{@code
 * RtpPacket view = new RtpPacket();          // one per event loop or stream
 * ...
 * if (view.wrap(buf) instanceof RtpError error) {
 *     stage.drop(error);                      // PacketStage<RtpError>
 *     buf.release();
 *     return;
 * }
 * int twcc = TransportWideSequenceNumber.read(view, twccId);
 * view.setSsrc(outgoingSsrc);
 * view.setSequenceNumber(rewriter.next(view.sequenceNumber()));
 * }</pre>
 *
 * <p>Nothing here throws on bad input: parsers return {@link dev.quorum.rtp.RtpParseResult}, whose
 * invalid branch is an {@link dev.quorum.rtp.RtpError} naming the cause. No class owns a buffer
 * it is given unless its Javadoc says so. Subpackages: {@code ext} (typed header extensions),
 * {@code rtcp} (RTCP messages), {@code codec} (payload formats and depacketizers).
 */
package dev.quorum.rtp;

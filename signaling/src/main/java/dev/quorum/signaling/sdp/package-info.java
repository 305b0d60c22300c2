/**
 * A typed model of the SDP that WebRTC browsers exchange (RFC 8866 with the JSEP, BUNDLE, ICE,
 * DTLS-SRTP, RTP and simulcast attributes of RFC 8829, 8843, 8839, 8842, 8285, 8851 and 8853),
 * with a {@link dev.quorum.signaling.sdp.SdpParser} and an {@link dev.quorum.signaling.sdp.SdpWriter}.
 *
 * <p>Only what an SFU acts on is typed; any other attribute is kept, in order, as an
 * {@link dev.quorum.signaling.sdp.Attribute} so that parsing and writing a browser's description
 * loses nothing. Parsing is strict about the lines it types: a malformed line is an
 * {@link dev.quorum.signaling.sdp.SdpParseException} carrying its line number, never a partial
 * model. Values are immutable records; descriptions we generate are built with
 * {@link dev.quorum.signaling.sdp.MediaDescription.Builder}.
 */
package dev.quorum.signaling.sdp;

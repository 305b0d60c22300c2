/**
 * The seam between the forwarding engine and the media transport: a {@link
 * dev.quorum.sfu.room.link.MediaLink} is one peer connection's ICE/DTLS/SRTP transport reduced to
 * what the engine needs (send and receive plain RTP/RTCP, the SDP description, lifecycle).
 */
package dev.quorum.sfu.room.link;

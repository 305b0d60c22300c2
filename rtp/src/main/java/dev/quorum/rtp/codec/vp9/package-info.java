/**
 * VP9 over RTP (RFC 9628): the payload descriptor (flexible and non-flexible mode, layer indices,
 * scalability structure; picture ID and TL0PICIDX rewritable in place), the uncompressed header
 * reader for keyframes and their size, superframe indexes, and the depacketizer that keeps the
 * spatial layers up to a target.
 */
package dev.quorum.rtp.codec.vp9;

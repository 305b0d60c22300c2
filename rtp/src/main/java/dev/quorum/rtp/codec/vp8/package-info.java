/**
 * VP8 over RTP (RFC 7741): the payload descriptor (PictureID, TL0PICIDX, TID/KEYIDX, rewritable
 * in place for simulcast switching), the frame header (keyframe flag and size), and the
 * depacketizer.
 */
package dev.quorum.rtp.codec.vp8;

/**
 * H.264 over RTP (RFC 6184, packetization mode 1): the depacketizer (single NAL, STAP-A, FU-A to
 * access units in 4-byte length-prefixed form), a sequence parameter set reader for profile and
 * picture size, and the avcC decoder configuration record builder.
 */
package dev.quorum.rtp.codec.h264;

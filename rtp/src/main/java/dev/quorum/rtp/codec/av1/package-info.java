/**
 * AV1 over RTP (AOM "RTP Payload Format for AV1" v1.0): aggregation headers, OBU elements and
 * their fragmentation across packets, rebuilt into temporal units in the low-overhead bitstream
 * format (every OBU with its size field); sequence header reading for keyframe size.
 */
package dev.quorum.rtp.codec.av1;

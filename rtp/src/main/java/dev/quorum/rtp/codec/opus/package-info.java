/**
 * Opus over RTP (RFC 7587): TOC parsing for packet durations and the depacketizer, which also
 * unwraps RFC 2198 redundant audio (RED) and uses its redundancy to fill losses.
 */
package dev.quorum.rtp.codec.opus;

/**
 * Benchmarks of the {@code rtp} module: RTP header parse and rewrite, RTCP parsing, and each
 * depacketizer per packet. Forks run with Netty's leak detector disabled: the benchmarks reuse a
 * few long-lived buffers, and if one of them were sampled every slice of it would be tracked,
 * which production's short-lived datagram buffers never see.
 */
package dev.quorum.bench.rtp;

/**
 * Benchmarks of the media transport's packet path: SRTP protect and unprotect of 1,200-byte RTP
 * packets for both negotiated profiles, and the receive path of one packet (RFC 7983 demux,
 * SRTP unprotect in place, RTP header parse).
 */
package dev.quorum.bench.transport;

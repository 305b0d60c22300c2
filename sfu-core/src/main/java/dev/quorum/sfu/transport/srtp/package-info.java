/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) with jitsi-srtp, transforming packets in place in Netty heap
 * buffers: {@link dev.quorum.sfu.transport.srtp.SrtpSession} keeps the crypto contexts of one DTLS
 * association per SSRC and direction.
 */
package dev.quorum.sfu.transport.srtp;

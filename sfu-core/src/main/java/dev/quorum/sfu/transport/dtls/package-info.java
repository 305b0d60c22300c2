/**
 * The DTLS 1.2 server of DTLS-SRTP on bctls: certificate and fingerprint, the per-peer session
 * that runs bctls's blocking handshake on a thread of its own over a queue the event loop fills, and a
 * structural check of DTLS records before they are queued.
 */
package dev.quorum.sfu.transport.dtls;

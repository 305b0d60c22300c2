/**
 * A small STUN codec for ICE-lite (RFC 8489 messages and the ICE attributes of RFC 8445):
 * {@link dev.quorum.sfu.transport.stun.StunDecoder} reads a message from a buffer without
 * consuming it, {@link dev.quorum.sfu.transport.stun.StunEncoder} writes one with
 * MESSAGE-INTEGRITY and FINGERPRINT. Verified against the RFC 5769 sample messages and, byte for
 * byte, against ice4j.
 */
package dev.quorum.sfu.transport.stun;

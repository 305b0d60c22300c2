package dev.quorum.sfu.transport.stun;

/**
 * What {@link StunDecoder} made of some bytes: a message plus where its integrity-protected
 * region ends, or the reason the bytes are not a valid STUN message.
 */
public sealed interface StunDecodeResult {

    /**
     * A well-formed message whose FINGERPRINT, if present, matched.
     *
     * @param message           the decoded message
     * @param integrityOffset   offset (from the first header byte) of the MESSAGE-INTEGRITY
     *                          attribute header, or -1 when the message has none
     */
    record Decoded(StunMessage message, int integrityOffset) implements StunDecodeResult {}

    /** Not a valid STUN message; {@code why} is for debug logs and tests. */
    record Malformed(String why) implements StunDecodeResult {}
}

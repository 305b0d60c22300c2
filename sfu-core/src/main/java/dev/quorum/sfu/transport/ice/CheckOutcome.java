package dev.quorum.sfu.transport.ice;

import dev.quorum.sfu.transport.DropReason;

/** What to do with a Binding request after {@link BindingRequestChecker} looked at it. */
public sealed interface CheckOutcome {

    /**
     * An authenticated check: answer with success and update the agent.
     *
     * @param key          the credentials it authenticated with (current or, during an ICE
     *                     restart, previous)
     * @param useCandidate whether it nominates its tuple
     * @param priority     its PRIORITY
     */
    record Accepted(LocalIceKey key, boolean useCandidate, long priority) implements CheckOutcome {}

    /**
     * A request to answer with an error response and otherwise drop.
     *
     * @param code     400, 401 or 420
     * @param reason   reason phrase
     * @param unknown  for 420, the unknown comprehension-required attribute types
     * @param signWith credentials to sign the error with (null when the request did not
     *                 authenticate: 400 and 401 carry no MESSAGE-INTEGRITY)
     * @param drop     the counter to increment
     */
    record Rejected(int code, String reason, int[] unknown, LocalIceKey signWith, DropReason drop)
            implements CheckOutcome {}

    /** Not worth an answer (a response or indication): drop and count. */
    record Ignored(DropReason drop) implements CheckOutcome {}
}

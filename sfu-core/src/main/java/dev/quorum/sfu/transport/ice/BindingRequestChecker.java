package dev.quorum.sfu.transport.ice;

import dev.quorum.sfu.transport.DropReason;
import dev.quorum.sfu.transport.stun.StunAttribute;
import dev.quorum.sfu.transport.stun.StunDecodeResult;
import dev.quorum.sfu.transport.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import java.util.Optional;

/**
 * Checks a STUN request against our ICE credentials the way a lite agent must (RFC 8445 §7.3,
 * RFC 8489 §6.3, in mediasoup's order): a non-Binding request or one missing FINGERPRINT,
 * USERNAME, MESSAGE-INTEGRITY or PRIORITY gets 400; a USERNAME that does not start with our
 * ufrag or an integrity that does not verify with our password gets 401; an unknown
 * comprehension-required attribute gets 420 (signed, since the request authenticated).
 *
 * <p>ICE-CONTROLLED from the peer is not answered with 487: libwebrtc may send it in error and
 * a lite agent has no role to defend (webrtc bug 7478, as mediasoup does).
 */
public final class BindingRequestChecker {

    private BindingRequestChecker() {}

    /**
     * @param decoded  the decoded request
     * @param raw      the bytes it was decoded from, message start at the reader index; borrowed
     * @param current  our current credentials
     * @param previous the credentials before an ICE restart, or null
     */
    public static CheckOutcome check(
            StunDecodeResult.Decoded decoded, ByteBuf raw, LocalIceKey current, LocalIceKey previous) {
        StunMessage m = decoded.message();
        if (!m.isRequest()) {
            return new CheckOutcome.Ignored(DropReason.STUN_IGNORED);
        }
        if (m.method() != StunMessage.BINDING) {
            return badRequest("Only Binding requests are served");
        }
        if (!m.has(StunAttribute.Fingerprint.class)) {
            return badRequest("FINGERPRINT missing");
        }
        Optional<StunAttribute.Username> username = m.attribute(StunAttribute.Username.class);
        Optional<StunAttribute.Priority> priority = m.attribute(StunAttribute.Priority.class);
        if (username.isEmpty() || decoded.integrityOffset() < 0 || priority.isEmpty()) {
            return badRequest("USERNAME, MESSAGE-INTEGRITY and PRIORITY are required");
        }
        LocalIceKey key = keyFor(username.get().value(), current, previous);
        if (key == null || !key.integrity().verify(raw, decoded.integrityOffset())) {
            return new CheckOutcome.Rejected(401, "Unauthorized", null, null, DropReason.STUN_UNAUTHORIZED);
        }
        int[] unknown = m.attributes().stream()
                .filter(a -> a instanceof StunAttribute.Unknown && StunAttribute.isComprehensionRequired(a.type()))
                .mapToInt(StunAttribute::type)
                .distinct()
                .toArray();
        if (unknown.length > 0) {
            return new CheckOutcome.Rejected(420, "Unknown Attribute", unknown, key, DropReason.STUN_UNKNOWN_ATTRIBUTE);
        }
        return new CheckOutcome.Accepted(
                key, m.has(StunAttribute.UseCandidate.class), priority.get().priority());
    }

    /** The credentials whose ufrag starts USERNAME ({@code "<ours>:<theirs>"}), or null. */
    static LocalIceKey keyFor(String username, LocalIceKey current, LocalIceKey previous) {
        int colon = username.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String ours = username.substring(0, colon);
        if (ours.equals(current.ufrag())) {
            return current;
        }
        if (previous != null && ours.equals(previous.ufrag())) {
            return previous;
        }
        return null;
    }

    private static CheckOutcome badRequest(String reason) {
        return new CheckOutcome.Rejected(400, reason, null, null, DropReason.STUN_BAD_REQUEST);
    }

    /** The ufrag a request is addressed to (the part of USERNAME before ':'), or null. */
    public static String localUfrag(StunMessage request) {
        return request.attribute(StunAttribute.Username.class)
                .map(u -> u.value().indexOf(':') > 0
                        ? u.value().substring(0, u.value().indexOf(':'))
                        : null)
                .orElse(null);
    }
}

package dev.quorum.sfu.transport.ice;

import dev.quorum.sfu.transport.stun.StunAttribute;
import dev.quorum.sfu.transport.stun.StunMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** The responses an ICE-lite agent sends (RFC 8445 §7.3.1.4, RFC 8489 §6.3.3–6.3.4). */
public final class BindingResponses {

    private BindingResponses() {}

    /** Success: XOR-MAPPED-ADDRESS holds the request's source; encode with our MI and FINGERPRINT. */
    public static StunMessage success(StunMessage request, InetSocketAddress source) {
        return new StunMessage(
                StunMessage.BINDING_SUCCESS_RESPONSE,
                request.transactionId(),
                List.of(new StunAttribute.XorMappedAddress(source)));
    }

    /** Error (same method, error class): ERROR-CODE, plus UNKNOWN-ATTRIBUTES for 420; encode with FINGERPRINT. */
    public static StunMessage error(StunMessage request, CheckOutcome.Rejected rejected) {
        List<StunAttribute> attributes = new ArrayList<>();
        attributes.add(new StunAttribute.ErrorCode(rejected.code(), rejected.reason()));
        if (rejected.unknown() != null) {
            attributes.add(new StunAttribute.UnknownAttributes(rejected.unknown()));
        }
        return new StunMessage(request.type() | 0x0110, request.transactionId(), attributes);
    }
}

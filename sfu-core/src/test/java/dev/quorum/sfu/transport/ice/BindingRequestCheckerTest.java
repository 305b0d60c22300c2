package dev.quorum.sfu.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sfu.transport.DropReason;
import dev.quorum.sfu.transport.IceCredentials;
import dev.quorum.sfu.transport.stun.StunAttribute;
import dev.quorum.sfu.transport.stun.StunDecodeResult;
import dev.quorum.sfu.transport.stun.StunDecoder;
import dev.quorum.sfu.transport.stun.StunEncoder;
import dev.quorum.sfu.transport.stun.StunIntegrity;
import dev.quorum.sfu.transport.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindingRequestCheckerTest {

    final LocalIceKey current = LocalIceKey.of(new IceCredentials("curr", "currentpassword0123456789"));
    final LocalIceKey previous = LocalIceKey.of(new IceCredentials("prev", "previouspassword012345678"));

    CheckOutcome check(int type, List<StunAttribute> attributes, String pwd, boolean fingerprint) {
        StunMessage m = new StunMessage(type, StunMessage.newTransactionId(), attributes);
        ByteBuf buf = Unpooled.buffer();
        try {
            StunEncoder.encode(m, pwd == null ? null : StunIntegrity.shortTerm(pwd), fingerprint, buf);
            return BindingRequestChecker.check(
                    (StunDecodeResult.Decoded) StunDecoder.decode(buf), buf, current, previous);
        } finally {
            buf.release();
        }
    }

    static List<StunAttribute> checkAttributes(String username, boolean useCandidate) {
        List<StunAttribute> a = new ArrayList<>(List.of(
                new StunAttribute.Username(username),
                new StunAttribute.Priority(1000),
                new StunAttribute.IceControlling(1)));
        if (useCandidate) {
            a.add(new StunAttribute.UseCandidate());
        }
        return a;
    }

    @Test
    void aProperCheckIsAcceptedWithItsNominationAndPriority() {
        CheckOutcome o = check(
                StunMessage.BINDING_REQUEST, checkAttributes("curr:peer", true), "currentpassword0123456789", true);
        assertThat(o).isEqualTo(new CheckOutcome.Accepted(current, true, 1000));
    }

    @Test
    void previousCredentialsStillAuthenticateDuringAnIceRestart() {
        CheckOutcome o = check(
                StunMessage.BINDING_REQUEST, checkAttributes("prev:peer", false), "previouspassword012345678", true);
        assertThat(o).isEqualTo(new CheckOutcome.Accepted(previous, false, 1000));
    }

    @Test
    void missingFingerprintIsABadRequest() {
        assertRejected(
                check(
                        StunMessage.BINDING_REQUEST,
                        checkAttributes("curr:peer", false),
                        "currentpassword0123456789",
                        false),
                400,
                DropReason.STUN_BAD_REQUEST);
    }

    @Test
    void missingPriorityIsABadRequest() {
        assertRejected(
                check(
                        StunMessage.BINDING_REQUEST,
                        List.of(new StunAttribute.Username("curr:peer")),
                        "currentpassword0123456789",
                        true),
                400,
                DropReason.STUN_BAD_REQUEST);
    }

    @Test
    void missingIntegrityIsABadRequest() {
        assertRejected(
                check(StunMessage.BINDING_REQUEST, checkAttributes("curr:peer", false), null, true),
                400,
                DropReason.STUN_BAD_REQUEST);
    }

    @Test
    void aNonBindingRequestIsABadRequest() {
        assertRejected(
                check(0x0003, checkAttributes("curr:peer", false), "currentpassword0123456789", true),
                400,
                DropReason.STUN_BAD_REQUEST);
    }

    @Test
    void theWrongPasswordIsUnauthorized() {
        assertRejected(
                check(
                        StunMessage.BINDING_REQUEST,
                        checkAttributes("curr:peer", false),
                        "someoneelsespassword12345",
                        true),
                401,
                DropReason.STUN_UNAUTHORIZED);
    }

    @Test
    void aForeignUfragIsUnauthorized() {
        assertRejected(
                check(
                        StunMessage.BINDING_REQUEST,
                        checkAttributes("nope:peer", false),
                        "currentpassword0123456789",
                        true),
                401,
                DropReason.STUN_UNAUTHORIZED);
    }

    @Test
    void anUnknownComprehensionRequiredAttributeGets420SignedAndListed() {
        List<StunAttribute> a = checkAttributes("curr:peer", false);
        a.add(new StunAttribute.Unknown(0x0031, new byte[4]));
        a.add(new StunAttribute.Unknown(0xC057, new byte[4])); // optional: ignored
        CheckOutcome o = check(StunMessage.BINDING_REQUEST, a, "currentpassword0123456789", true);
        assertRejected(o, 420, DropReason.STUN_UNKNOWN_ATTRIBUTE);
        assertThat(((CheckOutcome.Rejected) o).unknown()).containsExactly(0x0031);
        assertThat(((CheckOutcome.Rejected) o).signWith()).isSameAs(current);
    }

    @Test
    void responsesAndIndicationsAreIgnored() {
        assertThat(check(StunMessage.BINDING_INDICATION, List.of(), null, true))
                .isEqualTo(new CheckOutcome.Ignored(DropReason.STUN_IGNORED));
        assertThat(check(StunMessage.BINDING_SUCCESS_RESPONSE, List.of(), null, true))
                .isEqualTo(new CheckOutcome.Ignored(DropReason.STUN_IGNORED));
    }

    @Test
    void theErrorResponseKeepsTheTransactionAndMethod() {
        StunMessage request = new StunMessage(StunMessage.BINDING_REQUEST, StunMessage.newTransactionId(), List.of());
        StunMessage error = BindingResponses.error(
                request, new CheckOutcome.Rejected(401, "Unauthorized", null, null, DropReason.STUN_UNAUTHORIZED));
        assertThat(error.type()).isEqualTo(StunMessage.BINDING_ERROR_RESPONSE);
        assertThat(error.transactionId()).isEqualTo(request.transactionId());
        assertThat(error.attribute(StunAttribute.ErrorCode.class))
                .contains(new StunAttribute.ErrorCode(401, "Unauthorized"));
    }

    static void assertRejected(CheckOutcome o, int code, DropReason reason) {
        assertThat(o).isInstanceOf(CheckOutcome.Rejected.class);
        CheckOutcome.Rejected r = (CheckOutcome.Rejected) o;
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.drop()).isEqualTo(reason);
    }
}

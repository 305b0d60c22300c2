package dev.quorum.sfu.transport.ice;

import dev.quorum.sfu.transport.IceCredentials;
import dev.quorum.sfu.transport.stun.StunIntegrity;

/**
 * Our credentials with the MESSAGE-INTEGRITY key made from the password, which both verifies the
 * peer's checks and signs our responses. The integrity object is not thread-safe: only the
 * transport's event loop uses it.
 */
public record LocalIceKey(IceCredentials credentials, StunIntegrity integrity) {

    public static LocalIceKey of(IceCredentials credentials) {
        return new LocalIceKey(credentials, StunIntegrity.shortTerm(credentials.password()));
    }

    public String ufrag() {
        return credentials.ufrag();
    }
}

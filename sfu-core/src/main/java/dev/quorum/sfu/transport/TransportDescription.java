package dev.quorum.sfu.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything about a transport that goes into an SDP answer (RFC 8839, RFC 8842): the session
 * is ICE-lite, we are the DTLS server ({@code setup:passive}), and all candidates are known up
 * front (so {@code end-of-candidates}).
 *
 * @param ice         our ICE credentials
 * @param fingerprint our certificate's fingerprint
 * @param candidates  our host candidates, UDP first
 */
public record TransportDescription(IceCredentials ice, DtlsFingerprint fingerprint, List<IceCandidate> candidates) {

    public TransportDescription {
        candidates = List.copyOf(candidates);
    }

    /** Session-level attributes: {@code ice-lite}. Values of {@code a=} lines, without "a=". */
    public List<String> sessionAttributes() {
        return List.of("ice-lite");
    }

    /**
     * Media-level attributes for every bundled m-section (values of {@code a=} lines, without
     * "a="): ice-ufrag, ice-pwd, fingerprint, setup:passive, the candidates, end-of-candidates.
     */
    public List<String> mediaAttributes() {
        List<String> a = new ArrayList<>();
        a.add("ice-ufrag:" + ice.ufrag());
        a.add("ice-pwd:" + ice.password());
        a.add("fingerprint:" + fingerprint.toSdpValue());
        a.add("setup:passive");
        for (IceCandidate c : candidates) {
            a.add(c.toSdpValue());
        }
        a.add("end-of-candidates");
        return a;
    }
}

package dev.quorum.sfu.room;

import java.util.List;
import java.util.Objects;

/**
 * The server's side of a peer connection's transport, for the SDP: the server is ICE-lite
 * ({@code a=ice-lite}) and always the DTLS server ({@code a=setup:passive} in answers,
 * {@code a=setup:actpass} in offers).
 *
 * @param iceUfrag             {@code a=ice-ufrag}
 * @param icePwd               {@code a=ice-pwd}
 * @param fingerprintAlgorithm hash of {@code a=fingerprint}, e.g. {@code sha-256}
 * @param fingerprint          upper-case hex pairs joined by colons
 * @param candidates           host UDP and passive TCP candidates; end with
 *                             {@code a=end-of-candidates}
 */
public record TransportDescription(
        String iceUfrag,
        String icePwd,
        String fingerprintAlgorithm,
        String fingerprint,
        List<IceCandidate> candidates) {

    public TransportDescription {
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        Objects.requireNonNull(fingerprintAlgorithm, "fingerprintAlgorithm");
        Objects.requireNonNull(fingerprint, "fingerprint");
        candidates = List.copyOf(candidates);
    }
}

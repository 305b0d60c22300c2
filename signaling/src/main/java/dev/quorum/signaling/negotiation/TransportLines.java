package dev.quorum.signaling.negotiation;

import dev.quorum.sfu.room.IceCandidate;
import dev.quorum.sfu.room.TransportDescription;
import dev.quorum.signaling.sdp.Candidate;
import dev.quorum.signaling.sdp.Fingerprint;
import dev.quorum.signaling.sdp.MediaDescription;
import dev.quorum.signaling.sdp.Setup;
import java.util.ArrayList;
import java.util.List;

/** Writes the server's ICE-lite and DTLS lines into an m-section. */
final class TransportLines {

    private TransportLines() {}

    /**
     * Adds candidates (all of them: the server never trickles), end-of-candidates, ICE
     * credentials, fingerprint and setup role, and rtcp-mux.
     */
    static MediaDescription.Builder apply(MediaDescription.Builder b, TransportDescription t, Setup setup) {
        for (Candidate c : candidates(t)) {
            b.candidate(c);
        }
        return b.endOfCandidates(true)
                .ice(t.iceUfrag(), t.icePwd())
                .fingerprint(new Fingerprint(t.fingerprintAlgorithm(), t.fingerprint()))
                .setup(setup)
                .rtcpMux(true);
    }

    static List<Candidate> candidates(TransportDescription t) {
        List<Candidate> out = new ArrayList<>();
        for (IceCandidate c : t.candidates()) {
            List<String> ext = new ArrayList<>();
            if (c.tcpType() != null) {
                ext.add("tcptype");
                ext.add(c.tcpType());
            }
            ext.add("generation");
            ext.add("0");
            out.add(new Candidate(
                    c.foundation(), c.component(), c.protocol(), c.priority(), c.address(), c.port(), c.type(), ext));
        }
        return out;
    }
}

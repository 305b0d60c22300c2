package dev.quorum.signaling.negotiation;

import dev.quorum.sfu.transport.IceCandidate;
import dev.quorum.sfu.transport.TransportDescription;
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
                .ice(t.ice().ufrag(), t.ice().password())
                .fingerprint(new Fingerprint(
                        t.fingerprint().algorithm(), t.fingerprint().hex()))
                .setup(setup)
                .rtcpMux(true);
    }

    static List<Candidate> candidates(TransportDescription t) {
        List<Candidate> out = new ArrayList<>();
        for (IceCandidate c : t.candidates()) {
            boolean tcp = c.protocol() == IceCandidate.Protocol.TCP;
            List<String> ext = new ArrayList<>();
            if (tcp) {
                ext.add("tcptype");
                ext.add("passive");
            }
            ext.add("generation");
            ext.add("0");
            out.add(new Candidate(
                    c.foundation(),
                    IceCandidate.COMPONENT,
                    tcp ? "tcp" : "udp",
                    c.priority(),
                    c.host(),
                    c.port(),
                    "host",
                    ext));
        }
        return out;
    }
}

package dev.quorum.signaling.negotiation;

import dev.quorum.signaling.negotiation.NegotiationException.Kind;
import dev.quorum.signaling.sdp.Extmap;
import dev.quorum.signaling.sdp.Fingerprint;
import dev.quorum.signaling.sdp.MediaDescription;
import dev.quorum.signaling.sdp.SessionDescription;
import dev.quorum.signaling.sdp.Setup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a client's answer against the server's subscriber offer and extracts what the engine
 * needs: the client's DTLS fingerprint and the header extensions it accepted. The answer must
 * have the offer's sections in the same order with the same mids, a fingerprint, and a DTLS role
 * that leaves the server the DTLS server ({@code active}; {@code passive} is refused).
 */
public final class SubscriberAnswerReader {

    private SubscriberAnswerReader() {}

    /** What the engine is told about an accepted answer. */
    public record Accepted(Fingerprint fingerprint, Map<String, Integer> extensions, List<String> rejectedMids) {}

    public static Accepted read(SessionDescription offer, SessionDescription answer) throws NegotiationException {
        if (answer.media().size() != offer.media().size()) {
            throw new NegotiationException(
                    Kind.INVALID_ANSWER,
                    "the answer has " + answer.media().size() + " m-sections but the offer has "
                            + offer.media().size());
        }
        Fingerprint fingerprint = null;
        Map<String, Integer> extensions = new LinkedHashMap<>();
        List<String> rejected = new java.util.ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription o = offer.media().get(i);
            MediaDescription a = answer.media().get(i);
            if (!o.mid().equals(a.mid()) || !o.kind().equals(a.kind())) {
                throw new NegotiationException(
                        Kind.INVALID_ANSWER,
                        "m-section " + (i + 1) + " of the answer is " + a.kind() + " mid '" + a.mid()
                                + "' but the offer's is " + o.kind() + " mid '" + o.mid() + "'");
            }
            if (a.isRejected()) {
                rejected.add(a.mid());
                continue;
            }
            if (answer.setupOf(a) == Setup.PASSIVE || answer.setupOf(a) == Setup.ACTPASS) {
                throw new NegotiationException(
                        Kind.INVALID_ANSWER,
                        "mid '" + a.mid() + "': a=setup:" + answer.setupOf(a).value()
                                + " leaves no DTLS role for the server (answer active)");
            }
            if (fingerprint == null) {
                fingerprint = answer.fingerprintOf(a);
            }
            for (Extmap e : a.extmaps()) {
                if (o.extmapId(e.uri()) == e.id()) {
                    extensions.putIfAbsent(e.uri(), e.id());
                }
            }
        }
        if (fingerprint == null && rejected.size() < offer.media().size()) {
            throw new NegotiationException(Kind.INVALID_ANSWER, "the answer has no a=fingerprint");
        }
        String fingerprintProblem = fingerprint == null ? null : Fingerprints.problem(fingerprint);
        if (fingerprintProblem != null) {
            throw new NegotiationException(Kind.INVALID_ANSWER, fingerprintProblem);
        }
        return new Accepted(fingerprint, extensions, rejected);
    }
}

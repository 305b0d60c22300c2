package dev.quorum.signaling.negotiation;

import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.CodecChoice;
import dev.quorum.sfu.room.PublishedMedia;
import dev.quorum.signaling.negotiation.NegotiationException.Kind;
import dev.quorum.signaling.sdp.Extmap;
import dev.quorum.signaling.sdp.Fingerprint;
import dev.quorum.signaling.sdp.MediaDescription;
import dev.quorum.signaling.sdp.Rid;
import dev.quorum.signaling.sdp.SessionDescription;
import dev.quorum.signaling.sdp.Setup;
import dev.quorum.signaling.sdp.Simulcast;
import dev.quorum.signaling.sdp.SsrcGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for a publisher's offer, which sections the server accepts and with what.
 *
 * <p>The offer must use Unified Plan with BUNDLE and rtcp-mux (every current browser does with
 * {@code bundlePolicy: 'max-bundle'}) and carry ICE credentials and a DTLS fingerprint; the
 * server is the DTLS server, so an offer insisting on {@code setup:passive} is refused. A section
 * is refused (port 0) when it is stopped, not bundled, a data channel, receive-only (the
 * publisher connection carries nothing to the client), or offers no codec the room allows. If no
 * section can be accepted because of codecs, negotiation fails with
 * {@link Kind#NO_USABLE_CODEC}. Stateless and thread-safe.
 */
public final class PublishNegotiator {

    private final EngineCapabilities capabilities;

    public PublishNegotiator(EngineCapabilities capabilities) {
        this.capabilities = capabilities;
    }

    /**
     * @param trackNames the client's names for its tracks, by mid (may omit any)
     */
    public PublishPlan negotiate(SessionDescription offer, CodecPolicy policy, Map<String, String> trackNames)
            throws NegotiationException {
        if (offer.media().isEmpty()) {
            throw new NegotiationException(Kind.UNSUPPORTED_OFFER, "the offer has no m-section");
        }
        if (offer.bundle().isEmpty()) {
            throw new NegotiationException(
                    Kind.UNSUPPORTED_OFFER,
                    "the offer must bundle its m-sections (a=group:BUNDLE; use bundlePolicy 'max-bundle')");
        }
        MediaDescription tag = offer.mediaByMid(offer.bundle().get(0));
        if (tag == null) {
            throw new NegotiationException(
                    Kind.UNSUPPORTED_OFFER,
                    "a=group:BUNDLE names mid '" + offer.bundle().get(0) + "' but no m-section has it");
        }
        Fingerprint fingerprint = offer.fingerprintOf(tag);
        String ufrag = offer.iceUfragOf(tag);
        String pwd = offer.icePwdOf(tag);
        if (fingerprint == null) {
            throw new NegotiationException(Kind.UNSUPPORTED_OFFER, "the offer has no a=fingerprint (DTLS is required)");
        }
        String fingerprintProblem = Fingerprints.problem(fingerprint);
        if (fingerprintProblem != null) {
            throw new NegotiationException(Kind.UNSUPPORTED_OFFER, fingerprintProblem);
        }
        if (ufrag == null || pwd == null) {
            throw new NegotiationException(Kind.UNSUPPORTED_OFFER, "the offer has no a=ice-ufrag/a=ice-pwd");
        }
        if (offer.setupOf(tag) == Setup.PASSIVE) {
            throw new NegotiationException(
                    Kind.UNSUPPORTED_OFFER,
                    "the offer's a=setup:passive leaves no DTLS role for the server (offer actpass)");
        }
        List<PublishPlan.Section> sections = new ArrayList<>();
        boolean codecRefused = false;
        for (MediaDescription m : offer.media()) {
            PublishPlan.Section s = decide(offer, m, policy, trackNames);
            if (!s.accepted() && s.reason().startsWith("no codec")) {
                codecRefused = true;
            }
            sections.add(s);
        }
        PublishPlan plan = new PublishPlan(fingerprint, ufrag, pwd, offer.extmapAllowMixed(), sections);
        if (plan.bundle().isEmpty() && codecRefused) {
            throw new NegotiationException(
                    Kind.NO_USABLE_CODEC,
                    "no m-section offers a codec this room allows: "
                            + String.join(
                                    "; ",
                                    plan.rejected().stream()
                                            .map(r -> "mid " + r.offered().mid() + ": " + r.reason())
                                            .toList()));
        }
        return plan;
    }

    private PublishPlan.Section decide(
            SessionDescription offer, MediaDescription m, CodecPolicy policy, Map<String, String> trackNames)
            throws NegotiationException {
        if (m.isRejected()) {
            return PublishPlan.Section.refused(m, "stopped by the client (port 0)");
        }
        if (!m.isRtp() || !(m.kind().equals(MediaDescription.AUDIO) || m.kind().equals(MediaDescription.VIDEO))) {
            return PublishPlan.Section.refused(m, "only audio and video are published");
        }
        if (m.mid() == null) {
            throw new NegotiationException(
                    Kind.UNSUPPORTED_OFFER,
                    "m-section " + (offer.media().indexOf(m) + 1) + " has no a=mid (Unified Plan is required)");
        }
        if (!offer.bundle().contains(m.mid())) {
            return PublishPlan.Section.refused(m, "not in the BUNDLE group");
        }
        if (!m.rtcpMux()) {
            throw new NegotiationException(Kind.UNSUPPORTED_OFFER, "mid " + m.mid() + " lacks a=rtcp-mux");
        }
        if (m.effectiveDirection() == dev.quorum.signaling.sdp.Direction.RECVONLY) {
            return PublishPlan.Section.refused(m, "receive-only sections belong on the subscriber connection");
        }
        Optional<CodecPolicy.Chosen> chosen = policy.choose(m);
        if (chosen.isEmpty()) {
            List<String> offered = m.codecs().stream()
                    .filter(c -> c.name() != null && !c.is("rtx"))
                    .map(c -> c.name())
                    .distinct()
                    .toList();
            return PublishPlan.Section.refused(
                    m,
                    "no codec the room allows (offered " + String.join(", ", offered) + "; the room allows "
                            + policy.describe(m.kind()) + ")");
        }
        CodecPolicy.Chosen c = chosen.get();
        List<String> feedback = capabilities.acceptedFeedback(c.codec().feedback());
        List<Extmap> extmaps = new ArrayList<>();
        Map<String, Integer> extensionIds = new LinkedHashMap<>();
        for (Extmap e : m.extmaps()) {
            if (capabilities.extensions().contains(e.uri()) && !extensionIds.containsKey(e.uri())) {
                extmaps.add(new Extmap(e.id(), e.uri()));
                extensionIds.put(e.uri(), e.id());
            }
        }
        boolean canSimulcast = m.simulcast() != null
                && !m.simulcast().send().isEmpty()
                && extensionIds.containsKey(HeaderExtensions.RID);
        Simulcast simulcast =
                canSimulcast ? new Simulcast(List.of(), m.simulcast().send()) : null;
        List<String> rids = canSimulcast ? m.simulcast().sendRids() : List.of();
        PublishedMedia media = null;
        if (m.effectiveDirection().sends()) {
            TrackKind kind = m.kind().equals(MediaDescription.AUDIO) ? TrackKind.AUDIO : TrackKind.VIDEO;
            CodecChoice choice = new CodecChoice(
                    c.codec().payloadType(),
                    c.codec().name(),
                    c.codec().clockRate(),
                    c.codec().channels(),
                    c.codec().parameters(),
                    feedback,
                    c.rtx() == null ? -1 : c.rtx().payloadType());
            List<Long> ssrcs = new ArrayList<>();
            Map<Long, Long> rtx = new LinkedHashMap<>();
            if (rids.isEmpty()) {
                mediaSsrcs(m, ssrcs, rtx);
            }
            media = new PublishedMedia(m.mid(), kind, trackNames.get(m.mid()), choice, extensionIds, ssrcs, rtx, rids);
        }
        return new PublishPlan.Section(
                m,
                true,
                null,
                c.codec().with(c.codec().fmtp(), feedback),
                c.rtx(),
                feedback,
                extmaps,
                simulcast,
                media);
    }

    /** Media SSRCs in layer order (the SIM group's, else as listed), and their RTX partners. */
    private static void mediaSsrcs(MediaDescription m, List<Long> ssrcs, Map<Long, Long> rtx) {
        for (SsrcGroup g : m.ssrcGroups()) {
            if (g.semantics().equals(SsrcGroup.FID) && g.ssrcs().size() == 2) {
                rtx.put(g.ssrcs().get(0), g.ssrcs().get(1));
            }
        }
        for (SsrcGroup g : m.ssrcGroups()) {
            if (g.semantics().equals(SsrcGroup.SIM)) {
                ssrcs.addAll(g.ssrcs());
                return;
            }
        }
        for (long s : m.distinctSsrcs()) {
            if (!rtx.containsValue(s)) {
                ssrcs.add(s);
            }
        }
    }

    /** Rid lines the answer mirrors: the offered send rids that the simulcast list names. */
    static List<Rid> answerRids(MediaDescription offered, Simulcast accepted) {
        if (accepted == null) {
            return List.of();
        }
        List<String> named = accepted.recvRids();
        List<Rid> out = new ArrayList<>();
        for (Rid r : offered.rids()) {
            if (r.direction().equals(Rid.SEND) && named.contains(r.id())) {
                out.add(new Rid(r.id(), Rid.RECV, null));
            }
        }
        return out;
    }
}

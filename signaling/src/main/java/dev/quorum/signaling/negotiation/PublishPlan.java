package dev.quorum.signaling.negotiation;

import dev.quorum.sfu.room.PublishedMedia;
import dev.quorum.signaling.sdp.Extmap;
import dev.quorum.signaling.sdp.Fingerprint;
import dev.quorum.signaling.sdp.MediaDescription;
import dev.quorum.signaling.sdp.RtpCodec;
import dev.quorum.signaling.sdp.Simulcast;
import java.util.List;

/**
 * The server's decisions on a publisher's offer, section by section, before any transport
 * exists: enough to write the answer and to tell the engine what is published.
 *
 * @param remoteFingerprint the offer's DTLS fingerprint (of the bundle transport)
 * @param remoteIceUfrag    the offer's ICE ufrag; a change means the client restarts ICE
 * @param remoteIcePwd      the offer's ICE password
 * @param extmapAllowMixed  whether the offer allows mixed one- and two-byte extension headers
 * @param sections          one decision per offered m-section, in the offer's order
 */
public record PublishPlan(
        Fingerprint remoteFingerprint,
        String remoteIceUfrag,
        String remoteIcePwd,
        boolean extmapAllowMixed,
        List<Section> sections) {

    public PublishPlan {
        sections = List.copyOf(sections);
    }

    /** The mids of the accepted sections, in order: the answer's BUNDLE group. */
    public List<String> bundle() {
        return sections.stream()
                .filter(Section::accepted)
                .map(s -> s.offered().mid())
                .toList();
    }

    /** What the publisher sends: accepted sections whose direction sends media. */
    public List<PublishedMedia> publications() {
        return sections.stream()
                .filter(s -> s.media() != null)
                .map(Section::media)
                .toList();
    }

    /** The sections refused with port 0, with their reasons. */
    public List<Section> rejected() {
        return sections.stream().filter(s -> !s.accepted()).toList();
    }

    /**
     * The decision on one m-section.
     *
     * @param offered  the section as offered
     * @param accepted false for a section answered with port 0
     * @param reason   why it was refused; null when accepted
     * @param codec    the accepted codec (null when refused)
     * @param rtx      the accepted RTX payload type, or null
     * @param feedback the accepted rtcp-fb values of the codec
     * @param extmaps  the accepted header extensions, with the offer's ids
     * @param simulcast the accepted simulcast streams (the offer's send list as the answer's recv
     *                 list), or null
     * @param media    what the engine is told is published here; null when refused or when the
     *                 section does not send (inactive)
     */
    public record Section(
            MediaDescription offered,
            boolean accepted,
            String reason,
            RtpCodec codec,
            RtpCodec rtx,
            List<String> feedback,
            List<Extmap> extmaps,
            Simulcast simulcast,
            PublishedMedia media) {

        public Section {
            feedback = List.copyOf(feedback);
            extmaps = List.copyOf(extmaps);
        }

        static Section refused(MediaDescription offered, String reason) {
            return new Section(offered, false, reason, null, null, List.of(), List.of(), null, null);
        }
    }
}

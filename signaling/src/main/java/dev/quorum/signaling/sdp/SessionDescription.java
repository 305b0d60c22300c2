package dev.quorum.signaling.sdp;

import java.util.List;

/**
 * A whole description: the session-level lines and the m-sections in order.
 *
 * @param bundle           the mids of {@code a=group:BUNDLE}, empty when there is no such group
 * @param iceLite          whether {@code a=ice-lite} is present
 * @param extmapAllowMixed whether {@code a=extmap-allow-mixed} is present at session level
 * @param iceUfrag         session-level {@code a=ice-ufrag}, or null (browsers usually write it per section)
 * @param icePwd           session-level {@code a=ice-pwd}, or null
 * @param iceOptions       session-level {@code a=ice-options}, or null
 * @param fingerprint      session-level {@code a=fingerprint}, or null
 * @param setup            session-level {@code a=setup}, or null
 * @param otherAttributes  any other session-level attribute, in order
 */
public record SessionDescription(
        Origin origin,
        String sessionName,
        List<String> bundle,
        boolean iceLite,
        boolean extmapAllowMixed,
        String iceUfrag,
        String icePwd,
        String iceOptions,
        Fingerprint fingerprint,
        Setup setup,
        List<Attribute> otherAttributes,
        List<MediaDescription> media) {

    public SessionDescription {
        bundle = List.copyOf(bundle);
        otherAttributes = List.copyOf(otherAttributes);
        media = List.copyOf(media);
    }

    /** The section with this mid, or null. */
    public MediaDescription mediaByMid(String mid) {
        for (MediaDescription m : media) {
            if (mid.equals(m.mid())) {
                return m;
            }
        }
        return null;
    }

    /** The ICE ufrag that applies to a section: its own, else the session's. */
    public String iceUfragOf(MediaDescription m) {
        return m.iceUfrag() != null ? m.iceUfrag() : iceUfrag;
    }

    /** The ICE password that applies to a section: its own, else the session's. */
    public String icePwdOf(MediaDescription m) {
        return m.icePwd() != null ? m.icePwd() : icePwd;
    }

    /** The DTLS fingerprint that applies to a section: its own, else the session's. */
    public Fingerprint fingerprintOf(MediaDescription m) {
        return m.fingerprint() != null ? m.fingerprint() : fingerprint;
    }

    /** The DTLS setup role that applies to a section: its own, else the session's. */
    public Setup setupOf(MediaDescription m) {
        return m.setup() != null ? m.setup() : setup;
    }

    /** The first other session attribute with this name, or null. */
    public Attribute attribute(String name) {
        for (Attribute a : otherAttributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }
}

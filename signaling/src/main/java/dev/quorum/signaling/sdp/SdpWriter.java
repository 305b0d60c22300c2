package dev.quorum.signaling.sdp;

import java.util.List;

/**
 * Writes a {@link SessionDescription} as SDP text with CRLF line ends, in the order browsers
 * write it: session lines, then per m-section the transport lines (connection, candidates, ICE,
 * DTLS), mid, extensions, direction, msid, RTCP flags, codecs, simulcast and SSRCs. Attributes
 * kept untyped are written last in their section, in their original order. Stateless.
 */
public final class SdpWriter {

    private static final String CRLF = "\r\n";

    private SdpWriter() {}

    public static String write(SessionDescription d) {
        StringBuilder b = new StringBuilder(2048);
        line(b, "v=0");
        line(b, "o=" + d.origin().text());
        line(b, "s=" + d.sessionName());
        line(b, "t=0 0");
        if (d.iceLite()) {
            line(b, "a=ice-lite");
        }
        if (!d.bundle().isEmpty()) {
            line(b, "a=group:BUNDLE " + String.join(" ", d.bundle()));
        }
        if (d.extmapAllowMixed()) {
            line(b, "a=extmap-allow-mixed");
        }
        attribute(b, "ice-ufrag", d.iceUfrag());
        attribute(b, "ice-pwd", d.icePwd());
        attribute(b, "ice-options", d.iceOptions());
        if (d.fingerprint() != null) {
            line(b, "a=fingerprint:" + d.fingerprint().text());
        }
        if (d.setup() != null) {
            line(b, "a=setup:" + d.setup().value());
        }
        others(b, d.otherAttributes());
        for (MediaDescription m : d.media()) {
            media(b, m);
        }
        return b.toString();
    }

    private static void media(StringBuilder b, MediaDescription m) {
        line(
                b,
                "m=" + m.kind() + " " + m.port() + " " + m.protocol()
                        + (m.formats().isEmpty() ? "" : " " + String.join(" ", m.formats())));
        if (m.connection() != null) {
            line(b, "c=" + m.connection());
        }
        for (String bw : m.bandwidths()) {
            line(b, "b=" + bw);
        }
        attribute(b, "rtcp", m.rtcp());
        for (Candidate c : m.candidates()) {
            line(b, "a=candidate:" + c.text());
        }
        if (m.endOfCandidates()) {
            line(b, "a=end-of-candidates");
        }
        attribute(b, "ice-ufrag", m.iceUfrag());
        attribute(b, "ice-pwd", m.icePwd());
        attribute(b, "ice-options", m.iceOptions());
        if (m.fingerprint() != null) {
            line(b, "a=fingerprint:" + m.fingerprint().text());
        }
        if (m.setup() != null) {
            line(b, "a=setup:" + m.setup().value());
        }
        attribute(b, "mid", m.mid());
        for (Extmap e : m.extmaps()) {
            line(b, "a=extmap:" + e.text());
        }
        if (m.direction() != null) {
            line(b, "a=" + m.direction().attributeName());
        }
        for (Msid id : m.msids()) {
            line(b, "a=msid:" + id.text());
        }
        if (m.rtcpMux()) {
            line(b, "a=rtcp-mux");
        }
        if (m.rtcpRsize()) {
            line(b, "a=rtcp-rsize");
        }
        for (String fb : m.wildcardFeedback()) {
            line(b, "a=rtcp-fb:* " + fb);
        }
        for (RtpCodec c : m.codecs()) {
            if (c.name() != null) {
                line(b, "a=rtpmap:" + c.rtpmapText());
            }
            for (String fb : c.feedback()) {
                line(b, "a=rtcp-fb:" + c.payloadType() + " " + fb);
            }
            if (c.fmtp() != null) {
                line(b, "a=fmtp:" + c.payloadType() + " " + c.fmtp());
            }
        }
        for (Rid r : m.rids()) {
            line(b, "a=rid:" + r.text());
        }
        if (m.simulcast() != null) {
            line(b, "a=simulcast:" + m.simulcast().text());
        }
        for (SsrcGroup g : m.ssrcGroups()) {
            line(b, "a=ssrc-group:" + g.text());
        }
        for (SsrcAttribute s : m.ssrcs()) {
            line(b, "a=ssrc:" + s.text());
        }
        others(b, m.otherAttributes());
    }

    private static void others(StringBuilder b, List<Attribute> attributes) {
        for (Attribute a : attributes) {
            line(b, "a=" + a.text());
        }
    }

    private static void attribute(StringBuilder b, String name, String value) {
        if (value != null) {
            line(b, "a=" + name + ":" + value);
        }
    }

    private static void line(StringBuilder b, String s) {
        b.append(s).append(CRLF);
    }
}

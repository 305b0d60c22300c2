package dev.quorum.signaling.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the lines of one m-section into a {@link MediaDescription}. The payload types' rtpmap,
 * fmtp and rtcp-fb lines may come in any order; they are joined per payload type, in the order
 * of the m-line's format list.
 */
final class MediaSectionParser {

    private final int firstLine;
    private final MediaDescription.Builder b;
    private final List<String> formats;
    private final Map<Integer, Codec> codecs = new LinkedHashMap<>();

    /** A payload type as its lines arrive. */
    private static final class Codec {
        String name;
        int clockRate;
        int channels;
        String fmtp;
        final List<String> feedback = new ArrayList<>();
    }

    MediaSectionParser(int n, String mLine) throws SdpParseException {
        firstLine = n;
        List<String> t = Lines.tokens(mLine);
        if (t.size() < 3) {
            throw new SdpParseException(n, "'m=' needs <media> <port> <proto> <fmt>...");
        }
        String portText = t.get(1);
        int slash = portText.indexOf('/');
        int port = (int) Lines.number(n, "port", slash < 0 ? portText : portText.substring(0, slash), 0, 65535);
        b = MediaDescription.builder(t.get(0)).port(port).protocol(t.get(2)).connection(null);
        formats = new ArrayList<>(t.subList(3, t.size()));
        if (t.get(2).contains("RTP")) {
            for (String f : formats) {
                codecs.put(Lines.payloadType(n, f), new Codec());
            }
        }
        b.formats(formats);
    }

    int firstLine() {
        return firstLine;
    }

    void line(int n, char type, String value) throws SdpParseException {
        switch (type) {
            case 'c' -> b.connection(value);
            case 'b' -> b.bandwidth(value);
            case 'a' -> attribute(n, value);
            default -> {
                // i=, k= are informational or obsolete here.
            }
        }
    }

    private void attribute(int n, String text) throws SdpParseException {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? null : text.substring(colon + 1);
        Direction direction = value == null ? Direction.fromAttribute(name) : null;
        if (direction != null) {
            b.direction(direction);
            return;
        }
        switch (name) {
            case "mid" -> b.mid(Lines.required(n, name, value).trim());
            case "msid" -> {
                List<String> t = Lines.tokens(Lines.required(n, name, value));
                b.msid(new Msid(t.get(0), t.size() > 1 ? t.get(1) : null));
            }
            case "ice-ufrag" -> b.iceUfrag(Lines.required(n, name, value).trim());
            case "ice-pwd" -> b.icePwd(Lines.required(n, name, value).trim());
            case "ice-options" -> b.iceOptions(Lines.required(n, name, value).trim());
            case "fingerprint" -> b.fingerprint(Lines.fingerprint(n, value));
            case "setup" -> b.setup(Lines.setup(n, value));
            case "candidate" -> b.candidate(candidate(n, Lines.required(n, name, value)));
            case "end-of-candidates" -> b.endOfCandidates(true);
            case "rtcp" -> b.rtcp(Lines.required(n, name, value));
            case "rtcp-mux" -> b.rtcpMux(true);
            case "rtcp-rsize" -> b.rtcpRsize(true);
            case "rtpmap" -> rtpmap(n, Lines.required(n, name, value));
            case "fmtp" -> fmtp(n, Lines.required(n, name, value));
            case "rtcp-fb" -> rtcpFb(n, Lines.required(n, name, value));
            case "extmap" -> b.extmap(extmap(n, Lines.required(n, name, value)));
            case "rid" -> b.rid(rid(n, Lines.required(n, name, value)));
            case "simulcast" -> b.simulcast(simulcast(n, Lines.required(n, name, value)));
            case "ssrc-group" -> b.ssrcGroup(ssrcGroup(n, Lines.required(n, name, value)));
            case "ssrc" -> b.ssrc(ssrc(n, Lines.required(n, name, value)));
            default -> b.attribute(new Attribute(name, value));
        }
    }

    private Codec codecFor(int n, String ptText) throws SdpParseException {
        int pt = Lines.payloadType(n, ptText);
        Codec c = codecs.get(pt);
        if (c == null) {
            throw new SdpParseException(n, "payload type " + pt + " is not in the m-line's format list");
        }
        return c;
    }

    private void rtpmap(int n, String value) throws SdpParseException {
        List<String> t = Lines.tokens(value);
        String[] enc = t.size() == 2 ? t.get(1).split("/") : new String[0];
        if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
            throw new SdpParseException(n, "'a=rtpmap' must be '<pt> <encoding>/<clock rate>[/<channels>]'");
        }
        Codec c = codecFor(n, t.get(0));
        c.name = enc[0];
        c.clockRate = (int) Lines.number(n, "clock rate", enc[1], 1, 10_000_000);
        c.channels = enc.length == 3 ? (int) Lines.number(n, "channel count", enc[2], 1, 255) : 0;
    }

    private void fmtp(int n, String value) throws SdpParseException {
        int sp = value.indexOf(' ');
        if (sp < 0) {
            throw new SdpParseException(n, "'a=fmtp' must be '<pt> <parameters>'");
        }
        codecFor(n, value.substring(0, sp)).fmtp = value.substring(sp + 1).trim();
    }

    private void rtcpFb(int n, String value) throws SdpParseException {
        int sp = value.indexOf(' ');
        if (sp < 0 || value.substring(sp + 1).isBlank()) {
            throw new SdpParseException(n, "'a=rtcp-fb' must be '<pt|*> <type> [<subtype>]'");
        }
        String fb = String.join(" ", Lines.tokens(value.substring(sp + 1)));
        String pt = value.substring(0, sp);
        if (pt.equals("*")) {
            b.wildcardFeedback(fb);
        } else {
            codecFor(n, pt).feedback.add(fb);
        }
    }

    private static Extmap extmap(int n, String value) throws SdpParseException {
        List<String> t = Lines.tokens(value);
        if (t.size() < 2) {
            throw new SdpParseException(n, "'a=extmap' must be '<id>[/<direction>] <uri> [<attributes>]'");
        }
        String idText = t.get(0);
        String dir = null;
        int slash = idText.indexOf('/');
        if (slash >= 0) {
            dir = idText.substring(slash + 1);
            idText = idText.substring(0, slash);
        }
        int id = (int) Lines.number(n, "extension id", idText, 1, 255);
        String attrs = t.size() > 2 ? String.join(" ", t.subList(2, t.size())) : null;
        return new Extmap(id, dir, t.get(1), attrs);
    }

    private static Rid rid(int n, String value) throws SdpParseException {
        List<String> t = Lines.tokens(value);
        if (t.size() < 2 || !(t.get(1).equals(Rid.SEND) || t.get(1).equals(Rid.RECV))) {
            throw new SdpParseException(n, "'a=rid' must be '<id> send|recv [<restrictions>]'");
        }
        return new Rid(t.get(0), t.get(1), t.size() > 2 ? String.join(" ", t.subList(2, t.size())) : null);
    }

    private static Simulcast simulcast(int n, String value) throws SdpParseException {
        List<String> t = Lines.tokens(value);
        List<String> send = List.of();
        List<String> recv = List.of();
        if (t.isEmpty() || t.size() % 2 != 0) {
            throw new SdpParseException(n, "'a=simulcast' must be 'send <streams>' and/or 'recv <streams>'");
        }
        for (int i = 0; i < t.size(); i += 2) {
            List<String> streams = List.of(t.get(i + 1).split(";"));
            if (streams.stream().anyMatch(String::isEmpty)) {
                throw new SdpParseException(n, "empty stream in 'a=simulcast'");
            }
            switch (t.get(i)) {
                case "send" -> send = streams;
                case "recv" -> recv = streams;
                default ->
                    throw new SdpParseException(
                            n, "'a=simulcast' direction must be send or recv: '" + SdpParser.clip(t.get(i)) + "'");
            }
        }
        return new Simulcast(send, recv);
    }

    private static SsrcGroup ssrcGroup(int n, String value) throws SdpParseException {
        List<String> t = Lines.tokens(value);
        if (t.size() < 2) {
            throw new SdpParseException(n, "'a=ssrc-group' must be '<semantics> <ssrc>...'");
        }
        List<Long> ssrcs = new ArrayList<>();
        for (String s : t.subList(1, t.size())) {
            ssrcs.add(Lines.number(n, "ssrc", s, 0, 0xFFFF_FFFFL));
        }
        return new SsrcGroup(t.get(0), ssrcs);
    }

    private static SsrcAttribute ssrc(int n, String value) throws SdpParseException {
        int sp = value.indexOf(' ');
        if (sp < 0 || value.substring(sp + 1).isBlank()) {
            throw new SdpParseException(n, "'a=ssrc' must be '<ssrc> <attribute>[:<value>]'");
        }
        long ssrc = Lines.number(n, "ssrc", value.substring(0, sp), 0, 0xFFFF_FFFFL);
        String attr = value.substring(sp + 1);
        int colon = attr.indexOf(':');
        return colon < 0
                ? new SsrcAttribute(ssrc, attr, null)
                : new SsrcAttribute(ssrc, attr.substring(0, colon), attr.substring(colon + 1));
    }

    private static Candidate candidate(int n, String value) throws SdpParseException {
        List<String> t = Lines.tokens(value);
        if (t.size() < 8 || !t.get(6).equals("typ") || t.size() % 2 != 0) {
            throw new SdpParseException(
                    n,
                    "'a=candidate' must be '<foundation> <component> <transport> <priority>"
                            + " <address> <port> typ <type> [<name> <value>]...'");
        }
        int component = (int) Lines.number(n, "candidate component", t.get(1), 1, 256);
        long priority = Lines.number(n, "candidate priority", t.get(3), 0, 0xFFFF_FFFFL);
        int port = (int) Lines.number(n, "candidate port", t.get(5), 0, 65535);
        return new Candidate(t.get(0), component, t.get(2), priority, t.get(4), port, t.get(7), t.subList(8, t.size()));
    }

    MediaDescription finish() {
        List<RtpCodec> list = new ArrayList<>();
        for (Map.Entry<Integer, Codec> e : codecs.entrySet()) {
            Codec c = e.getValue();
            list.add(new RtpCodec(e.getKey(), c.name, c.clockRate, c.channels, c.fmtp, c.feedback));
        }
        b.codecs(list);
        b.formats(formats);
        return b.build();
    }
}

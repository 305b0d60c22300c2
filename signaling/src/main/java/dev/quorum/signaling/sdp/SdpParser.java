package dev.quorum.signaling.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses SDP text (RFC 8866) into a {@link SessionDescription}.
 *
 * <pre>
 *   v=0                                  must come first
 *   o=- 4611731400430051336 2 IN IP4 127.0.0.1
 *   s=-
 *   t=0 0
 *   a=group:BUNDLE 0 1                   session-level attributes
 *   m=audio 9 UDP/TLS/RTP/SAVPF 111 63   one m-section per m= line, up to the next one
 *   c=IN IP4 0.0.0.0
 *   a=mid:0 …
 * </pre>
 *
 * <p>Lines end in CRLF or LF; blank lines are skipped. Session-level {@code c=}, {@code t=},
 * {@code b=} and the informational lines are accepted and not kept. The typed attributes are
 * checked strictly (numbers in range, required fields present); everything else is kept as an
 * {@link Attribute}. Stateless and thread-safe.
 */
public final class SdpParser {

    /** Descriptions longer than this are refused before parsing. */
    public static final int MAX_LINES = 20_000;

    private SdpParser() {}

    /** Parses a whole description; never returns a partial one. */
    public static SessionDescription parse(String text) throws SdpParseException {
        if (text == null || text.isBlank()) {
            throw new SdpParseException(0, "empty description");
        }
        List<String> lines = Arrays.asList(text.split("\n", -1));
        if (lines.size() > MAX_LINES) {
            throw new SdpParseException(0, "description has more than " + MAX_LINES + " lines");
        }
        return new SdpParser.Run(lines).parse();
    }

    /** The state of one parse: the session being built and the m-section being read. */
    private static final class Run {
        private final List<String> lines;
        private Origin origin;
        private String sessionName;
        private List<String> bundle = List.of();
        private boolean iceLite;
        private boolean extmapAllowMixed;
        private String iceUfrag;
        private String icePwd;
        private String iceOptions;
        private Fingerprint fingerprint;
        private Setup setup;
        private final List<Attribute> other = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();
        private MediaSectionParser current;

        Run(List<String> lines) {
            this.lines = lines;
        }

        SessionDescription parse() throws SdpParseException {
            boolean sawVersion = false;
            for (int i = 0; i < lines.size(); i++) {
                int n = i + 1;
                String line = lines.get(i);
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                    throw new SdpParseException(n, "expected '<type>=<value>' but found '" + clip(line) + "'");
                }
                char type = line.charAt(0);
                String value = line.substring(2);
                if (!sawVersion) {
                    if (type != 'v' || !value.equals("0")) {
                        throw new SdpParseException(n, "a description must start with 'v=0'");
                    }
                    sawVersion = true;
                    continue;
                }
                if (type == 'm') {
                    finishMedia(n);
                    current = new MediaSectionParser(n, value);
                } else if (current != null) {
                    current.line(n, type, value);
                } else {
                    sessionLine(n, type, value);
                }
            }
            if (!sawVersion) {
                throw new SdpParseException(0, "a description must start with 'v=0'");
            }
            finishMedia(lines.size());
            if (origin == null) {
                throw new SdpParseException(0, "missing 'o=' line");
            }
            return new SessionDescription(
                    origin,
                    sessionName == null ? "-" : sessionName,
                    bundle,
                    iceLite,
                    extmapAllowMixed,
                    iceUfrag,
                    icePwd,
                    iceOptions,
                    fingerprint,
                    setup,
                    other,
                    media);
        }

        private void finishMedia(int n) throws SdpParseException {
            if (current == null) {
                return;
            }
            MediaDescription m = current.finish();
            if (m.mid() != null) {
                for (MediaDescription earlier : media) {
                    if (m.mid().equals(earlier.mid())) {
                        throw new SdpParseException(current.firstLine(), "duplicate mid '" + m.mid() + "'");
                    }
                }
            }
            media.add(m);
            current = null;
        }

        private void sessionLine(int n, char type, String value) throws SdpParseException {
            switch (type) {
                case 'o' -> origin = origin(n, value);
                case 's' -> sessionName = value;
                case 'a' -> sessionAttribute(n, value);
                default -> {
                    // t=, c=, b=, i=, u=, e=, p=, z=, k=, r= carry nothing WebRTC negotiation uses.
                }
            }
        }

        private void sessionAttribute(int n, String text) throws SdpParseException {
            int colon = text.indexOf(':');
            String name = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? null : text.substring(colon + 1);
            switch (name) {
                case "group" -> {
                    String v = Lines.required(n, name, value);
                    if (v.startsWith("BUNDLE")) {
                        bundle = Lines.tokens(v.substring("BUNDLE".length()));
                    } else {
                        other.add(new Attribute(name, value));
                    }
                }
                case "ice-lite" -> iceLite = true;
                case "extmap-allow-mixed" -> extmapAllowMixed = true;
                case "ice-ufrag" -> iceUfrag = Lines.required(n, name, value).trim();
                case "ice-pwd" -> icePwd = Lines.required(n, name, value).trim();
                case "ice-options" ->
                    iceOptions = Lines.required(n, name, value).trim();
                case "fingerprint" -> fingerprint = Lines.fingerprint(n, value);
                case "setup" -> setup = Lines.setup(n, value);
                default -> other.add(new Attribute(name, value));
            }
        }

        private static Origin origin(int n, String value) throws SdpParseException {
            List<String> t = Lines.tokens(value);
            if (t.size() != 6) {
                throw new SdpParseException(
                        n, "'o=' needs 6 fields: <username> <sess-id> <sess-version> IN IP4 <address>");
            }
            if (!t.get(1).chars().allMatch(Character::isDigit)) {
                throw new SdpParseException(n, "session id must be decimal digits: '" + clip(t.get(1)) + "'");
            }
            long version = Lines.number(n, "session version", t.get(2), 0, Long.MAX_VALUE);
            return new Origin(t.get(0), t.get(1), version, t.get(5));
        }
    }

    static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}

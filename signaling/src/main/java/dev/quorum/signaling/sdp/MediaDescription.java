package dev.quorum.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * One m-section ({@code m=} line and the lines up to the next one).
 *
 * @param kind             {@code audio}, {@code video} or {@code application}
 * @param port             0 for a rejected or stopped section (9 is the usual placeholder)
 * @param protocol         {@code UDP/TLS/RTP/SAVPF} for WebRTC media
 * @param formats          the m-line's format list as written (payload type numbers for RTP)
 * @param connection       the {@code c=} value ({@code IN IP4 0.0.0.0}), or null
 * @param bandwidths       {@code b=} values ({@code AS:300}), in order
 * @param mid              {@code a=mid}, or null
 * @param direction        the direction attribute, or null when not written (meaning sendrecv)
 * @param msids            {@code a=msid} lines
 * @param iceUfrag         {@code a=ice-ufrag}, or null (then the session's applies)
 * @param icePwd           {@code a=ice-pwd}, or null
 * @param iceOptions       {@code a=ice-options} value, or null
 * @param fingerprint      {@code a=fingerprint}, or null (then the session's applies)
 * @param setup            {@code a=setup}, or null
 * @param candidates       {@code a=candidate} lines
 * @param endOfCandidates  whether {@code a=end-of-candidates} is present
 * @param rtcp             {@code a=rtcp} value as written, or null
 * @param rtcpMux          whether {@code a=rtcp-mux} is present
 * @param rtcpRsize        whether {@code a=rtcp-rsize} is present
 * @param codecs           payload types in order of their first mention
 * @param wildcardFeedback {@code a=rtcp-fb:*} values
 * @param extmaps          header extensions
 * @param rids             {@code a=rid} lines
 * @param simulcast        {@code a=simulcast}, or null
 * @param ssrcGroups       {@code a=ssrc-group} lines
 * @param ssrcs            {@code a=ssrc} lines
 * @param otherAttributes  any other attribute, in order
 */
public record MediaDescription(
        String kind,
        int port,
        String protocol,
        List<String> formats,
        String connection,
        List<String> bandwidths,
        String mid,
        Direction direction,
        List<Msid> msids,
        String iceUfrag,
        String icePwd,
        String iceOptions,
        Fingerprint fingerprint,
        Setup setup,
        List<Candidate> candidates,
        boolean endOfCandidates,
        String rtcp,
        boolean rtcpMux,
        boolean rtcpRsize,
        List<RtpCodec> codecs,
        List<String> wildcardFeedback,
        List<Extmap> extmaps,
        List<Rid> rids,
        Simulcast simulcast,
        List<SsrcGroup> ssrcGroups,
        List<SsrcAttribute> ssrcs,
        List<Attribute> otherAttributes) {

    public static final String AUDIO = "audio";
    public static final String VIDEO = "video";
    public static final String APPLICATION = "application";
    public static final String WEBRTC_PROTOCOL = "UDP/TLS/RTP/SAVPF";

    public MediaDescription {
        formats = List.copyOf(formats);
        bandwidths = List.copyOf(bandwidths);
        msids = List.copyOf(msids);
        candidates = List.copyOf(candidates);
        codecs = List.copyOf(codecs);
        wildcardFeedback = List.copyOf(wildcardFeedback);
        extmaps = List.copyOf(extmaps);
        rids = List.copyOf(rids);
        ssrcGroups = List.copyOf(ssrcGroups);
        ssrcs = List.copyOf(ssrcs);
        otherAttributes = List.copyOf(otherAttributes);
    }

    /** True for a section with port 0: rejected in an answer, stopped in an offer. */
    public boolean isRejected() {
        return port == 0;
    }

    /** True for an RTP m-section (audio or video), as opposed to data channels. */
    public boolean isRtp() {
        return protocol.contains("RTP");
    }

    /** The direction, with the RFC default of {@code sendrecv} when none is written. */
    public Direction effectiveDirection() {
        return direction == null ? Direction.SENDRECV : direction;
    }

    /** The payload type's codec, or null. */
    public RtpCodec codec(int payloadType) {
        for (RtpCodec c : codecs) {
            if (c.payloadType() == payloadType) {
                return c;
            }
        }
        return null;
    }

    /** The RTX payload type that repairs {@code payloadType}, or null. */
    public RtpCodec rtxFor(int payloadType) {
        for (RtpCodec c : codecs) {
            if (c.associatedPayloadType() == payloadType) {
                return c;
            }
        }
        return null;
    }

    /** The id the header extension {@code uri} has here, or -1. */
    public int extmapId(String uri) {
        for (Extmap e : extmaps) {
            if (e.uri().equals(uri)) {
                return e.id();
            }
        }
        return -1;
    }

    /** The value of {@code a=ssrc:<ssrc> <attribute>:…}, or null. */
    public String ssrcAttribute(long ssrc, String attribute) {
        for (SsrcAttribute s : ssrcs) {
            if (s.ssrc() == ssrc && s.attribute().equals(attribute)) {
                return s.value();
            }
        }
        return null;
    }

    /** The distinct SSRCs of the {@code a=ssrc} lines, in order. */
    public List<Long> distinctSsrcs() {
        List<Long> out = new ArrayList<>();
        for (SsrcAttribute s : ssrcs) {
            if (!out.contains(s.ssrc())) {
                out.add(s.ssrc());
            }
        }
        return out;
    }

    /** The first other attribute with this name, or null. */
    public Attribute attribute(String name) {
        for (Attribute a : otherAttributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    /** Builds a description step by step; lists start empty, the port at 9, the protocol for WebRTC. */
    public static final class Builder {
        private final String kind;
        private int port = 9;
        private String protocol = WEBRTC_PROTOCOL;
        private List<String> formats = new ArrayList<>();
        private String connection = "IN IP4 0.0.0.0";
        private List<String> bandwidths = new ArrayList<>();
        private String mid;
        private Direction direction;
        private List<Msid> msids = new ArrayList<>();
        private String iceUfrag;
        private String icePwd;
        private String iceOptions;
        private Fingerprint fingerprint;
        private Setup setup;
        private List<Candidate> candidates = new ArrayList<>();
        private boolean endOfCandidates;
        private String rtcp;
        private boolean rtcpMux;
        private boolean rtcpRsize;
        private List<RtpCodec> codecs = new ArrayList<>();
        private List<String> wildcardFeedback = new ArrayList<>();
        private List<Extmap> extmaps = new ArrayList<>();
        private List<Rid> rids = new ArrayList<>();
        private Simulcast simulcast;
        private List<SsrcGroup> ssrcGroups = new ArrayList<>();
        private List<SsrcAttribute> ssrcs = new ArrayList<>();
        private List<Attribute> otherAttributes = new ArrayList<>();

        Builder(String kind) {
            this.kind = kind;
        }

        Builder(MediaDescription m) {
            this.kind = m.kind;
            port = m.port;
            protocol = m.protocol;
            formats = new ArrayList<>(m.formats);
            connection = m.connection;
            bandwidths = new ArrayList<>(m.bandwidths);
            mid = m.mid;
            direction = m.direction;
            msids = new ArrayList<>(m.msids);
            iceUfrag = m.iceUfrag;
            icePwd = m.icePwd;
            iceOptions = m.iceOptions;
            fingerprint = m.fingerprint;
            setup = m.setup;
            candidates = new ArrayList<>(m.candidates);
            endOfCandidates = m.endOfCandidates;
            rtcp = m.rtcp;
            rtcpMux = m.rtcpMux;
            rtcpRsize = m.rtcpRsize;
            codecs = new ArrayList<>(m.codecs);
            wildcardFeedback = new ArrayList<>(m.wildcardFeedback);
            extmaps = new ArrayList<>(m.extmaps);
            rids = new ArrayList<>(m.rids);
            simulcast = m.simulcast;
            ssrcGroups = new ArrayList<>(m.ssrcGroups);
            ssrcs = new ArrayList<>(m.ssrcs);
            otherAttributes = new ArrayList<>(m.otherAttributes);
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder protocol(String v) {
            protocol = v;
            return this;
        }

        public Builder formats(List<String> v) {
            formats = new ArrayList<>(v);
            return this;
        }

        public Builder connection(String v) {
            connection = v;
            return this;
        }

        public Builder bandwidth(String v) {
            bandwidths.add(v);
            return this;
        }

        public Builder mid(String v) {
            mid = v;
            return this;
        }

        public Builder direction(Direction v) {
            direction = v;
            return this;
        }

        public Builder msid(Msid v) {
            msids.add(v);
            return this;
        }

        public Builder ice(String ufrag, String pwd) {
            iceUfrag = ufrag;
            icePwd = pwd;
            return this;
        }

        public Builder iceUfrag(String v) {
            iceUfrag = v;
            return this;
        }

        public Builder icePwd(String v) {
            icePwd = v;
            return this;
        }

        public Builder iceOptions(String v) {
            iceOptions = v;
            return this;
        }

        public Builder fingerprint(Fingerprint v) {
            fingerprint = v;
            return this;
        }

        public Builder setup(Setup v) {
            setup = v;
            return this;
        }

        public Builder candidate(Candidate v) {
            candidates.add(v);
            return this;
        }

        public Builder endOfCandidates(boolean v) {
            endOfCandidates = v;
            return this;
        }

        public Builder rtcp(String v) {
            rtcp = v;
            return this;
        }

        public Builder rtcpMux(boolean v) {
            rtcpMux = v;
            return this;
        }

        public Builder rtcpRsize(boolean v) {
            rtcpRsize = v;
            return this;
        }

        public Builder codec(RtpCodec v) {
            codecs.add(v);
            return this;
        }

        public Builder wildcardFeedback(String v) {
            wildcardFeedback.add(v);
            return this;
        }

        public Builder extmap(Extmap v) {
            extmaps.add(v);
            return this;
        }

        public Builder rid(Rid v) {
            rids.add(v);
            return this;
        }

        public Builder simulcast(Simulcast v) {
            simulcast = v;
            return this;
        }

        public Builder ssrcGroup(SsrcGroup v) {
            ssrcGroups.add(v);
            return this;
        }

        public Builder ssrc(SsrcAttribute v) {
            ssrcs.add(v);
            return this;
        }

        public Builder attribute(Attribute v) {
            otherAttributes.add(v);
            return this;
        }

        /** Replaces the codec list and sets the m-line formats to their payload types. */
        public Builder codecs(List<RtpCodec> v) {
            codecs = new ArrayList<>(v);
            formats = new ArrayList<>();
            for (RtpCodec c : v) {
                formats.add(Integer.toString(c.payloadType()));
            }
            return this;
        }

        /** Removes everything describing this side's RTP streams and ICE/DTLS parameters. */
        public Builder clearStreams() {
            msids.clear();
            ssrcs.clear();
            ssrcGroups.clear();
            rids.clear();
            simulcast = null;
            return this;
        }

        List<RtpCodec> codecList() {
            return codecs;
        }

        public MediaDescription build() {
            return new MediaDescription(
                    kind,
                    port,
                    protocol,
                    formats,
                    connection,
                    bandwidths,
                    mid,
                    direction,
                    msids,
                    iceUfrag,
                    icePwd,
                    iceOptions,
                    fingerprint,
                    setup,
                    candidates,
                    endOfCandidates,
                    rtcp,
                    rtcpMux,
                    rtcpRsize,
                    codecs,
                    wildcardFeedback,
                    extmaps,
                    rids,
                    simulcast,
                    ssrcGroups,
                    ssrcs,
                    otherAttributes);
        }
    }
}

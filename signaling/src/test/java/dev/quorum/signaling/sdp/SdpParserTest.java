package dev.quorum.signaling.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.signaling.testing.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SdpParserTest {

    @Nested
    class ChromeSimulcastOffer {
        final SessionDescription d = parse(Fixtures.text(Fixtures.SIMULCAST_OFFER));

        @Test
        void sessionLevelBundleAndOrigin() {
            assertThat(d.bundle()).containsExactly("0", "1");
            assertThat(d.extmapAllowMixed()).isTrue();
            assertThat(d.iceLite()).isFalse();
            assertThat(d.origin().sessionId()).isEqualTo("4367198886996728976");
            assertThat(d.origin().sessionVersion()).isEqualTo(2);
            assertThat(d.attribute("msid-semantic").value()).isEqualTo(" WMS cd9b6cde-4353-4aa4-b812-d49665fdc0fc");
        }

        @Test
        void audioSectionTypesEveryAttributeTheSfuUses() {
            MediaDescription a = d.media().get(0);
            assertThat(a.kind()).isEqualTo("audio");
            assertThat(a.mid()).isEqualTo("0");
            assertThat(a.direction()).isEqualTo(Direction.SENDONLY);
            assertThat(a.iceUfrag()).isEqualTo("i1aI");
            assertThat(a.icePwd()).isEqualTo("D6Kt7tp2TK//xBlNMeJ1p/xR");
            assertThat(a.setup()).isEqualTo(Setup.ACTPASS);
            assertThat(a.fingerprint().algorithm()).isEqualTo("sha-256");
            assertThat(a.fingerprint().value()).startsWith("FB:F4:B9:63");
            assertThat(a.rtcpMux()).isTrue();
            assertThat(a.rtcpRsize()).isTrue();
            assertThat(a.formats()).containsExactly("111", "63", "9", "0", "8", "13", "110", "126");
            RtpCodec opus = a.codec(111);
            assertThat(opus.name()).isEqualTo("opus");
            assertThat(opus.clockRate()).isEqualTo(48000);
            assertThat(opus.channels()).isEqualTo(2);
            assertThat(opus.parameters()).containsEntry("useinbandfec", "1").containsEntry("minptime", "10");
            assertThat(opus.feedback()).containsExactly("transport-cc");
            assertThat(a.codec(63).fmtp()).isEqualTo("111/111");
            assertThat(a.extmapId("urn:ietf:params:rtp-hdrext:ssrc-audio-level"))
                    .isEqualTo(1);
            assertThat(a.ssrcAttribute(1207745800L, "cname")).isEqualTo("0ZUXuqg24vqR5/iE");
            assertThat(a.msids())
                    .containsExactly(
                            new Msid("cd9b6cde-4353-4aa4-b812-d49665fdc0fc", "6599c275-c9d6-4336-a0ee-7432c0e833bf"));
            assertThat(a.attribute("rtcp-xr").value()).isEqualTo("rcvr-rtt=all");
        }

        @Test
        void videoSectionHasRidsWithoutSsrcs() {
            MediaDescription v = d.media().get(1);
            assertThat(v.rids()).extracting(Rid::id).containsExactly("q", "h", "f");
            assertThat(v.rids()).allMatch(r -> r.direction().equals(Rid.SEND));
            assertThat(v.simulcast().sendRids()).containsExactly("q", "h", "f");
            assertThat(v.ssrcs()).isEmpty();
            assertThat(v.rtxFor(96).payloadType()).isEqualTo(97);
            assertThat(v.codec(108).parameters())
                    .containsEntry("profile-level-id", "42e01f")
                    .containsEntry("packetization-mode", "1");
            assertThat(v.codec(96).feedback())
                    .containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
            assertThat(v.extmapId("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"))
                    .isEqualTo(10);
            assertThat(v.extmapId("urn:3gpp:video-orientation")).isEqualTo(13);
            assertThat(v.codec(120).is("ulpfec")).isTrue();
        }
    }

    @Test
    void singleLayerOfferCarriesAnRtxFidGroup() {
        MediaDescription v =
                parse(Fixtures.text(Fixtures.SINGLE_LAYER_OFFER)).media().get(1);
        assertThat(v.ssrcGroups()).singleElement().satisfies(g -> {
            assertThat(g.semantics()).isEqualTo(SsrcGroup.FID);
            assertThat(g.ssrcs()).hasSize(2);
        });
        assertThat(v.distinctSsrcs()).hasSize(2);
        assertThat(v.rids()).isEmpty();
        assertThat(v.simulcast()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.SIMULCAST_OFFER, Fixtures.SINGLE_LAYER_OFFER, Fixtures.AUDIO_OFFER})
    void writingAndParsingAgainGivesTheSameModel(String fixture) {
        SessionDescription first = parse(Fixtures.text(fixture));
        SessionDescription second = parse(SdpWriter.write(first));
        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.SIMULCAST_OFFER, Fixtures.SINGLE_LAYER_OFFER, Fixtures.AUDIO_OFFER})
    void writingLosesNoLineOfABrowserOffer(String fixture) {
        String original = Fixtures.text(fixture);
        String written = SdpWriter.write(parse(original));
        assertThat(sortedLines(written)).isEqualTo(sortedLines(original));
        assertThat(written).endsWith("\r\n");
    }

    @Test
    void sessionLevelTransportAttributesApplyToSectionsWithoutTheirOwn() {
        SessionDescription d = parse("""
                v=0
                o=mozilla...THIS_IS_SDPARTA-99.0 123 0 IN IP4 0.0.0.0
                s=-
                t=0 0
                a=fingerprint:sha-256 AA:BB:CC
                a=ice-ufrag:abcd
                a=ice-pwd:0123456789012345678901
                a=setup:actpass
                a=group:BUNDLE 0
                m=audio 9 UDP/TLS/RTP/SAVPF 109
                c=IN IP4 0.0.0.0
                a=mid:0
                a=sendonly
                a=rtpmap:109 opus/48000/2
                """);
        MediaDescription m = d.media().get(0);
        assertThat(m.fingerprint()).isNull();
        assertThat(d.fingerprintOf(m)).isEqualTo(new Fingerprint("sha-256", "aa:bb:cc"));
        assertThat(d.iceUfragOf(m)).isEqualTo("abcd");
        assertThat(d.setupOf(m)).isEqualTo(Setup.ACTPASS);
    }

    @Test
    void candidatesKeepTheirExtensions() {
        MediaDescription m = parse("""
                v=0
                o=- 1 1 IN IP4 0.0.0.0
                s=-
                t=0 0
                m=audio 9 UDP/TLS/RTP/SAVPF 111
                a=candidate:1 1 tcp 1518280447 192.0.2.1 9 typ host tcptype active generation 0
                a=candidate:2 1 udp 2122260223 192.0.2.1 50000 typ host generation 0 network-id 1
                a=end-of-candidates
                a=rtpmap:111 opus/48000/2
                """).media().get(0);
        assertThat(m.candidates()).hasSize(2);
        assertThat(m.candidates().get(0).extension("tcptype")).isEqualTo("active");
        assertThat(m.candidates().get(1).port()).isEqualTo(50000);
        assertThat(m.endOfCandidates()).isTrue();
    }

    static Stream<Arguments> malformed() {
        String head = "v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\n";
        String m = "m=video 9 UDP/TLS/RTP/SAVPF 96\n";
        return Stream.of(
                Arguments.of("empty", "", 0, "empty"),
                Arguments.of("no version first", "o=- 1 1 IN IP4 0.0.0.0\n", 1, "v=0"),
                Arguments.of("not type=value", "v=0\nhello\n", 2, "<type>=<value>"),
                Arguments.of("missing origin", "v=0\ns=-\n", 0, "o="),
                Arguments.of("short origin", "v=0\no=- 1 IN IP4\n", 2, "6 fields"),
                Arguments.of("non-numeric session version", "v=0\no=- 1 x IN IP4 0.0.0.0\n", 2, "session version"),
                Arguments.of("short m-line", head + "m=audio 9\n", 5, "m="),
                Arguments.of("bad port", head + "m=audio ninety UDP/TLS/RTP/SAVPF 111\n", 5, "port"),
                Arguments.of(
                        "payload type out of range", head + "m=audio 9 UDP/TLS/RTP/SAVPF 300\n", 5, "payload type"),
                Arguments.of("rtpmap without clock", head + m + "a=rtpmap:96 VP8\n", 6, "rtpmap"),
                Arguments.of("rtpmap for unlisted pt", head + m + "a=rtpmap:97 VP8/90000\n", 6, "not in the m-line"),
                Arguments.of("fmtp without parameters", head + m + "a=fmtp:96\n", 6, "fmtp"),
                Arguments.of("rtcp-fb without type", head + m + "a=rtcp-fb:96\n", 6, "rtcp-fb"),
                Arguments.of("extmap id zero", head + m + "a=extmap:0 urn:x\n", 6, "extension id"),
                Arguments.of("extmap without uri", head + m + "a=extmap:3\n", 6, "extmap"),
                Arguments.of("bad fingerprint", head + m + "a=fingerprint:sha-256 nothex\n", 6, "fingerprint"),
                Arguments.of("bad setup", head + m + "a=setup:sideways\n", 6, "setup"),
                Arguments.of("ssrc too large", head + m + "a=ssrc:4294967296 cname:x\n", 6, "ssrc"),
                Arguments.of("ssrc without attribute", head + m + "a=ssrc:1234\n", 6, "ssrc"),
                Arguments.of("rid with bad direction", head + m + "a=rid:q both\n", 6, "rid"),
                Arguments.of("simulcast with bad direction", head + m + "a=simulcast:up q;h\n", 6, "simulcast"),
                Arguments.of(
                        "candidate without typ", head + m + "a=candidate:1 1 udp 1 1.2.3.4 5 host\n", 6, "candidate"),
                Arguments.of("empty mid", head + m + "a=mid:\n", 6, "mid"),
                Arguments.of("duplicate mid", head + m + "a=mid:0\n" + m + "a=mid:0\n", 7, "duplicate mid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedLinesAreRefusedWithTheirLineNumber(String name, String text, int line, String mentions) {
        assertThatThrownBy(() -> SdpParser.parse(text))
                .isInstanceOf(SdpParseException.class)
                .hasMessageContaining(mentions)
                .satisfies(e -> assertThat(((SdpParseException) e).lineNumber()).isEqualTo(line));
    }

    @Test
    void randomlyDamagedOffersFailOnlyWithParseErrors() {
        Random random = new Random(7);
        String original = Fixtures.text(Fixtures.SIMULCAST_OFFER);
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            char[] chars = original.toCharArray();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                chars[random.nextInt(chars.length)] = (char) (random.nextInt(96) + 32);
            }
            String damaged = new String(chars);
            try {
                SessionDescription d = SdpParser.parse(damaged);
                assertThat(SdpParser.parse(SdpWriter.write(d))).isEqualTo(d);
            } catch (SdpParseException e) {
                refused++;
                assertThat(e.lineNumber()).isBetween(0, damaged.split("\n").length);
            }
        }
        assertThat(refused).isPositive();
    }

    private static List<String> sortedLines(String s) {
        return Arrays.stream(s.split("\r\n")).filter(l -> !l.isEmpty()).sorted().toList();
    }

    static SessionDescription parse(String text) {
        try {
            return SdpParser.parse(text);
        } catch (SdpParseException e) {
            throw new AssertionError(e);
        }
    }
}

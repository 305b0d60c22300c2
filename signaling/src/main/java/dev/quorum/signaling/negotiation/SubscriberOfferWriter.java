package dev.quorum.signaling.negotiation;

import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.CodecChoice;
import dev.quorum.sfu.room.OutgoingTrack;
import dev.quorum.sfu.room.SubscriberOffer;
import dev.quorum.sfu.transport.TransportDescription;
import dev.quorum.signaling.sdp.Direction;
import dev.quorum.signaling.sdp.Extmap;
import dev.quorum.signaling.sdp.MediaDescription;
import dev.quorum.signaling.sdp.Msid;
import dev.quorum.signaling.sdp.Origin;
import dev.quorum.signaling.sdp.RtpCodec;
import dev.quorum.signaling.sdp.SessionDescription;
import dev.quorum.signaling.sdp.Setup;
import dev.quorum.signaling.sdp.SsrcAttribute;
import dev.quorum.signaling.sdp.SsrcGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the server's offer on a subscriber peer connection (RFC 8829 §5.2) from the engine's
 * {@link SubscriberOffer}: {@code a=ice-lite}, {@code a=setup:actpass} (an offerer must; the
 * browser answers active and the server stays the DTLS server), every section in the engine's
 * order under its stable mid and in the BUNDLE group. An occupied section is {@code sendonly}
 * with {@code a=msid:<publisher SID> <track SID>}, the codec and its RTX, and the outgoing SSRC
 * with its cname ({@code a=ssrc-group:FID} pairing the RTX SSRC); a vacant one is
 * {@code inactive} without SSRCs, waiting to be recycled for a later track of its kind. The
 * {@code o=} version is the engine's offer version, so it increases with every offer.
 */
public final class SubscriberOfferWriter {

    private SubscriberOfferWriter() {}

    /**
     * @param sessionId stays the same for every offer on one peer connection
     */
    public static SessionDescription write(SubscriberOffer offer, TransportDescription transport, String sessionId) {
        List<MediaDescription> media = new ArrayList<>();
        List<String> bundle = new ArrayList<>();
        for (OutgoingTrack t : offer.sections()) {
            media.add(section(t, transport));
            bundle.add(t.mid());
        }
        return new SessionDescription(
                new Origin("-", sessionId, offer.version(), "127.0.0.1"),
                "-",
                bundle,
                true,
                true,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                media);
    }

    private static MediaDescription section(OutgoingTrack t, TransportDescription transport) {
        CodecChoice c = t.codec();
        List<RtpCodec> codecs = new ArrayList<>();
        Map<String, String> fmtp = new LinkedHashMap<>(c.fmtp());
        codecs.add(new RtpCodec(
                c.payloadType(),
                c.name(),
                c.clockRate(),
                c.channels(),
                RtpCodec.fmtpText(sorted(fmtp)),
                c.rtcpFeedback()));
        if (c.hasRtx()) {
            codecs.add(new RtpCodec(c.rtxPayloadType(), "rtx", c.clockRate(), 0, "apt=" + c.payloadType(), List.of()));
        }
        String kind = t.kind() == TrackKind.AUDIO ? MediaDescription.AUDIO : MediaDescription.VIDEO;
        MediaDescription.Builder b =
                MediaDescription.builder(kind).codecs(codecs).mid(t.mid());
        TransportLines.apply(b, transport, Setup.ACTPASS);
        t.headerExtensions().entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> b.extmap(new Extmap(e.getValue(), e.getKey())));
        b.rtcpRsize(true);
        if (!t.active()) {
            return b.direction(Direction.INACTIVE).build();
        }
        b.direction(Direction.SENDONLY).msid(new Msid(t.streamId(), t.trackSid()));
        if (t.rtxSsrc() != 0 && c.hasRtx()) {
            b.ssrcGroup(new SsrcGroup(SsrcGroup.FID, List.of(t.ssrc(), t.rtxSsrc())));
        }
        b.ssrc(new SsrcAttribute(t.ssrc(), "cname", t.cname()));
        if (t.rtxSsrc() != 0 && c.hasRtx()) {
            b.ssrc(new SsrcAttribute(t.rtxSsrc(), "cname", t.cname()));
        }
        return b.build();
    }

    /** Stable fmtp order so that offers differ only where the state does. */
    private static Map<String, String> sorted(Map<String, String> fmtp) {
        Map<String, String> out = new LinkedHashMap<>();
        fmtp.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}

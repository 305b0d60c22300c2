package dev.quorum.signaling.negotiation;

import dev.quorum.sfu.transport.TransportDescription;
import dev.quorum.signaling.sdp.Direction;
import dev.quorum.signaling.sdp.Extmap;
import dev.quorum.signaling.sdp.MediaDescription;
import dev.quorum.signaling.sdp.Origin;
import dev.quorum.signaling.sdp.Rid;
import dev.quorum.signaling.sdp.RtpCodec;
import dev.quorum.signaling.sdp.SessionDescription;
import dev.quorum.signaling.sdp.Setup;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the server's answer to a publisher's offer (RFC 8829 §5.3), as Chrome requires it:
 * {@code a=ice-lite}; the same m-sections in the same order with the same mids; accepted ones
 * bundled, each with the chosen codec and its RTX only, the accepted feedback and extensions
 * (offer ids), {@code recvonly}, {@code a=rtcp-mux}, {@code a=setup:passive} (the server is the
 * DTLS server), fingerprint, ICE credentials and all candidates followed by
 * {@code a=end-of-candidates}, and for simulcast the offer's rids as {@code recv} with
 * {@code a=simulcast:recv}; refused ones with port 0 outside the bundle.
 */
public final class PublishAnswerWriter {

    private PublishAnswerWriter() {}

    /**
     * @param sessionId stays the same for every answer on one peer connection
     * @param version   increases with every answer on it
     */
    public static SessionDescription write(
            PublishPlan plan, TransportDescription transport, String sessionId, long version) {
        List<MediaDescription> media = new ArrayList<>();
        for (PublishPlan.Section s : plan.sections()) {
            media.add(s.accepted() ? accepted(s, transport) : refused(s.offered()));
        }
        return new SessionDescription(
                new Origin("-", sessionId, version, "127.0.0.1"),
                "-",
                plan.bundle(),
                true,
                plan.extmapAllowMixed(),
                null,
                null,
                null,
                null,
                null,
                List.of(),
                media);
    }

    private static MediaDescription accepted(PublishPlan.Section s, TransportDescription transport) {
        MediaDescription offered = s.offered();
        List<RtpCodec> codecs = new ArrayList<>();
        codecs.add(s.codec());
        if (s.rtx() != null) {
            codecs.add(s.rtx().with(s.rtx().fmtp(), List.of()));
        }
        MediaDescription.Builder b =
                MediaDescription.builder(offered.kind()).codecs(codecs).mid(offered.mid());
        TransportLines.apply(b, transport, Setup.PASSIVE);
        for (Extmap e : s.extmaps()) {
            b.extmap(e);
        }
        Direction direction = offered.effectiveDirection().sends() ? Direction.RECVONLY : Direction.INACTIVE;
        b.direction(direction).rtcpRsize(offered.rtcpRsize());
        for (Rid r : PublishNegotiator.answerRids(offered, s.simulcast())) {
            b.rid(r);
        }
        return b.simulcast(s.simulcast()).build();
    }

    private static MediaDescription refused(MediaDescription offered) {
        List<String> formats = offered.formats().isEmpty()
                ? List.of("0")
                : List.of(offered.formats().get(0));
        MediaDescription.Builder b = MediaDescription.builder(offered.kind())
                .port(0)
                .protocol(offered.protocol())
                .formats(formats);
        if (offered.mid() != null) {
            b.mid(offered.mid());
        }
        return b.direction(Direction.INACTIVE).build();
    }
}

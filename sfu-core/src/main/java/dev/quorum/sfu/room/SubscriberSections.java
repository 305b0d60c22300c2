package dev.quorum.sfu.room;

import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.room.forward.HeaderExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The m-sections of the server's offers on one subscriber connection. Mids are stable; a section
 * whose track went away is offered {@code inactive} and, once an answered offer showed it so, may
 * take a later track of the same kind under the same mid. Codecs are renumbered per connection
 * ({@link PayloadTypes}); the feedback and extensions offered are the ones the engine implements.
 * Lives on the room's loop.
 */
final class SubscriberSections {

    static final List<String> VIDEO_FEEDBACK = List.of(
            CodecChoice.NACK,
            CodecChoice.NACK_PLI,
            CodecChoice.CCM_FIR,
            CodecChoice.TRANSPORT_CC,
            CodecChoice.GOOG_REMB);
    static final List<String> AUDIO_FEEDBACK = List.of(CodecChoice.TRANSPORT_CC);

    /** One m-section. */
    private static final class Slot {
        final String mid;
        final TrackKind kind;
        OutgoingTrack last;
        Subscription occupant;
        /** The offer that first carried the current occupant (or vacancy); MAX until offered. */
        long since = Long.MAX_VALUE;
        /** A vacancy the client has seen in an answered offer: the section may take a new track. */
        boolean reusable;

        Slot(String mid, TrackKind kind) {
            this.mid = mid;
            this.kind = kind;
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private final PayloadTypes payloadTypes = new PayloadTypes();
    private long offerVersion;

    /**
     * The section a new subscription to {@code track} goes to (a recycled vacancy or a new one)
     * and how it is offered; call {@link #occupy} with the subscription made from it.
     */
    OutgoingTrack reserve(PublishedTrack track, long ssrc, long rtxSsrc) {
        Slot slot = null;
        for (Slot s : slots) {
            if (s.occupant == null && s.reusable && s.kind == track.kind()) {
                slot = s;
                break;
            }
        }
        if (slot == null) {
            slot = new Slot(Integer.toString(slots.size()), track.kind());
            slots.add(slot);
        }
        boolean video = track.kind() == TrackKind.VIDEO;
        int[] pts = payloadTypes.assign(track.media().codec(), video);
        CodecChoice codec = track.media()
                .codec()
                .withPayloadTypes(pts[0], pts[1])
                .withFeedback(video ? VIDEO_FEEDBACK : AUDIO_FEEDBACK);
        Map<String, Integer> extensions = new LinkedHashMap<>();
        if (!video) {
            extensions.put(HeaderExtension.AUDIO_LEVEL.uri(), HeaderExtension.AUDIO_LEVEL.offeredId());
        }
        extensions.put(HeaderExtension.ABS_SEND_TIME.uri(), HeaderExtension.ABS_SEND_TIME.offeredId());
        extensions.put(HeaderExtension.TRANSPORT_CC.uri(), HeaderExtension.TRANSPORT_CC.offeredId());
        extensions.put(HeaderExtension.MID.uri(), HeaderExtension.MID.offeredId());
        if (video) {
            extensions.put(HeaderExtension.VIDEO_ORIENTATION.uri(), HeaderExtension.VIDEO_ORIENTATION.offeredId());
        }
        TrackInfo info = track.info();
        RoomParticipant publisher = track.publisher();
        OutgoingTrack outgoing = new OutgoingTrack(
                slot.mid,
                true,
                info.sid(),
                publisher.sid(),
                publisher.identity(),
                info.name(),
                track.kind(),
                codec,
                ssrc,
                rtxSsrc,
                publisher.sid(),
                publisher.sid(),
                extensions);
        slot.last = outgoing;
        slot.since = Long.MAX_VALUE;
        slot.reusable = false;
        return outgoing;
    }

    /** The subscription now fills the section reserved for it. */
    void occupy(Subscription sub) {
        slot(sub.outgoing.mid()).occupant = sub;
    }

    /** The subscription ended: its section is offered inactive. */
    void vacate(Subscription sub) {
        for (Slot s : slots) {
            if (s.occupant == sub) {
                OutgoingTrack l = s.last;
                s.occupant = null;
                s.last = new OutgoingTrack(
                        l.mid(),
                        false,
                        l.trackSid(),
                        l.participantSid(),
                        l.identity(),
                        l.trackName(),
                        l.kind(),
                        l.codec(),
                        l.ssrc(),
                        l.rtxSsrc(),
                        l.cname(),
                        l.streamId(),
                        l.headerExtensions());
                s.since = Long.MAX_VALUE;
                s.reusable = false;
            }
        }
    }

    /** The next offer: every section, in order. */
    SubscriberOffer offer() {
        offerVersion++;
        List<OutgoingTrack> sections = new ArrayList<>(slots.size());
        for (Slot s : slots) {
            if (s.since == Long.MAX_VALUE) {
                s.since = offerVersion;
            }
            sections.add(s.last);
        }
        return new SubscriberOffer(offerVersion, sections);
    }

    /**
     * The offer {@code version} was answered: its occupied sections may carry media (given to
     * {@code answeredSubscription}), its vacancies may be recycled.
     */
    void answered(long version, Consumer<Subscription> answeredSubscription) {
        for (Slot s : slots) {
            if (s.since <= version) {
                if (s.occupant != null) {
                    answeredSubscription.accept(s.occupant);
                } else {
                    s.reusable = true;
                }
            }
        }
    }

    private Slot slot(String mid) {
        for (Slot s : slots) {
            if (s.mid.equals(mid)) {
                return s;
            }
        }
        throw new IllegalStateException("no section " + mid);
    }
}

package dev.quorum.sfu.room;

import java.util.List;

/**
 * What the server's next offer on a subscriber peer connection must contain.
 *
 * @param version  increases with every offer; pass it back to
 *                 {@link Participant#subscriberAnswered} so the engine knows which offer the
 *                 answer accepts
 * @param sections every m-section in order, vacant ones included; a section never moves
 */
public record SubscriberOffer(long version, List<OutgoingTrack> sections) {

    public SubscriberOffer {
        sections = List.copyOf(sections);
    }
}

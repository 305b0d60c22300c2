package dev.quorum.sfu.room;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.sfu.api.TrackKind;

/**
 * Forwards a track that has one stream (audio, or video without simulcast): every packet, except
 * that video waits for a keyframe (asked for when forwarding starts), since the subscriber
 * cannot decode anything before it.
 */
final class SimpleSubscription extends Subscription {

    private boolean waitingForKeyframe;

    SimpleSubscription(SubscriberConnection connection, PublishedTrack track, OutgoingTrack outgoing, int cacheSize) {
        super(connection, track, outgoing, cacheSize);
    }

    @Override
    void activate(long nowNanos) {
        active = true;
        if (track.kind() == TrackKind.VIDEO) {
            waitingForKeyframe = true;
            track.requestKeyframe(track.layer(0), nowNanos);
        }
    }

    @Override
    void forward(IncomingStream layer, RtpPacket packet, boolean keyframe, long nowNanos) {
        stage.in();
        if (!active) {
            stage.drop(DropReason.NOT_ACTIVE);
            return;
        }
        if (waitingForKeyframe) {
            if (!keyframe) {
                stage.drop(DropReason.WAITING_FOR_KEYFRAME);
                return;
            }
            waitingForKeyframe = false;
        }
        send(packet, nowNanos);
    }

    @Override
    void skipped(IncomingStream layer, int sequenceNumber) {
        if (active && !waitingForKeyframe) {
            sequences.drop(sequenceNumber);
        }
    }

    @Override
    void keyframeRequested(long nowNanos) {
        track.requestKeyframe(track.layer(0), nowNanos);
    }

    @Override
    IncomingStream current() {
        return active && !waitingForKeyframe ? track.layer(0) : null;
    }

    @Override
    void tick(long nowNanos) {
        if (active && waitingForKeyframe) {
            track.requestKeyframe(track.layer(0), nowNanos);
        }
    }
}

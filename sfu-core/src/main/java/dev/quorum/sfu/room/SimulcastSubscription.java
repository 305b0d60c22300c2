package dev.quorum.sfu.room;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.sfu.room.simulcast.VideoLayers;

/**
 * Forwards one simulcast layer of a track and switches between layers. The target layer is set
 * by the subscriber's bandwidth allocation and size preference; the switch happens only on a
 * keyframe of the target (asked for), and until it arrives the current layer keeps flowing, so
 * the subscriber never sees frozen video. A current layer that stops is left as soon as the
 * allocation picks another one and its keyframe arrives.
 */
final class SimulcastSubscription extends Subscription {

    /** Input and output of the subscriber's layer allocation. */
    final VideoLayers layers = new VideoLayers();

    private int current = -1;
    private int target = -1;

    SimulcastSubscription(
            SubscriberConnection connection, PublishedTrack track, OutgoingTrack outgoing, int cacheSize) {
        super(connection, track, outgoing, cacheSize);
    }

    @Override
    void activate(long nowNanos) {
        active = true;
        connection.allocateSoon();
    }

    /** Sets the layer to switch to (-1 pauses the track for this subscriber). */
    void setTarget(int layer, long nowNanos) {
        if (layer == target) {
            return;
        }
        target = layer;
        if (layer < 0) {
            current = -1;
        } else if (layer != current) {
            track.requestKeyframe(track.layer(layer), nowNanos);
        }
    }

    int target() {
        return target;
    }

    int currentLayer() {
        return current;
    }

    @Override
    void forward(IncomingStream layer, RtpPacket packet, boolean keyframe, long nowNanos) {
        stage.in();
        if (!active) {
            stage.drop(DropReason.NOT_ACTIVE);
            return;
        }
        if (layer.index == target && target != current && keyframe) {
            if (current >= 0) {
                if (target > current) {
                    connection.metrics().layerSwitchesUp++;
                    layerSwitchesUp++;
                } else {
                    connection.metrics().layerSwitchesDown++;
                    layerSwitchesDown++;
                }
            }
            current = target;
            sequences.rebase();
            timestamps.rebase();
            if (vp8 != null) {
                vp8.rebase();
            }
        }
        if (layer.index == current) {
            send(packet, nowNanos);
        } else {
            stage.drop(
                    layer.index == target && target >= 0
                            ? DropReason.WAITING_FOR_KEYFRAME
                            : DropReason.LAYER_NOT_SELECTED);
        }
    }

    @Override
    void skipped(IncomingStream layer, int sequenceNumber) {
        if (active && layer.index == current) {
            sequences.drop(sequenceNumber);
        }
    }

    @Override
    void keyframeRequested(long nowNanos) {
        int layer = target >= 0 && target != current ? target : current;
        if (layer >= 0) {
            track.requestKeyframe(track.layer(layer), nowNanos);
        }
    }

    @Override
    IncomingStream current() {
        return current >= 0 ? track.layer(current) : null;
    }

    @Override
    void tick(long nowNanos) {
        if (active && target >= 0 && target != current) {
            track.requestKeyframe(track.layer(target), nowNanos);
        }
    }
}

package dev.quorum.server.config;

import dev.quorum.sfu.room.RoomsConfig;
import java.time.Duration;

/** Reads the {@code rooms.*} keys (docs/configuration.md, "Rooms"). */
public final class RoomsConfigs {

    private RoomsConfigs() {}

    public static RoomsConfig from(ConfigSource c) {
        RoomsConfig d = RoomsConfig.defaults();
        try {
            return new RoomsConfig(
                    c.longValue("rooms.max-video-bitrate", d.maxVideoBitrate(), 50_000, 100_000_000),
                    c.longValue("rooms.initial-subscriber-bitrate", d.initialSubscriberBitrate(), 50_000, 100_000_000),
                    c.longValue("rooms.max-subscriber-bitrate", d.maxSubscriberBitrate(), 50_000, 1_000_000_000),
                    c.duration(
                            "rooms.keyframe-request-interval",
                            d.keyframeRequestInterval(),
                            Duration.ofMillis(10),
                            Duration.ofSeconds(10)),
                    c.integer("rooms.retransmission-cache", d.retransmissionCache(), 16, 32768),
                    c.duration(
                            "rooms.rtcp-report-interval",
                            d.rtcpReportInterval(),
                            Duration.ofMillis(100),
                            Duration.ofSeconds(10)),
                    c.duration(
                            "rooms.transport-cc-feedback-interval",
                            d.feedbackInterval(),
                            Duration.ofMillis(10),
                            Duration.ofSeconds(1)),
                    c.duration(
                            "rooms.simulcast-layer-timeout",
                            d.layerTimeout(),
                            Duration.ofMillis(200),
                            Duration.ofSeconds(30)),
                    c.bool("rooms.per-room-metrics", d.perRoomMetrics()),
                    c.bool("rooms.per-subscriber-metrics", d.perSubscriberMetrics()));
        } catch (IllegalArgumentException e) {
            // RoomsConfig names the key in its message.
            throw new ConfigException("Invalid rooms configuration: " + e.getMessage());
        }
    }
}

package dev.quorum.sfu.room;

import java.time.Duration;
import java.util.Objects;

/**
 * Forwarding engine settings ({@code rooms.*} keys, documented in docs/configuration.md). Every
 * value is validated here with a message naming its key.
 *
 * @param maxVideoBitrate          {@code rooms.max-video-bitrate}: the most a publisher may send
 *                                 for all its video, in bit/s; announced upstream with REMB
 * @param initialSubscriberBitrate {@code rooms.initial-subscriber-bitrate}: the bandwidth estimate
 *                                 a new subscriber starts with, in bit/s, before feedback arrives
 * @param maxSubscriberBitrate     {@code rooms.max-subscriber-bitrate}: the most the engine sends a
 *                                 subscriber, in bit/s
 * @param keyframeRequestInterval  {@code rooms.keyframe-request-interval}: at most one PLI/FIR per
 *                                 publisher stream in this interval
 * @param retransmissionCache      {@code rooms.retransmission-cache}: packets kept per subscribed
 *                                 stream to answer NACKs (a power of two)
 * @param rtcpReportInterval       {@code rooms.rtcp-report-interval}: how often receiver and sender
 *                                 reports are sent
 * @param feedbackInterval         {@code rooms.transport-cc-feedback-interval}: how often
 *                                 transport-wide feedback is sent to publishers
 * @param layerTimeout             {@code rooms.simulcast-layer-timeout}: a simulcast layer without
 *                                 packets for this long is considered stopped
 * @param perRoomMetrics           {@code rooms.per-room-metrics}: also keep each room's meters,
 *                                 tagged with its SID; off by default, since every room (and a
 *                                 tenant can create any number) adds series to every scrape
 * @param perSubscriberMetrics     {@code rooms.per-subscriber-metrics}: also keep each subscriber's
 *                                 and each forwarded track's meters (estimate, layer, NACKs,
 *                                 resends, keyframe requests, what its browser reports); off by
 *                                 default, for the same reason, many times over
 */
public record RoomsConfig(
        long maxVideoBitrate,
        long initialSubscriberBitrate,
        long maxSubscriberBitrate,
        Duration keyframeRequestInterval,
        int retransmissionCache,
        Duration rtcpReportInterval,
        Duration feedbackInterval,
        Duration layerTimeout,
        boolean perRoomMetrics,
        boolean perSubscriberMetrics) {

    public static final long DEFAULT_MAX_VIDEO_BITRATE = 2_500_000;
    public static final long DEFAULT_INITIAL_SUBSCRIBER_BITRATE = 1_000_000;
    public static final long DEFAULT_MAX_SUBSCRIBER_BITRATE = 4_000_000;
    public static final Duration DEFAULT_KEYFRAME_REQUEST_INTERVAL = Duration.ofMillis(300);
    public static final int DEFAULT_RETRANSMISSION_CACHE = 1024;
    public static final Duration DEFAULT_RTCP_REPORT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_FEEDBACK_INTERVAL = Duration.ofMillis(50);
    public static final Duration DEFAULT_LAYER_TIMEOUT = Duration.ofMillis(1500);

    public RoomsConfig {
        require(
                maxVideoBitrate >= 50_000 && maxVideoBitrate <= 100_000_000,
                "rooms.max-video-bitrate",
                "a bitrate between 50000 and 100000000 bit/s",
                maxVideoBitrate);
        require(
                initialSubscriberBitrate >= 50_000 && initialSubscriberBitrate <= 100_000_000,
                "rooms.initial-subscriber-bitrate",
                "a bitrate between 50000 and 100000000 bit/s",
                initialSubscriberBitrate);
        require(
                maxSubscriberBitrate >= initialSubscriberBitrate && maxSubscriberBitrate <= 1_000_000_000,
                "rooms.max-subscriber-bitrate",
                "a bitrate at least rooms.initial-subscriber-bitrate",
                maxSubscriberBitrate);
        requirePositive(keyframeRequestInterval, "rooms.keyframe-request-interval");
        require(
                retransmissionCache >= 16 && retransmissionCache <= 32768 && Integer.bitCount(retransmissionCache) == 1,
                "rooms.retransmission-cache",
                "a power of two between 16 and 32768",
                retransmissionCache);
        requirePositive(rtcpReportInterval, "rooms.rtcp-report-interval");
        requirePositive(feedbackInterval, "rooms.transport-cc-feedback-interval");
        requirePositive(layerTimeout, "rooms.simulcast-layer-timeout");
    }

    /** Every key at its default. */
    public static RoomsConfig defaults() {
        return new RoomsConfig(
                DEFAULT_MAX_VIDEO_BITRATE,
                DEFAULT_INITIAL_SUBSCRIBER_BITRATE,
                DEFAULT_MAX_SUBSCRIBER_BITRATE,
                DEFAULT_KEYFRAME_REQUEST_INTERVAL,
                DEFAULT_RETRANSMISSION_CACHE,
                DEFAULT_RTCP_REPORT_INTERVAL,
                DEFAULT_FEEDBACK_INTERVAL,
                DEFAULT_LAYER_TIMEOUT,
                false,
                false);
    }

    /** The same settings with each room's own meters kept or not. */
    public RoomsConfig withPerRoomMetrics(boolean on) {
        return withMetrics(on, perSubscriberMetrics);
    }

    /** The same settings with each subscriber's and forwarded track's own meters kept or not. */
    public RoomsConfig withPerSubscriberMetrics(boolean on) {
        return withMetrics(perRoomMetrics, on);
    }

    private RoomsConfig withMetrics(boolean perRoom, boolean perSubscriber) {
        return new RoomsConfig(
                maxVideoBitrate,
                initialSubscriberBitrate,
                maxSubscriberBitrate,
                keyframeRequestInterval,
                retransmissionCache,
                rtcpReportInterval,
                feedbackInterval,
                layerTimeout,
                perRoom,
                perSubscriber);
    }

    private static void require(boolean ok, String key, String expected, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for " + key + ": expected " + expected);
        }
    }

    private static void requirePositive(Duration d, String key) {
        Objects.requireNonNull(d, key);
        require(!d.isNegative() && !d.isZero(), key, "a positive duration", d);
    }
}

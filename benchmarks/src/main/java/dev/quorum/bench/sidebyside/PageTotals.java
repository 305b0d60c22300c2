package dev.quorum.bench.sidebyside;

import java.util.Map;

/**
 * A page's cumulative RTP counters from getStats(): inbound streams (what its subscriptions
 * received) and outbound ones (what it published). Totals of several pages and differences of two
 * readings are again totals.
 */
record PageTotals(
        double received,
        double lost,
        double streams,
        double flowing,
        double freezes,
        double freezeSeconds,
        double framesDecoded,
        double videoJitterDelay,
        double videoEmitted,
        double audioJitterDelay,
        double audioEmitted,
        double concealed,
        double samples,
        double sentVideoBytes,
        double sentPackets) {

    static final PageTotals ZERO = new PageTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    static PageTotals of(Map<?, ?> m) {
        return new PageTotals(
                num(m, "received"),
                num(m, "lost"),
                num(m, "streams"),
                num(m, "flowing"),
                num(m, "freezes"),
                num(m, "freezeSeconds"),
                num(m, "framesDecoded"),
                num(m, "videoJitterDelay"),
                num(m, "videoEmitted"),
                num(m, "audioJitterDelay"),
                num(m, "audioEmitted"),
                num(m, "concealed"),
                num(m, "samples"),
                num(m, "sentVideoBytes"),
                num(m, "sentPackets"));
    }

    private static double num(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    PageTotals plus(PageTotals o) {
        return new PageTotals(
                received + o.received,
                lost + o.lost,
                streams + o.streams,
                flowing + o.flowing,
                freezes + o.freezes,
                freezeSeconds + o.freezeSeconds,
                framesDecoded + o.framesDecoded,
                videoJitterDelay + o.videoJitterDelay,
                videoEmitted + o.videoEmitted,
                audioJitterDelay + o.audioJitterDelay,
                audioEmitted + o.audioEmitted,
                concealed + o.concealed,
                samples + o.samples,
                sentVideoBytes + o.sentVideoBytes,
                sentPackets + o.sentPackets);
    }

    /** The counters' growth since {@code earlier} (stream counts are this reading's). */
    PageTotals since(PageTotals earlier) {
        return new PageTotals(
                received - earlier.received,
                lost - earlier.lost,
                streams,
                flowing,
                freezes - earlier.freezes,
                freezeSeconds - earlier.freezeSeconds,
                framesDecoded - earlier.framesDecoded,
                videoJitterDelay - earlier.videoJitterDelay,
                videoEmitted - earlier.videoEmitted,
                audioJitterDelay - earlier.audioJitterDelay,
                audioEmitted - earlier.audioEmitted,
                concealed - earlier.concealed,
                samples - earlier.samples,
                sentVideoBytes - earlier.sentVideoBytes,
                sentPackets - earlier.sentPackets);
    }
}

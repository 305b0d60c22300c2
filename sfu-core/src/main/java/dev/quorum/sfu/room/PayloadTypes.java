package dev.quorum.sfu.room;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Payload types on one subscriber connection. All of a subscriber's sections share one BUNDLE
 * transport, where Chrome refuses one payload type naming two different codecs; publishers
 * number their codecs independently, so the subscriber side renumbers: the same codec (name and
 * format parameters) always gets the same numbers, and a publisher's own numbers are kept when
 * they are free.
 */
final class PayloadTypes {

    private final Map<String, int[]> byCodec = new HashMap<>();
    private final Set<Integer> used = new HashSet<>();

    /** The subscriber-side payload type and RTX payload type (-1 if {@code rtx} is false) for a codec. */
    int[] assign(CodecChoice codec, boolean rtx) {
        String key = codec.name().toLowerCase(java.util.Locale.ROOT) + "/" + codec.clockRate() + "/" + codec.channels()
                + "/" + new TreeMap<>(codec.fmtp());
        int[] pts = byCodec.get(key);
        if (pts == null) {
            int pt = take(codec.payloadType());
            int rtxPt = rtx ? take(codec.rtxPayloadType()) : -1;
            pts = new int[] {pt, rtxPt};
            byCodec.put(key, pts);
        } else if (rtx && pts[1] < 0) {
            pts[1] = take(codec.rtxPayloadType());
        }
        return pts;
    }

    private int take(int preferred) {
        if (preferred >= 0 && free(preferred)) {
            used.add(preferred);
            return preferred;
        }
        for (int pt = 96; pt <= 127; pt++) {
            if (free(pt)) {
                used.add(pt);
                return pt;
            }
        }
        for (int pt = 35; pt <= 63; pt++) {
            if (free(pt)) {
                used.add(pt);
                return pt;
            }
        }
        throw new IllegalStateException("no free payload type left on the subscriber connection");
    }

    private boolean free(int pt) {
        // 64-95 would collide with RTCP packet types when the marker bit is set (RFC 5761 §4).
        return !used.contains(pt) && !(pt >= 64 && pt <= 95) && pt >= 0 && pt <= 127;
    }
}

package dev.quorum.sfu.room.forward;

import dev.quorum.rtp.ext.HeaderExtensionUris;
import java.util.Map;

/**
 * The RTP header extensions the engine reads or writes, by URI, with the id the engine offers
 * for each on subscriber connections.
 */
public enum HeaderExtension {
    MID(HeaderExtensionUris.SDES_MID, 4),
    RID(HeaderExtensionUris.SDES_RTP_STREAM_ID, 10),
    REPAIRED_RID(HeaderExtensionUris.SDES_REPAIRED_RTP_STREAM_ID, 11),
    ABS_SEND_TIME(HeaderExtensionUris.ABS_SEND_TIME, 2),
    TRANSPORT_CC(HeaderExtensionUris.TRANSPORT_WIDE_CC, 3),
    AUDIO_LEVEL(HeaderExtensionUris.SSRC_AUDIO_LEVEL, 1),
    VIDEO_ORIENTATION(HeaderExtensionUris.VIDEO_ORIENTATION, 13);

    private static final HeaderExtension[] ALL = values();

    private final String uri;
    private final int offeredId;

    HeaderExtension(String uri, int offeredId) {
        this.uri = uri;
        this.offeredId = offeredId;
    }

    public String uri() {
        return uri;
    }

    /** The id the engine uses for this extension in subscriber offers. */
    public int offeredId() {
        return offeredId;
    }

    /** The extension with this URI, or null if the engine does not use it. */
    public static HeaderExtension byUri(String uri) {
        for (HeaderExtension e : ALL) {
            if (e.uri.equals(uri)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Negotiated ids by extension, from an SDP {@code a=extmap} map (URI → id); 0 marks an
     * extension that was not negotiated.
     */
    public static int[] ids(Map<String, Integer> byUri) {
        int[] ids = new int[ALL.length];
        for (Map.Entry<String, Integer> e : byUri.entrySet()) {
            HeaderExtension ext = byUri(e.getKey());
            if (ext != null && e.getValue() != null && e.getValue() > 0 && e.getValue() < 256) {
                ids[ext.ordinal()] = e.getValue();
            }
        }
        return ids;
    }
}

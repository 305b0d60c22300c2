package dev.quorum.signaling.sdp;

import java.util.List;

/**
 * {@code a=ssrc-group:<semantics> <ssrc>…} (RFC 5576): {@code FID} pairs a media SSRC with its
 * RTX SSRC (RFC 4588), {@code SIM} lists legacy simulcast SSRCs.
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {

    public static final String FID = "FID";
    public static final String SIM = "SIM";

    public SsrcGroup {
        ssrcs = List.copyOf(ssrcs);
    }

    public String text() {
        StringBuilder b = new StringBuilder(semantics);
        for (long s : ssrcs) {
            b.append(' ').append(s);
        }
        return b.toString();
    }
}

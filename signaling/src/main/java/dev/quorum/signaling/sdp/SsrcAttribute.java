package dev.quorum.signaling.sdp;

/**
 * {@code a=ssrc:<ssrc> <attribute>[:<value>]} (RFC 5576), e.g. {@code cname} or {@code msid}.
 *
 * @param ssrc  the unsigned 32-bit SSRC
 * @param value null for an attribute without value
 */
public record SsrcAttribute(long ssrc, String attribute, String value) {

    public String text() {
        return ssrc + " " + (value == null ? attribute : attribute + ":" + value);
    }
}

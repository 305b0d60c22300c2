package dev.quorum.signaling.sdp;

/**
 * {@code a=rid:<id> <send|recv> [<restrictions>]} (RFC 8851): one RTP stream identifier, i.e.
 * one simulcast layer when paired with {@link Simulcast}.
 *
 * @param direction    {@code send} or {@code recv}
 * @param restrictions null when not written (e.g. {@code max-width=640;pt=96})
 */
public record Rid(String id, String direction, String restrictions) {

    public static final String SEND = "send";
    public static final String RECV = "recv";

    public String text() {
        return id + " " + direction + (restrictions == null ? "" : " " + restrictions);
    }
}

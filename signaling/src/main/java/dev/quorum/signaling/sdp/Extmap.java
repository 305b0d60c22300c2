package dev.quorum.signaling.sdp;

/**
 * {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} (RFC 8285): the id under which a
 * header extension travels in this description's RTP packets. Map by URI; ids differ between
 * browser versions and m-sections.
 *
 * @param direction  null when not written
 * @param attributes null when not written
 */
public record Extmap(int id, String direction, String uri, String attributes) {

    public Extmap(int id, String uri) {
        this(id, null, uri, null);
    }

    public String text() {
        StringBuilder b = new StringBuilder().append(id);
        if (direction != null) {
            b.append('/').append(direction);
        }
        b.append(' ').append(uri);
        if (attributes != null) {
            b.append(' ').append(attributes);
        }
        return b.toString();
    }
}

package dev.quorum.signaling.sdp;

/**
 * An attribute line this model does not type, kept as written: {@code a=<name>} or
 * {@code a=<name>:<value>}.
 *
 * @param value null for a flag attribute (no colon)
 */
public record Attribute(String name, String value) {

    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    /** The text after {@code a=}. */
    public String text() {
        return value == null ? name : name + ":" + value;
    }
}

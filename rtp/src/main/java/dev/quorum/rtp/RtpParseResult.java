package dev.quorum.rtp;

/**
 * What parsing an RTP packet gives: either the {@link RtpPacket} view itself or the
 * {@link RtpError} that made the bytes unusable.
 *
 * <p>Neither branch allocates: a valid result is the view the caller parsed into, an invalid one
 * is an enum constant. Test with {@code instanceof}:
 *
 * <pre>{@code
 * RtpParseResult result = view.wrap(buf);
 * if (result instanceof RtpError error) {
 *     drops.increment(error);
 *     return;
 * }
 * int seq = view.sequenceNumber();
 * }</pre>
 */
public sealed interface RtpParseResult permits RtpPacket, RtpError {

    /** Whether the bytes form a usable packet. */
    default boolean isValid() {
        return this instanceof RtpPacket;
    }
}

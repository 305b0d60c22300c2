package dev.quorum.rtp.rtcp;

import java.util.EnumMap;
import java.util.Map;

/**
 * What parsing an RTCP message gives: the message, or the {@link RtcpError} that made the bytes
 * unusable. Invalid results are shared constants, so rejecting garbage allocates nothing.
 *
 * <pre>{@code
 * if (TransportLayerNack.parse(buf) instanceof RtcpResult.Parsed<TransportLayerNack> parsed) {
 *     responder.onNack(parsed.packet());
 * }
 * }</pre>
 *
 * @param <T> the message type
 */
public sealed interface RtcpResult<T> {

    /** A valid message. */
    record Parsed<T>(T packet) implements RtcpResult<T> {}

    /** Bytes rejected for {@code error}. */
    record Invalid<T>(RtcpError error) implements RtcpResult<T> {}

    /** The shared invalid result for {@code error}. */
    @SuppressWarnings("unchecked")
    static <T> RtcpResult<T> invalid(RtcpError error) {
        return (RtcpResult<T>) Cache.INVALID.get(error);
    }

    static <T> RtcpResult<T> parsed(T packet) {
        return new Parsed<>(packet);
    }

    /** The message, or null if invalid. */
    default T packetOrNull() {
        return this instanceof Parsed<T> parsed ? parsed.packet() : null;
    }

    /** The error, or null if valid. */
    default RtcpError errorOrNull() {
        return this instanceof Invalid<T> invalid ? invalid.error() : null;
    }

    /** Holds the shared invalid results. */
    final class Cache {
        private static final Map<RtcpError, RtcpResult<?>> INVALID = new EnumMap<>(RtcpError.class);

        static {
            for (RtcpError error : RtcpError.values()) {
                INVALID.put(error, new Invalid<>(error));
            }
        }

        private Cache() {}
    }
}

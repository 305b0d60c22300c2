package dev.quorum.signaling.protocol;

import java.util.Map;

/**
 * A message from the client. Every message may carry an {@code id} (string or number, echoed as
 * {@code re.id} in the {@code error} it causes); it is null when absent.
 */
public sealed interface ClientMessage {

    /** The wire {@code type}. */
    String type();

    /** The client's correlation id, or null. */
    String id();

    /** Enter a room. {@code room} may be null when the token grants exactly one room. */
    record Join(String id, String token, String room, String sdk) implements ClientMessage {
        public String type() {
            return "join";
        }
    }

    /** Re-attach a new socket to a session whose socket dropped. */
    record Resume(String id, String token, String participantSid, String resumeToken) implements ClientMessage {
        public String type() {
            return "resume";
        }
    }

    /** An offer on the publisher connection; {@code trackNames} maps mids to track names. */
    record Publish(String id, String sdp, Map<String, String> trackNames) implements ClientMessage {
        public Publish {
            trackNames = Map.copyOf(trackNames);
        }

        public String type() {
            return "publish";
        }
    }

    /** The answer to the subscriber offer with {@code version}. */
    record Answer(String id, String sdp, long version) implements ClientMessage {
        public String type() {
            return "answer";
        }
    }

    /** Mute ({@code enabled=false}) or unmute a published track, named by SID or mid. */
    record SetTrackEnabled(String id, String track, boolean enabled) implements ClientMessage {
        public String type() {
            return "setTrackEnabled";
        }
    }

    /** The largest size the client renders a remote video track at. */
    record SetVideoPreference(String id, String track, int maxWidth, int maxHeight) implements ClientMessage {
        public String type() {
            return "setVideoPreference";
        }
    }

    /**
     * What the client's receivers saw since its previous report: video frames decoded, freezes
     * and their length, audio samples played and how many of them were concealment (lost or late
     * audio made up by the decoder). Counted into the server's meters; never answered.
     */
    record Quality(String id, long framesDecoded, long freezes, long frozenMs, long audioSamples, long concealedSamples)
            implements ClientMessage {
        public String type() {
            return "quality";
        }
    }

    /** Keep-alive; answered by {@code pong}. */
    record Ping(String id) implements ClientMessage {
        public String type() {
            return "ping";
        }
    }

    /** Leave the room; the server closes the socket with 1000. */
    record Leave(String id) implements ClientMessage {
        public String type() {
            return "leave";
        }
    }
}

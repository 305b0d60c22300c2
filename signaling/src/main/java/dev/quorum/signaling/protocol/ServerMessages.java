package dev.quorum.signaling.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.sfu.api.ParticipantInfo;
import dev.quorum.sfu.api.RoomInfo;
import dev.quorum.sfu.api.TrackInfo;
import dev.quorum.sfu.room.OutgoingTrack;
import dev.quorum.sfu.room.Publication;
import java.util.List;

/** Writes the messages the server sends, as documented in {@code docs/signaling.md}. Stateless. */
public final class ServerMessages {

    /** The protocol version the server speaks; sent in {@code joined}. */
    public static final int PROTOCOL_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerMessages() {}

    public static String joined(String type, RoomInfo room, ParticipantInfo me, String resumeToken, Limits limits) {
        ObjectNode m = message(type);
        m.put("protocol", PROTOCOL_VERSION);
        m.putObject("room").put("sid", room.sid()).put("name", room.uniqueName());
        m.set("participant", participant(me));
        m.put("resumeToken", resumeToken);
        m.putObject("limits")
                .put("maxMessageBytes", limits.maxMessageBytes())
                .put("messagesPerSecond", limits.messagesPerSecond())
                .put("burst", limits.burst())
                .put("resumeWindowSeconds", limits.resumeWindowSeconds());
        return text(m);
    }

    public static String publishAnswer(String id, String sdp, List<Publication> tracks, List<Rejected> rejected) {
        ObjectNode m = message("publishAnswer");
        if (id != null) {
            m.put("re", id);
        }
        m.put("sdp", sdp);
        ArrayNode a = m.putArray("tracks");
        for (Publication p : tracks) {
            a.add(track(p.track()).put("mid", p.mid()));
        }
        ArrayNode r = m.putArray("rejected");
        for (Rejected x : rejected) {
            r.addObject().put("mid", x.mid()).put("reason", x.reason());
        }
        return text(m);
    }

    public static String offer(long version, String sdp, List<OutgoingTrack> sections) {
        ObjectNode m = message("offer");
        m.put("version", version);
        m.put("sdp", sdp);
        ArrayNode a = m.putArray("tracks");
        for (OutgoingTrack t : sections) {
            if (t.active()) {
                a.addObject()
                        .put("mid", t.mid())
                        .put("trackSid", t.trackSid())
                        .put("participantSid", t.participantSid())
                        .put("identity", t.identity())
                        .put("name", t.trackName())
                        .put("kind", t.kind().wireName());
            }
        }
        return text(m);
    }

    public static String participantConnected(ParticipantInfo p, List<TrackInfo> tracks) {
        ObjectNode m = message("participantConnected");
        ObjectNode pn = participant(p);
        ArrayNode a = pn.putArray("tracks");
        tracks.forEach(t -> a.add(track(t)));
        m.set("participant", pn);
        return text(m);
    }

    public static String participantDisconnected(ParticipantInfo p) {
        ObjectNode m = message("participantDisconnected");
        m.set("participant", participant(p));
        return text(m);
    }

    /** {@code trackPublished}, {@code trackUnpublished} or {@code trackEnabled}. */
    public static String trackEvent(String type, ParticipantInfo p, TrackInfo t) {
        ObjectNode m = message(type);
        m.put("participantSid", p.sid());
        m.set("track", track(t));
        return text(m);
    }

    public static String dominantSpeaker(String participantSid) {
        ObjectNode m = message("dominantSpeaker");
        m.put("participantSid", participantSid);
        return text(m);
    }

    public static String pong(String id) {
        ObjectNode m = message("pong");
        if (id != null) {
            m.put("re", id);
        }
        return text(m);
    }

    /**
     * @param reType the type of the message that caused it, or null
     * @param reId   that message's id, or null
     * @param line   the SDP line number for an SDP parse error, or 0
     */
    public static String error(int code, String name, String message, String reType, String reId, int line) {
        return error(code, name, message, reType, reId, line, null);
    }

    /** @param location the base URL of the server to connect to instead, or null */
    public static String error(
            int code, String name, String message, String reType, String reId, int line, String location) {
        ObjectNode m = message("error");
        m.put("code", code).put("name", name).put("message", message);
        if (line > 0) {
            m.put("line", line);
        }
        if (location != null) {
            m.put("location", location);
        }
        if (reType != null || reId != null) {
            ObjectNode re = m.putObject("re");
            if (reType != null) {
                re.put("type", reType);
            }
            if (reId != null) {
                re.put("id", reId);
            }
        }
        return text(m);
    }

    public static String disconnected(int code, String reason) {
        ObjectNode m = message("disconnected");
        m.put("code", code).put("reason", reason);
        return text(m);
    }

    private static ObjectNode participant(ParticipantInfo p) {
        return JSON.createObjectNode().put("sid", p.sid()).put("identity", p.identity());
    }

    private static ObjectNode track(TrackInfo t) {
        return JSON.createObjectNode()
                .put("sid", t.sid())
                .put("name", t.name())
                .put("kind", t.kind().wireName())
                .put("enabled", t.enabled())
                .put("codec", t.codec());
    }

    private static ObjectNode message(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static String text(ObjectNode m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A refused publish section. */
    public record Rejected(String mid, String reason) {}

    /** The flow-control limits told to the client in {@code joined}. */
    public record Limits(int maxMessageBytes, int messagesPerSecond, int burst, long resumeWindowSeconds) {}
}

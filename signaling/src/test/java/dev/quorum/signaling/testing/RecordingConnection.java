package dev.quorum.signaling.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.signaling.session.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A socket that keeps what the server sent and how it closed. */
public final class RecordingConnection implements Connection {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    public volatile Short closeCode;
    public volatile String closeReason;

    @Override
    public void send(String text) {
        if (closeCode != null) {
            return;
        }
        try {
            sent.add(JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close(short code, String reason) {
        if (closeCode == null) {
            closeCode = code;
            closeReason = reason;
        }
    }

    /** The messages of one type, in order. */
    public List<JsonNode> ofType(String type) {
        return sent.stream().filter(m -> m.path("type").asText().equals(type)).toList();
    }

    public JsonNode last(String type) {
        List<JsonNode> l = ofType(type);
        if (l.isEmpty()) {
            throw new AssertionError("no '" + type + "' message among " + sent);
        }
        return l.get(l.size() - 1);
    }

    public boolean open() {
        return closeCode == null;
    }
}

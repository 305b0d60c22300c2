package dev.quorum.signaling.session;

/** One client socket as a session sees it. Both methods may be called from any thread. */
public interface Connection {

    /** Queues a text message; a closed connection drops it. */
    void send(String text);

    /** Closes with a WebSocket close code and a reason of at most 123 bytes. */
    void close(short code, String reason);
}

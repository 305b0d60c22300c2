package dev.quorum.signaling.web;

import dev.quorum.signaling.protocol.CloseCodes;
import dev.quorum.signaling.session.Connection;
import dev.quorum.signaling.session.ConnectionHandler;
import dev.quorum.signaling.session.Signaling;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;

/**
 * Adapts a Vert.x server WebSocket to a signaling {@link Connection} and feeds its messages to a
 * {@link ConnectionHandler}. It also checks the client is still there: a WebSocket ping goes out
 * every {@code pingInterval} (browsers answer them without script), and a socket silent for three
 * intervals is closed as timed out, which starts the participant's resume window.
 */
final class WebSocketConnection implements Connection {

    /** RFC 6455 §7.4.1: a message too big to process. */
    static final short MESSAGE_TOO_BIG = 1009;

    private final ServerWebSocket socket;
    private final Vertx vertx;
    private final long pingTimer;
    private final long silenceLimitNanos;
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean closed;

    private WebSocketConnection(Vertx vertx, ServerWebSocket socket, Duration pingInterval) {
        this.socket = socket;
        this.vertx = vertx;
        this.silenceLimitNanos = pingInterval.multipliedBy(3).toNanos();
        this.pingTimer = vertx.setPeriodic(pingInterval.toMillis(), id -> keepAlive());
    }

    static void accept(Vertx vertx, ServerWebSocket socket, Signaling signaling, Duration pingInterval) {
        WebSocketConnection c = new WebSocketConnection(vertx, socket, pingInterval);
        ConnectionHandler handler = signaling.open(c);
        socket.textMessageHandler(text -> {
            c.heard();
            handler.onText(text);
        });
        socket.binaryMessageHandler(b -> {
            c.heard();
            handler.onBinary();
        });
        socket.pongHandler(b -> c.heard());
        socket.exceptionHandler(e -> {
            // Netty refuses a broken frame or one over the frame limit, Vert.x a message assembled
            // from frames over the message limit; neither sends a close code, so the client would
            // see 1000 or nothing. Give it the code RFC 6455 has for the case.
            if (e instanceof CorruptedWebSocketFrameException broken) {
                c.close(
                        (short) broken.closeStatus().code(),
                        broken.closeStatus().reasonText());
            } else if (e instanceof IllegalStateException) { // the only exception Vert.x's aggregation raises
                c.close(MESSAGE_TOO_BIG, "message larger than " + SignalingServer.HARD_MESSAGE_LIMIT + " bytes");
            }
        });
        socket.closeHandler(v -> {
            c.closed = true;
            vertx.cancelTimer(c.pingTimer);
            Short code = socket.closeStatusCode();
            handler.onClosed(code == null ? ConnectionHandler.NO_CLOSE_CODE : code);
        });
    }

    private void heard() {
        lastHeard = System.nanoTime();
    }

    private void keepAlive() {
        if (closed) {
            vertx.cancelTimer(pingTimer);
            return;
        }
        if (System.nanoTime() - lastHeard > silenceLimitNanos) {
            close(CloseCodes.JOIN_TIMEOUT, "client stopped answering pings");
            return;
        }
        socket.writePing(Buffer.buffer("q"));
    }

    @Override
    public void send(String text) {
        if (!closed) {
            socket.writeTextMessage(text);
        }
    }

    @Override
    public void close(short code, String reason) {
        if (!closed) {
            closed = true;
            socket.close(code, reason);
        }
    }
}

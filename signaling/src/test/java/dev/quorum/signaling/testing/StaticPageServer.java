package dev.quorum.signaling.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server on 127.0.0.1 giving the browser a secure-context page (getUserMedia and
 * WebRTC need one; {@code about:blank} is not).
 */
public final class StaticPageServer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    public StaticPageServer(String html) throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(req -> req.response()
                        .putHeader("Content-Type", "text/html; charset=utf-8")
                        .end(html))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/";
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

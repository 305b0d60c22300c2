package dev.quorum.api.archives;

import dev.quorum.api.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Receives JSON callbacks on a free port and keeps each body with its {@code Authorization} header. */
final class JsonCallbackReceiver implements AutoCloseable {

    record Received(JsonObject body, String raw, String authorization, String contentType) {
        String status() {
            return body.getString("status");
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    JsonCallbackReceiver() {
        server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(b -> {
                    received.add(new Received(
                            new JsonObject(b.toString()),
                            b.toString(),
                            req.getHeader("Authorization"),
                            req.getHeader("Content-Type")));
                    req.response().setStatusCode(200).end();
                }))
                .listen(0)
                .await();
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/archives";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until {@code n} callbacks matching {@code filter} arrived; returns them in order. */
    List<Received> await(int n, Predicate<Received> filter) {
        Await.until(
                n + " callbacks, got " + received,
                () -> received.stream().filter(filter).count() >= n,
                Duration.ofSeconds(20));
        return received.stream().filter(filter).toList();
    }

    @Override
    public void close() {
        server.close().await();
        vertx.close().await();
    }
}

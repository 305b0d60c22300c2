package dev.quorum.server.archive;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** An archive-callback receiver: keeps every JSON body with its {@code Authorization} header. */
final class JsonReceiver implements AutoCloseable {

    record Received(JsonObject body, String authorization) {
        String status() {
            return body.getString("status");
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    JsonReceiver() {
        server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(b -> {
                    received.add(new Received(new JsonObject(b.toString()), req.getHeader("Authorization")));
                    req.response().end();
                }))
                .listen(0, "127.0.0.1")
                .await();
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/archive-events";
    }

    /** Waits until {@code n} callbacks match; returns the matching ones in arrival order. */
    List<Received> await(int n, Predicate<Received> filter, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (received.stream().filter(filter).count() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("expected " + n + " callbacks, got " + received);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return received.stream().filter(filter).toList();
    }

    @Override
    public void close() {
        server.close().await();
        vertx.close().await();
    }
}

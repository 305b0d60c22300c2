package dev.quorum.api.testing;

import com.twilio.security.RequestValidator;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A customer's status-callback endpoint: an HTTP server on a fixed port that records every request
 * (method, the full URL as sent, the signature and idempotency headers, the form or query
 * parameters) and answers with the status a test chooses (200 unless told). It can start out
 * down and be stopped and started again on the same port, as a receiver being redeployed. The
 * REST API's tests and the server's end-to-end tests share it.
 */
public final class CallbackReceiver implements AutoCloseable {

    /** One received callback. */
    public record Received(
            String method, String url, String signature, String idempotencyToken, Map<String, String> params) {

        public String event() {
            return params.get("StatusCallbackEvent");
        }

        /** The URL's path: where the callback was configured to go, whatever query a GET added. */
        public String path() {
            return java.net.URI.create(url).getPath();
        }

        public String param(String name) {
            return params.get(name);
        }

        /** Whether twilio-java's own validator accepts the signature with the account's auth token. */
        public boolean signedWith(String authToken) {
            RequestValidator v = new RequestValidator(authToken);
            return method.equals("GET") ? v.validate(url, Map.of(), signature) : v.validate(url, params, signature);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile ToIntFunction<Map<String, String>> status = params -> 200;
    private HttpServer server;

    private CallbackReceiver(int port) {
        this.port = port;
    }

    /** A receiver listening on a free port. */
    public static CallbackReceiver start() {
        CallbackReceiver r = new CallbackReceiver(freePort());
        r.listen();
        return r;
    }

    /** A receiver that is down: its port is reserved but nothing listens until {@link #listen()}. */
    public static CallbackReceiver down() {
        return new CallbackReceiver(freePort());
    }

    public synchronized void listen() {
        server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    Map<String, String> params = new LinkedHashMap<>();
                    String raw =
                            req.method().name().equals("GET") ? req.query() : body.toString(StandardCharsets.UTF_8);
                    if (raw != null && !raw.isEmpty()) {
                        for (String kv : raw.split("&")) {
                            int eq = kv.indexOf('=');
                            params.put(
                                    URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                                    URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                        }
                    }
                    MultiMap h = req.headers();
                    synchronized (received) {
                        received.add(new Received(
                                req.method().name(),
                                "http://127.0.0.1:" + port + req.uri(),
                                h.get("X-Twilio-Signature"),
                                h.get("I-Twilio-Idempotency-Token"),
                                params));
                        received.notifyAll();
                    }
                    req.response().setStatusCode(status.applyAsInt(params)).end();
                }))
                .listen(port, "127.0.0.1")
                .await();
    }

    /** Stops listening (connections are refused) until {@link #listen()} again. */
    public synchronized void stop() {
        if (server != null) {
            server.close().await();
            server = null;
        }
    }

    /** The status to answer with, asked per request. */
    public void answer(IntSupplier status) {
        this.status = params -> status.getAsInt();
    }

    /** The status to answer with, chosen from each request's parameters. */
    public void answer(ToIntFunction<Map<String, String>> status) {
        this.status = status;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** The callbacks received that match, waiting until there are at least {@code n} of them. */
    public List<Received> await(int n, Predicate<Received> filter, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                List<Received> match = received.stream().filter(filter).toList();
                if (match.size() >= n) {
                    return match;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Expected " + n + " callbacks, got " + match.size() + ": " + match);
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** The first callback of {@code event} sent to {@code path}, waiting for it. */
    public Received awaitEvent(String path, String event, Duration timeout) {
        return await(1, r -> r.path().equals(path) && event.equals(r.event()), timeout)
                .get(0);
    }

    /** The first callback of {@code event} about one resource ({@code resourceKey} = its SID), waiting for it. */
    public Received awaitFor(String event, String resourceKey, String resourceSid, Duration timeout) {
        return await(1, r -> event.equals(r.event()) && resourceSid.equals(r.param(resourceKey)), timeout)
                .get(0);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
        vertx.close().await();
    }
}

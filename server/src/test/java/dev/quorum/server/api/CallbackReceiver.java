package dev.quorum.server.api;

import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A customer's status-callback endpoint: records every request (method, the URL as sent, the
 * signature and idempotency headers, the parameters) and answers 204. It can start out down — its
 * port reserved but refusing connections — and come up later, as a receiver being redeployed.
 */
public final class CallbackReceiver implements AutoCloseable {

    /** One callback as it arrived. */
    public record Received(String method, String url, String signature, String idempotencyToken,
                           Map<String, String> params) {

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

    private final int port;
    private final List<Received> received = new ArrayList<>();
    private HttpServer server;

    private CallbackReceiver(int port) {
        this.port = port;
    }

    /** A receiver listening on a free port. */
    public static CallbackReceiver start() {
        CallbackReceiver r = down();
        r.listen();
        return r;
    }

    /** A receiver that is down: its port is chosen but nothing listens until {@link #listen()}. */
    public static CallbackReceiver down() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new CallbackReceiver(s.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized void listen() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on " + port, e);
        }
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String method = exchange.getRequestMethod();
            String raw = method.equals("GET") ? exchange.getRequestURI().getRawQuery() : body;
            Map<String, String> params = new LinkedHashMap<>();
            if (raw != null && !raw.isEmpty()) {
                for (String kv : raw.split("&")) {
                    int eq = kv.indexOf('=');
                    params.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            var h = exchange.getRequestHeaders();
            Received r = new Received(method, "http://127.0.0.1:" + port + exchange.getRequestURI().toString(),
                    h.getFirst("X-Twilio-Signature"), h.getFirst("I-Twilio-Idempotency-Token"), params);
            synchronized (received) {
                received.add(r);
                received.notifyAll();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    /** Stops listening: connections are refused until {@link #listen()} again. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    /** The callbacks that match, once at least {@code n} of them have arrived. */
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
                    throw new AssertionError("Expected " + n + " callbacks, got " + match.size() + "; all received: "
                            + received.stream().map(r -> r.url() + " " + r.event()).toList());
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
        return await(1, r -> r.path().equals(path) && event.equals(r.event()), timeout).get(0);
    }

    /** The first callback of {@code event} about one resource ({@code resourceKey} = its SID), waiting for it. */
    public Received awaitFor(String event, String resourceKey, String resourceSid, Duration timeout) {
        return await(1, r -> event.equals(r.event()) && resourceSid.equals(r.param(resourceKey)), timeout).get(0);
    }

    @Override
    public void close() {
        stop();
    }
}

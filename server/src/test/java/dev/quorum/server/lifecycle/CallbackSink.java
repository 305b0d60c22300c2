package dev.quorum.server.lifecycle;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A status-callback receiver: every form POST it gets, answered 200. */
final class CallbackSink implements AutoCloseable {

    private final HttpServer server;
    private final BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();

    CallbackSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cb", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            received.add(form);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cb";
    }

    /** The next callback whose StatusCallbackEvent is {@code event}; others are skipped. */
    Map<String, String> await(String event, String resourceKey, String resourceSid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Map<String, String> next = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next != null && event.equals(next.get("StatusCallbackEvent"))
                    && resourceSid.equals(next.get(resourceKey))) {
                return next;
            }
        }
        throw new AssertionError("No " + event + " callback for " + resourceSid + " within 20 s");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

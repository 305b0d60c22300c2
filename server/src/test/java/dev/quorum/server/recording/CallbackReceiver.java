package dev.quorum.server.recording;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An application's status-callback endpoint: keeps every form-encoded callback it is sent. */
final class CallbackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Map<String, String>> received = new ArrayList<>();

    CallbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/events", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            synchronized (received) {
                received.add(form);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    /** The callbacks received so far with this {@code StatusCallbackEvent}. */
    List<Map<String, String>> events(String event) {
        synchronized (received) {
            return received.stream().filter(m -> event.equals(m.get("StatusCallbackEvent"))).toList();
        }
    }

    /**
     * The single callback of {@code event} for {@code recordingSid}, waiting up to 15 s for it:
     * callbacks are sent after the store is updated, so one may still be on its way.
     */
    Map<String, String> awaitOne(String event, String recordingSid) throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        List<Map<String, String>> l = List.of();
        while (System.nanoTime() < end) {
            l = events(event).stream().filter(e -> recordingSid.equals(e.get("RecordingSid"))).toList();
            if (!l.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        if (l.size() != 1) {
            throw new AssertionError("expected one " + event + " callback for " + recordingSid + ", got " + l);
        }
        return l.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

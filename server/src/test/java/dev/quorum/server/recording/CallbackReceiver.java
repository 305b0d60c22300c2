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

    @Override
    public void close() {
        server.stop(0);
    }
}

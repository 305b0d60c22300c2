package dev.quorum.api.testing;

import dev.quorum.api.testing.TestClient.Reply;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A browser's side of a console session, by hand: signs in at {@code /console/session}, then
 * sends the session cookie, and the CSRF token when told to, as the console's pages do. Follows no
 * redirects. The cookie value can be replaced to try one that was signed out or forged.
 */
public final class ConsoleClient {

    public static final String CSRF_HEADER = "X-Quorum-Csrf";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String base;
    private String cookie;
    private String csrf;
    private Reply signedIn;

    private ConsoleClient(String base) {
        this.base = base;
    }

    /** Signs in and keeps the cookie; fails the test unless the sign-in succeeds. */
    public static ConsoleClient signIn(String base, String sid, String secret) {
        ConsoleClient c = new ConsoleClient(base);
        Reply r = attempt(base, sid, secret, "X-Forwarded-Proto", "http");
        if (r.status() != 201) {
            throw new AssertionError("sign-in answered " + r);
        }
        c.signedIn = r;
        c.cookie = cookieValue(r.header("Set-Cookie"));
        c.csrf = r.json().getString("csrf_token");
        return c;
    }

    /** One sign-in request as the page sends it (with the CSRF header), plus extra headers. */
    public static Reply attempt(String base, String sid, String secret, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/console/session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(CSRF_HEADER, "sign-in")
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.form("Sid", sid, "Secret", secret)));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    /** A client with no session at all (a browser after sign-out, or another site's form). */
    public static ConsoleClient anonymous(String base) {
        return new ConsoleClient(base);
    }

    /** The value of the {@code quorum_console} cookie a {@code Set-Cookie} header sets. */
    public static String cookieValue(String setCookie) {
        if (setCookie == null || !setCookie.startsWith("quorum_console=")) {
            throw new AssertionError("no session cookie set: " + setCookie);
        }
        String v = setCookie.substring("quorum_console=".length());
        int end = v.indexOf(';');
        return end < 0 ? v : v.substring(0, end);
    }

    public Reply signedIn() {
        return signedIn;
    }

    public String cookie() {
        return cookie;
    }

    public String csrf() {
        return csrf;
    }

    public ConsoleClient withCookie(String value) {
        ConsoleClient c = new ConsoleClient(base);
        c.cookie = value;
        c.csrf = csrf;
        return c;
    }

    public Reply get(String path, String... headers) {
        return send(request(path, false, headers).GET());
    }

    /** A form POST; {@code withCsrf} adds the session's token as the console's fetch does. */
    public Reply post(String path, boolean withCsrf, String... form) {
        return send(request(path, withCsrf)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.form(form))));
    }

    /** A JSON POST (the archive API). */
    public Reply postJson(String path, boolean withCsrf, JsonObject body) {
        return send(request(path, withCsrf)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    public Reply delete(String path, boolean withCsrf, String... headers) {
        return send(request(path, withCsrf, headers).DELETE());
    }

    private HttpRequest.Builder request(String path, boolean withCsrf, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (cookie != null) {
            b.header("Cookie", "quorum_console=" + cookie);
        }
        if (withCsrf) {
            b.header(CSRF_HEADER, csrf);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every {@code Set-Cookie} header of a reply. */
    public static List<String> setCookies(Reply r) {
        return r.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(e -> e.getValue().stream())
                .toList();
    }
}

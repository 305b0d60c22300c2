package dev.quorum.api.http;

import dev.quorum.storage.Cursor;
import dev.quorum.storage.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * List paging as the hosted service does it: {@code PageSize}, {@code Page} (client state) and an
 * opaque {@code PageToken} the server puts in {@code next_page_url}. Pages are newest first and
 * keyed by the last row shown, so rows added while a client pages do not shift later pages.
 * Filters given on the first page are repeated in every page URL.
 */
public final class Paging {

    /** A parsed page request. */
    public record Request(int pageSize, int page, Cursor cursor, String token) {}

    private static final Set<String> PAGING = Set.of("PageSize", "Page", "PageToken");
    private static final String TOKEN_PREFIX = "PT";

    private Paging() {}

    /** Reads PageSize (1…max, default), Page (≥ 0) and PageToken. */
    public static Request parse(Params q, int defaultSize, int maxSize) {
        Integer size = q.integer("PageSize", 1, maxSize);
        Integer page = q.integer("Page", 0, Integer.MAX_VALUE);
        String token = q.string("PageToken");
        return new Request(size == null ? defaultSize : size, page == null ? 0 : page, decode(token), token);
    }

    public static String encode(Cursor c) {
        String raw = c.time() + ":" + c.sid();
        return TOKEN_PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String token) {
        if (token == null) {
            return null;
        }
        try {
            if (!token.startsWith(TOKEN_PREFIX)) {
                throw new IllegalArgumentException();
            }
            String raw = new String(
                    Base64.getUrlDecoder().decode(token.substring(TOKEN_PREFIX.length())), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            String sid = raw.substring(colon + 1);
            if (colon <= 0 || !sid.matches("[A-Za-z0-9]{0,64}")) {
                throw new IllegalArgumentException();
            }
            return new Cursor(Long.parseLong(raw.substring(0, colon)), sid);
        } catch (RuntimeException e) {
            throw ApiException.invalid(
                    "PageToken", "PageToken is not one this server issued; use the next_page_url of the previous page");
        }
    }

    /**
     * Pages an in-memory list (live state from the SFU) the same way the stores page rows.
     *
     * @param newestFirst the full list, already ordered newest first by {@code cursorOf}
     */
    public static <T> Page<T> slice(List<T> newestFirst, Function<T, Cursor> cursorOf, Cursor after, int limit) {
        List<T> rest = new ArrayList<>();
        for (T t : newestFirst) {
            Cursor c = cursorOf.apply(t);
            if (after == null
                    || c.time() < after.time()
                    || (c.time() == after.time() && c.sid().compareTo(after.sid()) < 0)) {
                rest.add(t);
            }
        }
        if (rest.size() <= limit) {
            return new Page<>(rest, Optional.empty());
        }
        List<T> shown = rest.subList(0, limit);
        return new Page<>(shown, Optional.of(cursorOf.apply(shown.get(limit - 1))));
    }

    /** The {@code meta} object of a v1 list response; every key present. */
    public static JsonObject meta(
            String key, String baseUrl, String path, Params query, Request req, Optional<Cursor> next) {
        String filters = filters(query);
        String first = baseUrl + path + "?" + filters + "PageSize=" + req.pageSize() + "&Page=0";
        String current = baseUrl + path + "?" + filters + "PageSize=" + req.pageSize() + "&Page=" + req.page()
                + (req.token() == null ? "" : "&PageToken=" + enc(req.token()));
        String nextUrl = next.map(c -> baseUrl + path + "?" + filters + "PageSize=" + req.pageSize() + "&Page="
                        + (req.page() + 1) + "&PageToken=" + encode(c))
                .orElse(null);
        return new JsonObject()
                .put("page", req.page())
                .put("page_size", req.pageSize())
                .put("first_page_url", first)
                .put("previous_page_url", (Object) null)
                .put("url", current)
                .put("next_page_url", nextUrl)
                .put("key", key);
    }

    /** A v1 list response: {@code {"<key>": [...], "meta": {...}}}. */
    public static JsonObject list(String key, JsonArray items, JsonObject meta) {
        return new JsonObject().put(key, items).put("meta", meta);
    }

    /** The query's non-paging parameters, URL-encoded, each followed by {@code &}. */
    public static String filters(Params query) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : query.raw().entries()) {
            if (!PAGING.contains(e.getKey())) {
                b.append(enc(e.getKey())).append('=').append(enc(e.getValue())).append('&');
            }
        }
        return b.toString();
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package dev.quorum.api.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API's meters: requests by route template, method and status; callback deliveries by
 * outcome; and the depths of the callback queue and the composition queue (sampled by the
 * dispatcher, so a scrape never touches the database).
 *
 * <p>Every tag takes a bounded set of values whatever clients send: routes are the templates the
 * API registers, methods outside {@link #METHODS} count as {@code other} (HTTP lets a client
 * invent any method name), and statuses are the ones the server answers with.
 */
public final class ApiMetrics {

    /** How a callback attempt ended. */
    public enum CallbackOutcome {
        DELIVERED,
        RETRIED,
        GAVE_UP;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The methods counted under their own name. */
    static final Set<HttpMethod> METHODS = Set.of(
            HttpMethod.GET,
            HttpMethod.HEAD,
            HttpMethod.POST,
            HttpMethod.PUT,
            HttpMethod.DELETE,
            HttpMethod.PATCH,
            HttpMethod.OPTIONS);

    private final MeterRegistry registry;
    private final AtomicLong callbackQueue = new AtomicLong();
    private final AtomicLong compositionQueue = new AtomicLong();

    public ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("quorum.callbacks.pending", callbackQueue, AtomicLong::get)
                .description("Status callbacks queued and not yet delivered or given up")
                .register(registry);
        Gauge.builder("quorum.compositions.enqueued", compositionQueue, AtomicLong::get)
                .description("Compositions waiting for a worker")
                .register(registry);
    }

    /** @param route the route template ({@code /v1/Rooms/:Sid}), never the path as sent */
    public void request(String route, HttpMethod method, int status, Duration took) {
        Timer.builder("quorum.api.requests")
                .description("REST API requests by route template, method and status")
                .tags(
                        "route",
                        route,
                        "method",
                        METHODS.contains(method) ? method.name() : "other",
                        "status",
                        Integer.toString(status))
                .register(registry)
                .record(took);
    }

    public void callback(CallbackOutcome outcome) {
        Counter.builder("quorum.callbacks.attempts")
                .description("Status callback delivery attempts by outcome")
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
    }

    public void queueDepths(long callbacks, long compositions) {
        callbackQueue.set(callbacks);
        compositionQueue.set(compositions);
    }

    public MeterRegistry registry() {
        return registry;
    }
}

package dev.quorum.api.callbacks;

import dev.quorum.api.http.ApiMetrics;
import dev.quorum.api.http.WebUrl;
import dev.quorum.storage.MetadataStore;
import dev.quorum.storage.account.Account;
import dev.quorum.storage.callback.Delivery;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued status callbacks. It takes the callbacks that are due (for each resource only its
 * oldest pending one, see {@link dev.quorum.storage.callback.CallbackStore#due}), leases each so
 * no other server sends it too, signs it and sends it with the Vert.x web client. A 2xx answer
 * delivers it; anything else (another status, a refused connection, a timeout) schedules a retry
 * with exponential backoff and jitter, until the policy's give-up time. Because a resource's next
 * callback only becomes due once the one before it is finished, order per resource holds, while
 * receivers that fail only delay their own resources. A callback whose URL the HTTP client cannot
 * send to, or whose host {@link CallbackTargets} refuses, is given up at once; any other failure
 * to send is a failed attempt like a refused connection. Either way its slot in
 * {@link CallbackPolicy#concurrency()} is released, so no tenant's callbacks can hold up others'.
 *
 * <p>Database work runs on one thread of its own; HTTP runs on Vert.x. Delivery is at least once:
 * a server stopping mid-attempt leaves the lease to expire and the callback is sent again, with
 * the same {@code I-Twilio-Idempotency-Token}.
 */
public final class CallbackDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackDispatcher.class);

    // Given
    private final Vertx vertx;
    private final MetadataStore store;
    private final CallbackPolicy policy;
    private final CallbackTargets targets;
    private final ApiMetrics metrics;
    private final Clock clock;
    private final String owner;
    private final java.util.function.Function<Delivery, String> jsonAuthorization;

    // Owned
    private final WebClient client;
    /** Resolves callback hosts when their addresses are checked: one thread per attempt in flight,
     *  so slow DNS answers hold up only callbacks, never the API's worker threads. */
    private final WorkerExecutor resolver;

    private final ScheduledExecutorService worker;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    /** How long a clean stop waits for the attempts in flight to be answered. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param owner names this server in leases (unique per running server) */
    public CallbackDispatcher(
            Vertx vertx,
            MetadataStore store,
            CallbackPolicy policy,
            CallbackTargets targets,
            ApiMetrics metrics,
            Clock clock,
            String owner) {
        this(vertx, store, policy, targets, metrics, clock, owner, d -> null);
    }

    /**
     * @param jsonAuthorization the {@code Authorization} header of a JSON callback (archive
     *                          status changes are signed per project), or null to send it unsigned
     */
    public CallbackDispatcher(
            Vertx vertx,
            MetadataStore store,
            CallbackPolicy policy,
            CallbackTargets targets,
            ApiMetrics metrics,
            Clock clock,
            String owner,
            java.util.function.Function<Delivery, String> jsonAuthorization) {
        this.vertx = vertx;
        this.jsonAuthorization = jsonAuthorization;
        this.store = store;
        this.policy = policy;
        this.targets = targets;
        this.metrics = metrics;
        this.clock = clock;
        this.owner = owner;
        this.client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setFollowRedirects(false)
                        .setConnectTimeout((int) Math.min(
                                Integer.MAX_VALUE, policy.requestTimeout().toMillis()))
                        .setUserAgent("Quorum-StatusCallbacks/1.0"),
                new PoolOptions().setHttp1MaxSize(policy.concurrency()));
        this.resolver = vertx.createSharedWorkerExecutor("status-callback-dns-" + owner, policy.concurrency());
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "status-callbacks");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.worker = t;
    }

    /** Starts polling the queue (callbacks left by a previous run are sent right away). */
    public void start() {
        worker.scheduleWithFixedDelay(this::pump, 0, policy.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks for due callbacks now, e.g. right after one was queued. Callable from any thread. */
    public void wake() {
        if (!closed && wakePending.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    wakePending.set(false);
                    pump();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakePending.set(false);
            }
        }
    }

    private void pump() {
        if (closed) {
            return;
        }
        try {
            int room = policy.concurrency() - inFlight.size();
            if (room > 0) {
                Instant now = clock.instant();
                List<Delivery> due = store.callbacks().due(now, room + inFlight.size());
                for (Delivery d : due) {
                    // Our own attempt still in flight: its lease may have lapsed (slow answer, clock
                    // jump) but sending it again from here would only duplicate it.
                    if (inFlight.contains(d.id()) || inFlight.size() >= policy.concurrency()) {
                        continue;
                    }
                    Instant leaseEnd = now.plus(policy.requestTimeout()).plusSeconds(5);
                    if (store.callbacks().lease(d.id(), owner, leaseEnd)) {
                        inFlight.add(d.id());
                        try {
                            send(d);
                        } catch (RuntimeException e) {
                            finish(d, null, "Could not send: " + describe(e), false);
                        }
                    }
                }
            }
            metrics.queueDepths(
                    store.callbacks().pendingCount(), store.compositions().enqueuedCount());
        } catch (RuntimeException e) {
            LOG.warn("Status callback queue check failed; retrying at the next poll", e);
        }
    }

    private void send(Delivery d) {
        if (d.json()) {
            sendJson(d);
            return;
        }
        Optional<String> token = store.accounts().find(d.accountSid()).map(Account::authToken);
        if (token.isEmpty()) {
            finish(d, null, "The account no longer exists", true);
            return;
        }
        String target = stripFragment(d.url());
        String problem = WebUrl.problem(target);
        if (problem != null) {
            finish(d, null, "Invalid callback URL: it must be " + problem, true);
            return;
        }
        Map<String, String> params = new LinkedHashMap<>(d.params());
        params.put("SequenceNumber", Long.toString(d.sequenceNumber()));
        String form = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        boolean get = d.method().equals("GET");
        String url = get ? target + (target.contains("?") ? "&" : "?") + form : target;
        String signature = CallbackSigner.sign(token.get(), url, get ? Map.of() : params);
        Future<SocketAddress> resolved = targets.resolve(resolver, URI.create(target))
                .timeout(policy.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        resolved.onComplete(address -> {
            if (address.failed()) {
                failed(d, address.cause());
                return;
            }
            try {
                HttpMethod method = get ? HttpMethod.GET : HttpMethod.POST;
                HttpRequest<Buffer> req = (address.result() == null
                                ? client.requestAbs(method, url)
                                : client.requestAbs(method, address.result(), url))
                        .timeout(policy.requestTimeout().toMillis())
                        .putHeader("X-Twilio-Signature", signature)
                        .putHeader("I-Twilio-Idempotency-Token", d.accountSid() + "-" + d.id())
                        .putHeader("Accept", "*/*");
                if (get) {
                    req.send().onComplete(r -> completed(d, r));
                } else {
                    req.putHeader("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                            .sendBuffer(Buffer.buffer(form))
                            .onComplete(r -> completed(d, r));
                }
            } catch (RuntimeException e) {
                failed(d, e);
            }
        });
    }

    /**
     * A JSON callback: its body as queued, POSTed, signed by {@link #jsonAuthorization}; its
     * target is checked and resolved like a form callback's.
     */
    private void sendJson(Delivery d) {
        String target = stripFragment(d.url());
        String problem = WebUrl.problem(target);
        if (problem != null) {
            finish(d, null, "Invalid callback URL: it must be " + problem, true);
            return;
        }
        Future<SocketAddress> resolved;
        try {
            resolved = targets.resolve(resolver, URI.create(target))
                    .timeout(policy.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            failed(d, e);
            return;
        }
        resolved.onComplete(address -> {
            if (address.failed()) {
                failed(d, address.cause());
                return;
            }
            try {
                HttpRequest<Buffer> req = (address.result() == null
                                ? client.requestAbs(HttpMethod.POST, target)
                                : client.requestAbs(HttpMethod.POST, address.result(), target))
                        .timeout(policy.requestTimeout().toMillis())
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Accept", "*/*");
                String auth = jsonAuthorization.apply(d);
                if (auth != null) {
                    req.putHeader("Authorization", auth);
                }
                req.sendBuffer(Buffer.buffer(d.body())).onComplete(r -> completed(d, r));
            } catch (RuntimeException e) {
                failed(d, e);
            }
        });
    }

    private void completed(Delivery d, AsyncResult<HttpResponse<Buffer>> r) {
        if (r.failed()) {
            failed(d, r.cause());
            return;
        }
        int status = r.result().statusCode();
        recordLater(d, status, status / 100 == 2 ? null : "HTTP " + status, false);
    }

    /** An attempt that got no answer; a callback {@link CallbackTargets} refuses is given up. */
    private void failed(Delivery d, Throwable cause) {
        boolean refused = cause instanceof CallbackTargets.Refused;
        recordLater(d, null, refused ? "Refused: " + cause.getMessage() : describe(cause), refused);
    }

    /** Records the outcome on the worker thread (callers are on Vert.x threads). */
    private void recordLater(Delivery d, Integer status, String error, boolean permanent) {
        try {
            worker.execute(() -> finish(d, status, error, permanent));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            inFlight.remove(d.id()); // the lease expires and the next run sends it again
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void finish(Delivery d, Integer status, String error, boolean permanent) {
        try {
            Instant now = clock.instant();
            if (error == null) {
                store.callbacks().delivered(d.id(), status, now);
                metrics.callback(ApiMetrics.CallbackOutcome.DELIVERED);
            } else if (permanent || !now.isBefore(d.dateCreated().plus(policy.giveUpAfter()))) {
                store.callbacks().giveUp(d.id(), status, error, now);
                metrics.callback(ApiMetrics.CallbackOutcome.GAVE_UP);
                LOG.warn(
                        "Gave up status callback {} ({} for {}) to {}: {}",
                        d.id(),
                        d.event(),
                        d.resourceSid(),
                        d.url(),
                        error);
            } else {
                store.callbacks()
                        .retryLater(d.id(), status, error, now, now.plus(withJitter(policy.backoff(d.attempts() + 1))));
                metrics.callback(ApiMetrics.CallbackOutcome.RETRIED);
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not record the outcome of status callback {}; its lease expires and it is sent again",
                    d.id(),
                    e);
        } finally {
            inFlight.remove(d.id());
        }
        wake();
    }

    private Duration withJitter(Duration base) {
        long extra = (long)
                (base.toMillis() * policy.jitter() * ThreadLocalRandom.current().nextDouble());
        return base.plusMillis(extra);
    }

    private static String stripFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Stops sending. Attempts already sent get up to {@link #CLOSE_GRACE} (at most the request
     * timeout) to be answered and recorded, so a clean stop does not leave them to their leases and
     * the next run does not send them again; any still unanswered then are abandoned to their
     * leases and resent (with the same idempotency token).
     */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + Math.min(policy.requestTimeout().toNanos(), CLOSE_GRACE.toNanos());
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
        resolver.close();
    }
}

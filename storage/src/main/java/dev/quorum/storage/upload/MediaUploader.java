package dev.quorum.storage.upload;

import dev.quorum.storage.credential.Credential;
import dev.quorum.storage.credential.CredentialStore;
import dev.quorum.storage.crypto.Envelope;
import dev.quorum.storage.crypto.MediaCipher;
import dev.quorum.storage.crypto.PublicKeys;
import dev.quorum.storage.media.LocalMediaStore;
import dev.quorum.storage.media.MediaKeys;
import dev.quorum.storage.media.MediaWriter;
import dev.quorum.storage.s3.S3Bucket;
import dev.quorum.storage.s3.S3Credentials;
import dev.quorum.storage.s3.S3MediaStore;
import dev.quorum.storage.s3.S3Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through this node's upload queue: each due upload is read from the local disk, encrypted
 * as it streams if its account wants that, and put in its destination; a failed attempt is retried
 * with doubling waits until the upload's window has passed, then the file is kept in the server's
 * store (fallback) or the upload fails. The resource's {@link UploadListener} hears the outcome.
 * Plaintext never reaches a bucket when encryption is on, and the plaintext local file is deleted
 * once an encrypted copy is stored.
 */
public final class MediaUploader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaUploader.class);
    private static final Duration LEASE = Duration.ofMinutes(30);
    private static final Duration POLL = Duration.ofSeconds(1);

    // Given
    private final UploadStore uploads;
    private final CredentialStore credentials;
    private final LocalMediaStore local;
    private final S3MediaStore shared;
    private final UploadConfig config;
    private final String node;
    private final Clock clock;

    // Owned
    private final Map<String, UploadListener> listeners = new ConcurrentHashMap<>();
    private final Map<String, Function<String, Optional<S3Credentials>>> configuredCredentials =
            new ConcurrentHashMap<>();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger running = new AtomicInteger();
    private final ScheduledExecutorService poller =
            Executors.newSingleThreadScheduledExecutor(r -> thread(r, "upload-poll"));
    private final ExecutorService workers;
    private volatile boolean closed;

    /**
     * @param shared the bucket servers share, or null when the server's store is this node's disk
     */
    public MediaUploader(
            UploadStore uploads,
            CredentialStore credentials,
            LocalMediaStore local,
            S3MediaStore shared,
            UploadConfig config,
            String node,
            Clock clock) {
        this.uploads = uploads;
        this.credentials = credentials;
        this.local = local;
        this.shared = shared;
        this.config = config;
        this.node = node;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.threads(), r -> thread(r, "upload-" + n.incrementAndGet()));
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public UploadConfig config() {
        return config;
    }

    /** Whether the server's own store is a bucket shared by several servers. */
    public boolean hasSharedStore() {
        return shared != null;
    }

    /** Sends the outcomes of uploads of {@code resourceKind} to {@code listener}. */
    public void listen(String resourceKind, UploadListener listener) {
        listeners.put(resourceKind, listener);
    }

    /**
     * Where the credentials of uploads whose credentials SID reads {@code <scheme>:<name>} come
     * from: the server's configuration rather than an account's stored credentials, so secrets
     * from the configuration never enter the queue's table (an archive project's bucket).
     */
    public void credentialsFrom(String scheme, Function<String, Optional<S3Credentials>> source) {
        configuredCredentials.put(scheme, source);
    }

    /** Whether this node's disk holds {@code key} (only such files can be queued here). */
    public boolean holdsLocally(String key) {
        try {
            return local.exists(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Queues an upload (durably) and looks at the queue soon. */
    public Upload enqueue(NewUpload u) {
        Upload queued = uploads.enqueue(u);
        wake();
        return queued;
    }

    /** Starts working through the queue, including what a previous run of this node left. */
    public void start() {
        uploads.releaseLeases(node);
        poller.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks at the queue now rather than at the next poll. */
    public void wake() {
        if (!closed) {
            try {
                poller.execute(this::poll);
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // closing
            }
        }
    }

    private void poll() {
        if (closed) {
            return;
        }
        try {
            int free = config.threads() - running.get();
            if (free <= 0) {
                return;
            }
            for (Upload u : uploads.claimDue(node, free, LEASE)) {
                if (!inFlight.add(u.id())) {
                    continue;
                }
                running.incrementAndGet();
                workers.execute(() -> {
                    try {
                        process(u);
                    } finally {
                        inFlight.remove(u.id());
                        running.decrementAndGet();
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not read the upload queue; trying again shortly: {}", e.toString());
        }
    }

    /** One attempt at one upload. */
    void process(Upload u) {
        Instant now = clock.instant();
        Path file;
        try {
            file = local.pathOf(u.localKey());
        } catch (IllegalArgumentException e) {
            giveUp(u, "Invalid local key " + u.localKey(), true);
            return;
        }
        if (!Files.isRegularFile(file)) {
            finish(
                    u,
                    Upload.FAILED,
                    null,
                    null,
                    null,
                    null,
                    0,
                    "The file " + u.localKey() + " is no longer on the disk of " + node,
                    null);
            return;
        }
        try {
            attempt(u, file);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            if (now.isBefore(u.deadlineAt())) {
                Instant next = now.plus(backoff(u.attempts()));
                if (next.isAfter(u.deadlineAt())) {
                    next = u.deadlineAt();
                }
                LOG.info(
                        "Upload of {} failed (attempt {}), retrying at {}: {}",
                        u.resourceSid(),
                        u.attempts() + 1,
                        next,
                        reason);
                uploads.retry(u.id(), reason, next);
            } else {
                giveUp(u, reason, false);
            }
        }
    }

    private Duration backoff(int attempts) {
        long ms = config.minBackoff().toMillis() << Math.min(attempts, 20);
        return Duration.ofMillis(Math.min(ms, config.maxBackoff().toMillis()));
    }

    private void attempt(Upload u, Path file) throws IOException {
        RSAPublicKey key = u.encryptionKeySid() == null ? null : publicKey(u);
        long plainSize = Files.size(file);
        String contentType = MediaKeys.contentType(u.localKey());
        if (u.destination() == Destination.EXTERNAL) {
            S3Target target = S3Target.parse(u.s3Url(), config.defaultRegion());
            String objectKey = target.objectKey(externalName(u.localKey()));
            try (S3Bucket bucket =
                            new S3Bucket(target, awsCredentials(u), config.connectTimeout(), config.requestTimeout());
                    InputStream in = Files.newInputStream(file)) {
                Envelope env = put(bucket, objectKey, in, plainSize, contentType, key, u.encryptionKeySid());
                finish(
                        u,
                        Upload.UPLOADED,
                        Upload.IN_EXTERNAL,
                        target.location(objectKey),
                        objectKey,
                        env,
                        sizeOf(plainSize, env),
                        null,
                        file);
            }
        } else if (shared != null) {
            String objectKey = u.localKey();
            try (InputStream in = Files.newInputStream(file)) {
                Envelope env = put(
                        shared.bucket(),
                        shared.objectKey(objectKey),
                        in,
                        plainSize,
                        contentType,
                        key,
                        u.encryptionKeySid());
                finish(u, Upload.UPLOADED, Upload.IN_SHARED, null, objectKey, env, sizeOf(plainSize, env), null, file);
            }
        } else if (key != null) {
            String objectKey = encryptLocally(u, file, key);
            finish(
                    u,
                    Upload.UPLOADED,
                    Upload.IN_LOCAL,
                    null,
                    objectKey,
                    envelopeOf(objectKey),
                    MediaCipher.encryptedLength(plainSize),
                    null,
                    file);
        } else {
            finish(u, Upload.UPLOADED, Upload.IN_LOCAL, null, u.localKey(), null, plainSize, null, null);
        }
    }

    /** The name under an external bucket's prefix: the media key without its first folder. */
    static String externalName(String localKey) {
        int slash = localKey.indexOf('/');
        return slash < 0 ? localKey : localKey.substring(slash + 1);
    }

    private static long sizeOf(long plain, Envelope env) {
        return env == null ? plain : MediaCipher.encryptedLength(plain);
    }

    private static Envelope put(
            S3Bucket bucket,
            String objectKey,
            InputStream in,
            long plainSize,
            String contentType,
            RSAPublicKey key,
            String keySid)
            throws IOException {
        if (key == null) {
            bucket.upload(objectKey, in, plainSize, contentType, Map.of());
            return null;
        }
        MediaCipher.Encrypting enc = MediaCipher.encrypt(in, plainSize, key, keySid);
        bucket.upload(
                objectKey,
                enc.stream(),
                enc.length(),
                "application/octet-stream",
                enc.envelope().metadata());
        return enc.envelope();
    }

    /** Encrypts into {@code <key>.enc} on this node's disk (the server's store when nothing is shared). */
    private String encryptLocally(Upload u, Path file, RSAPublicKey key) throws IOException {
        String objectKey = u.localKey() + ".enc";
        local.delete(objectKey);
        try (InputStream in = Files.newInputStream(file)) {
            MediaCipher.Encrypting enc = MediaCipher.encrypt(in, Files.size(file), key, u.encryptionKeySid());
            MediaWriter w = local.create(objectKey);
            try {
                try (InputStream s = enc.stream()) {
                    s.transferTo(Channels.newOutputStream(w.channel()));
                }
                w.commit();
            } catch (IOException | RuntimeException e) {
                w.abort();
                throw e;
            }
            local.writeMetadata(objectKey, enc.envelope().metadata());
        }
        return objectKey;
    }

    private Envelope envelopeOf(String key) throws IOException {
        return Envelope.from(local.open(key).orElseThrow().metadata());
    }

    private RSAPublicKey publicKey(Upload u) throws IOException {
        Optional<Credential> c = credentials.find(u.accountSid(), Credential.PUBLIC_KEY, u.encryptionKeySid());
        if (c.isEmpty()) {
            throw new IOException("The public key " + u.encryptionKeySid() + " for encrypting media could not be"
                    + " loaded: it was deleted");
        }
        try {
            return PublicKeys.parseRsa(c.get().publicKey());
        } catch (IllegalArgumentException e) {
            throw new IOException("The public key " + u.encryptionKeySid() + " is not valid: " + e.getMessage());
        }
    }

    private S3Credentials awsCredentials(Upload u) throws IOException {
        int colon = u.credentialsSid().indexOf(':');
        if (colon > 0) {
            String scheme = u.credentialsSid().substring(0, colon);
            String name = u.credentialsSid().substring(colon + 1);
            Function<String, Optional<S3Credentials>> source = configuredCredentials.get(scheme);
            Optional<S3Credentials> c = source == null ? Optional.empty() : source.apply(name);
            return c.orElseThrow(() -> new IOException(
                    "The credentials of " + scheme + " " + name + " are no longer" + " in the server's configuration"));
        }
        Optional<Credential> c = credentials.find(u.accountSid(), Credential.AWS, u.credentialsSid());
        if (c.isEmpty()) {
            throw new IOException(
                    "The AWS credentials " + u.credentialsSid() + " could not be loaded: they were deleted");
        }
        return new S3Credentials(c.get().awsKeyId(), c.get().awsSecret());
    }

    /**
     * The window has passed (or the file cannot be uploaded at all): keep the file in the server's
     * store if the upload falls back, else fail it, leaving the file on this node's disk.
     */
    private void giveUp(Upload u, String reason, boolean permanent) {
        String why = "Not uploaded within " + human(Duration.between(u.dateCreated(), u.deadlineAt())) + ": " + reason;
        if (permanent || !u.fallback()) {
            LOG.warn("Upload of {} failed: {}", u.resourceSid(), why);
            finish(u, Upload.FAILED, Upload.IN_LOCAL, null, u.localKey(), null, 0, why, null);
            return;
        }
        try {
            Path file = local.pathOf(u.localKey());
            RSAPublicKey key = u.encryptionKeySid() == null ? null : publicKeyOrNull(u);
            if (u.encryptionKeySid() != null && key == null) {
                finish(u, Upload.FAILED, Upload.IN_LOCAL, null, u.localKey(), null, 0, why, null);
                return;
            }
            long plain = Files.size(file);
            if (key != null) {
                String objectKey = encryptLocally(u, file, key);
                finish(
                        u,
                        Upload.FALLBACK,
                        Upload.IN_LOCAL,
                        null,
                        objectKey,
                        envelopeOf(objectKey),
                        MediaCipher.encryptedLength(plain),
                        why,
                        file);
            } else {
                finish(u, Upload.FALLBACK, Upload.IN_LOCAL, null, u.localKey(), null, plain, why, null);
            }
            LOG.warn("Upload of {} fell back to the server's store: {}", u.resourceSid(), why);
            if (shared != null && u.destination() == Destination.EXTERNAL) {
                LOG.info("{} stays on the disk of {} until the shared store takes it", u.resourceSid(), node);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Upload of {} could not fall back: {}", u.resourceSid(), e.toString());
            finish(u, Upload.FAILED, Upload.IN_LOCAL, null, u.localKey(), null, 0, why, null);
        }
    }

    private RSAPublicKey publicKeyOrNull(Upload u) {
        try {
            return publicKey(u);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Tells the listener, records the outcome, then removes the plaintext local file if the file
     * now lives elsewhere (or encrypted).
     */
    private void finish(
            Upload u,
            String status,
            String storedIn,
            String location,
            String objectKey,
            Envelope env,
            long size,
            String error,
            Path plaintextToRemove) {
        Upload done = u.finished(status, storedIn, location, objectKey, env, size, error, clock.instant());
        if (!uploads.isPending(u.id())) {
            removeCancelled(done);
            return;
        }
        UploadListener l = listeners.get(u.resourceKind());
        if (l != null) {
            if (Upload.FAILED.equals(status)) {
                l.failed(done, error);
            } else {
                l.stored(done);
            }
        }
        if (!uploads.finish(done)) {
            removeCancelled(done);
            return;
        }
        boolean fileIsTheStoredCopy =
                Upload.IN_LOCAL.equals(storedIn) && u.localKey().equals(objectKey);
        if (plaintextToRemove != null && (env != null || !u.keepLocal()) && !fileIsTheStoredCopy) {
            try {
                local.delete(u.localKey());
            } catch (IOException e) {
                LOG.warn("Could not remove the local copy of {}: {}", u.localKey(), e.toString());
            }
        }
    }

    /**
     * The upload was cancelled while this attempt ran (its resource was deleted, and the deletion
     * removed what the queue knew of): remove what the attempt stored, so the media does not come
     * back, and the local file.
     */
    private void removeCancelled(Upload done) {
        LOG.info("{} was deleted while its file was uploaded; removing the copy just stored", done.resourceSid());
        try {
            if (Upload.IN_EXTERNAL.equals(done.storedIn()) && Upload.UPLOADED.equals(done.status())) {
                S3Target target = S3Target.parse(done.s3Url(), config.defaultRegion());
                try (S3Bucket bucket =
                        new S3Bucket(target, awsCredentials(done), config.connectTimeout(), config.requestTimeout())) {
                    bucket.delete(done.objectKey());
                }
            } else if (Upload.IN_SHARED.equals(done.storedIn())) {
                shared.delete(done.objectKey());
            } else if (done.objectKey() != null && !done.objectKey().equals(done.localKey())) {
                local.delete(done.objectKey());
            }
            local.delete(done.localKey());
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "The copy of deleted {} at {} could not be removed; remove it by hand: {}",
                    done.resourceSid(),
                    done.location() != null ? done.location() : done.objectKey(),
                    e.toString());
        }
    }

    private static String human(Duration d) {
        if (d.toHours() >= 1 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
            return d.toHours() + " h";
        }
        if (d.toMinutes() >= 1 && d.toSecondsPart() == 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }

    /** Pending uploads of this node (for a gauge). */
    public long pending() {
        return uploads.pending(node);
    }

    /** Stops taking uploads; one in flight finishes or is retried after the next start. */
    @Override
    public void close() {
        closed = true;
        poller.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Attempts still in progress (tests wait for none). */
    public int running() {
        return running.get();
    }
}

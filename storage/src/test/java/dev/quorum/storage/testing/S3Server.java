package dev.quorum.storage.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.io.Payload;

/**
 * A real S3 API server for tests: S3Proxy over jclouds' file-system blob store, on a loopback
 * port of its own that survives {@link #stop()} and {@link #start()} (so a test can take the store
 * away and bring it back), checking AWS signatures with one access key.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "AKIAQUORUMTEST000001";
    public static final String SECRET = "quorum-test-secret-key-0123456789abcdef";

    private final Path dir;
    private final int port;
    private final BlobStoreContext context;
    private final BlobStore served;
    private volatile PartHold hold;
    private S3Proxy proxy;

    private S3Server(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        this.context = ContextBuilder.newBuilder("filesystem")
                .credentials("identity", "credential")
                .overrides(props)
                .build(BlobStoreContext.class);
        this.served = new HoldingBlobStore(context.getBlobStore());
    }

    /** Starts a server keeping its buckets under {@code dir}. */
    public static S3Server start(Path dir) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        S3Server server = new S3Server(dir, port);
        server.start();
        return server;
    }

    /** (Re)starts the server on its port. */
    public synchronized void start() throws Exception {
        if (proxy != null) {
            return;
        }
        S3Proxy p = S3Proxy.builder()
                .blobStore(served)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET)
                .ignoreUnknownHeaders(true)
                .build();
        p.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!"STARTED".equals(p.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + p.getState());
            }
            Thread.onSpinWait();
        }
        proxy = p;
    }

    /**
     * Stops answering (connections are refused) until {@link #start()}. A part held by
     * {@link #holdPart} is never stored: its request dies with the server.
     */
    public synchronized void stop() throws Exception {
        if (proxy != null) {
            PartHold h = hold;
            proxy.stop();
            proxy = null;
            if (h != null) {
                h.drop();
            }
        }
    }

    /**
     * Makes the server stall on part {@code partNumber} of the next multipart upload: the request
     * is taken, its body left unread (so the client is still sending it), until
     * {@link PartHold#release()} lets it through or the server stops, which drops it as a server
     * that dies mid-request drops it.
     */
    public PartHold holdPart(int partNumber) {
        PartHold h = new PartHold(partNumber);
        hold = h;
        return h;
    }

    /** A part the server stalls on; see {@link #holdPart}. */
    public static final class PartHold {
        private final int partNumber;
        private final java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        private volatile String uploadId;
        private volatile boolean dropped;

        private PartHold(int partNumber) {
            this.partNumber = partNumber;
        }

        /** Waits until the held part's request has reached the server; false on timeout. */
        public boolean awaitArrived(Duration timeout) throws InterruptedException {
            return arrived.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /** The multipart upload whose part is held. */
        public String uploadId() {
            return uploadId;
        }

        /** Lets the held part be stored. */
        public void release() {
            released.countDown();
        }

        void drop() {
            dropped = true;
            released.countDown();
        }

        void stall(MultipartUpload mpu) {
            uploadId = mpu.id();
            arrived.countDown();
            try {
                if (!released.await(2, java.util.concurrent.TimeUnit.MINUTES)) {
                    dropped = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                dropped = true;
            }
            if (dropped) {
                throw new IllegalStateException("The S3 server stopped while part " + partNumber + " was arriving");
            }
        }
    }

    private final class HoldingBlobStore extends ForwardingBlobStore {
        HoldingBlobStore(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public MultipartPart uploadMultipartPart(MultipartUpload mpu, int partNumber, Payload payload) {
            PartHold h = hold;
            if (h != null && h.partNumber == partNumber && h.arrived.getCount() > 0) {
                hold = null;
                h.stall(mpu);
            }
            return super.uploadMultipartPart(mpu, partNumber, payload);
        }
    }

    /** The multipart uploads of a bucket that were neither completed nor aborted, as {@code key uploadId}. */
    public java.util.List<String> unfinishedUploads(String bucket) {
        return context.getBlobStore().listMultipartUploads(bucket).stream()
                .map(m -> m.blobName() + " " + m.id())
                .toList();
    }

    /** The part numbers stored so far of an unfinished multipart upload. */
    public java.util.List<Integer> storedParts(String bucket, String key, String uploadId) {
        return context
                .getBlobStore()
                .listMultipartUpload(MultipartUpload.create(bucket, key, uploadId, null, null))
                .stream()
                .map(MultipartPart::partNumber)
                .toList();
    }

    public synchronized boolean running() {
        return proxy != null;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A bucket URL as {@code AwsS3Url} takes it: {@code http://127.0.0.1:<port>/<bucket>/<prefix>}. */
    public String url(String bucket, String prefix) {
        return endpoint() + "/" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    /** Creates a bucket. */
    public void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    /** The stored object's bytes, read from the blob store itself (not through the S3 API). */
    public byte[] object(String bucket, String key) throws IOException {
        var blob = context.getBlobStore().getBlob(bucket, key);
        if (blob == null) {
            return null;
        }
        try (var in = blob.getPayload().openStream()) {
            return in.readAllBytes();
        }
    }

    /** The keys of a bucket's objects. */
    public java.util.List<String> keys(String bucket) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        var options = org.jclouds.blobstore.options.ListContainerOptions.Builder.recursive();
        for (var m : context.getBlobStore().list(bucket, options)) {
            if (m.getType() == org.jclouds.blobstore.domain.StorageType.BLOB) {
                keys.add(m.getName());
            }
        }
        return keys;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws Exception {
        stop();
        context.close();
    }
}

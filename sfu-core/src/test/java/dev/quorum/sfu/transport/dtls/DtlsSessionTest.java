package dev.quorum.sfu.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.sfu.transport.CloseReason;
import dev.quorum.sfu.transport.MediaBuffers;
import dev.quorum.sfu.transport.srtp.SrtpKeys;
import dev.quorum.sfu.transport.srtp.SrtpProfile;
import dev.quorum.sfu.transport.srtp.SrtpResult;
import dev.quorum.sfu.transport.srtp.SrtpSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DTLS server session against a bctls client over in-memory datagram queues. */
class DtlsSessionTest {

    static DtlsCertificate serverCertificate;
    static DtlsCertificate clientCertificate;
    ExecutorService workers = Executors.newFixedThreadPool(3);

    final CompletableFuture<SrtpKeys> serverKeys = new CompletableFuture<>();
    final CompletableFuture<String> failure = new CompletableFuture<>();
    final CompletableFuture<Boolean> closedByPeer = new CompletableFuture<>();
    final AtomicInteger unexpected = new AtomicInteger();
    final CompletableFuture<Boolean> firstUnexpected = new CompletableFuture<>();
    final BlockingQueue<byte[]> toClient = new LinkedBlockingQueue<>();

    @BeforeAll
    static void certificates() {
        serverCertificate = DtlsCertificate.generate();
        clientCertificate = DtlsCertificate.generate();
    }

    @AfterEach
    void stop() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    DtlsSession session(Duration timeout, Predicate<byte[]> dropToClient) {
        return session(timeout, dropToClient, true);
    }

    DtlsSession session(Duration timeout, Predicate<byte[]> dropToClient, boolean fingerprintKnown) {
        DtlsEndpoint endpoint = new DtlsEndpoint(serverCertificate, timeout, workers, 64);
        return new DtlsSession(
                endpoint,
                fingerprintKnown ? clientCertificate.fingerprint() : null,
                bytes -> {
                    if (!dropToClient.test(bytes)) {
                        toClient.add(bytes);
                    }
                },
                new DtlsSession.Listener() {
                    @Override
                    public void onHandshakeComplete(SrtpKeys keys) {
                        serverKeys.complete(keys);
                    }

                    @Override
                    public void onFailed(CloseReason reason, String detail) {
                        failure.complete(reason + ": " + detail);
                    }

                    @Override
                    public void onClosedByPeer() {
                        closedByPeer.complete(true);
                    }

                    @Override
                    public void onUnexpectedData() {
                        unexpected.incrementAndGet();
                        firstUnexpected.complete(true);
                    }
                });
    }

    /** The client's end: reads what the server sent, writes into the server session. */
    DatagramTransport clientTransport(DtlsSession server) {
        return new DatagramTransport() {
            @Override
            public int getReceiveLimit() {
                return 1500;
            }

            @Override
            public int getSendLimit() {
                return 1200;
            }

            @Override
            public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
                try {
                    byte[] d = toClient.poll(waitMillis, TimeUnit.MILLISECONDS);
                    if (d == null) {
                        return -1;
                    }
                    System.arraycopy(d, 0, buf, off, d.length);
                    return d.length;
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
            }

            @Override
            public void send(byte[] buf, int off, int len) {
                ByteBuf b = Unpooled.copiedBuffer(buf, off, len);
                try {
                    server.receive(b);
                } finally {
                    b.release();
                }
            }

            @Override
            public void close() {}
        };
    }

    void assertKeysMatch(SrtpKeys clientKeys) throws Exception {
        SrtpKeys server = serverKeys.get(10, TimeUnit.SECONDS);
        assertThat(server.profile()).isEqualTo(clientKeys.profile());
        try (SrtpSession s = new SrtpSession(server, true, 4);
                SrtpSession c = new SrtpSession(clientKeys, false, 4)) {
            ByteBuf p = MediaBuffers.allocate(100);
            try {
                p.writeByte(0x80)
                        .writeByte(111)
                        .writeShort(1)
                        .writeInt(960)
                        .writeInt(1234)
                        .writeZero(40);
                assertThat(c.protectRtp(p)).isEqualTo(SrtpResult.OK);
                assertThat(s.unprotectRtp(p)).isEqualTo(SrtpResult.OK);
            } finally {
                p.release();
            }
        }
    }

    @Test
    void handshakeCompletesAndBothSidesExportTheSameKeysPreferringGcm() throws Exception {
        DtlsSession server = session(Duration.ofSeconds(10), b -> false);
        DtlsSrtpClient client = new DtlsSrtpClient(
                clientCertificate,
                serverCertificate.fingerprint(),
                SrtpProfile.AES128_CM_HMAC_SHA1_80,
                SrtpProfile.AEAD_AES_128_GCM);
        client.connect(clientTransport(server));

        assertThat(client.selectedProfile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertKeysMatch(client.keys());
    }

    @Test
    void aClientOfferingOnlyCm80GetsCm80() throws Exception {
        DtlsSession server = session(Duration.ofSeconds(10), b -> false);
        DtlsSrtpClient client = new DtlsSrtpClient(
                clientCertificate, serverCertificate.fingerprint(), SrtpProfile.AES128_CM_HMAC_SHA1_80);
        client.connect(clientTransport(server));

        assertThat(client.selectedProfile()).isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        assertKeysMatch(client.keys());
    }

    @Test
    void aCertificateThatDoesNotMatchTheSdpFingerprintFailsTheHandshake() throws Exception {
        DtlsSession server = session(Duration.ofSeconds(10), b -> false);
        DtlsSrtpClient impostor = new DtlsSrtpClient(
                DtlsCertificate.generate(), serverCertificate.fingerprint(), SrtpProfile.AEAD_AES_128_GCM);

        assertThatThrownBy(() -> impostor.connect(clientTransport(server))).isInstanceOf(IOException.class);
        assertThat(failure.get(10, TimeUnit.SECONDS)).startsWith("DTLS_FAILED").contains("bad_certificate");
        assertThat(serverKeys).isNotDone();
    }

    @Test
    void aHandshakeWaitsForAFingerprintThatArrivesAfterTheClientHello() throws Exception {
        DtlsSession server = session(Duration.ofSeconds(10), b -> false, false);
        DtlsSrtpClient client =
                new DtlsSrtpClient(clientCertificate, serverCertificate.fingerprint(), SrtpProfile.AEAD_AES_128_GCM);
        CompletableFuture<DTLSTransport> connecting = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return client.connect(clientTransport(server));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                },
                workers);
        assertThat(serverKeys).isNotDone();

        server.setRemoteFingerprint(clientCertificate.fingerprint());

        connecting.get(10, TimeUnit.SECONDS);
        assertKeysMatch(client.keys());
    }

    @Test
    void aFingerprintThatNeverArrivesFailsTheHandshake() throws Exception {
        DtlsSession server = session(Duration.ofMillis(800), b -> false, false);
        DtlsSrtpClient client =
                new DtlsSrtpClient(clientCertificate, serverCertificate.fingerprint(), SrtpProfile.AEAD_AES_128_GCM);
        assertThatThrownBy(() -> client.connect(clientTransport(server))).isInstanceOf(IOException.class);
        assertThat(failure.get(10, TimeUnit.SECONDS)).startsWith("DTLS_FAILED").contains("never arrived");
    }

    @Test
    void ourLostLastFlightIsResentWhenTheClientRetransmits() throws Exception {
        // Drop the server's ChangeCipherSpec/Finished flight (records of epoch 1 or type 20) the
        // first time it is sent: only post-handshake reads let bctls answer the client's resend.
        long[] firstDrop = {0};
        DtlsSession server = session(Duration.ofSeconds(10), b -> {
            boolean finalFlight = b[0] == 20 || b[4] == 1;
            if (!finalFlight) {
                return false;
            }
            long now = System.nanoTime();
            if (firstDrop[0] == 0) {
                firstDrop[0] = now;
            }
            return now - firstDrop[0] < TimeUnit.MILLISECONDS.toNanos(300);
        });
        DtlsSrtpClient client =
                new DtlsSrtpClient(clientCertificate, serverCertificate.fingerprint(), SrtpProfile.AEAD_AES_128_GCM);
        client.connect(clientTransport(server));

        assertThat(firstDrop[0]).isNotZero();
        assertKeysMatch(client.keys());
    }

    @Test
    void aHandshakeThatNeverCompletesTimesOut() throws Exception {
        DtlsSession server = session(Duration.ofMillis(800), b -> true);
        DtlsSrtpClient client =
                new DtlsSrtpClient(clientCertificate, serverCertificate.fingerprint(), SrtpProfile.AEAD_AES_128_GCM);
        CompletableFuture.runAsync(
                () -> {
                    try {
                        client.connect(clientTransport(server));
                    } catch (IOException ignored) {
                        // the client gives up on its own, later
                    }
                },
                workers);

        assertThat(failure.get(10, TimeUnit.SECONDS)).startsWith("DTLS_TIMEOUT");
    }

    @Test
    void closeNotifyFromThePeerIsReported() throws Exception {
        DtlsSession server = session(Duration.ofSeconds(10), b -> false);
        DtlsSrtpClient client =
                new DtlsSrtpClient(clientCertificate, serverCertificate.fingerprint(), SrtpProfile.AEAD_AES_128_GCM);
        DTLSTransport t = client.connect(clientTransport(server));
        serverKeys.get(10, TimeUnit.SECONDS);

        t.close();

        assertThat(closedByPeer.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(failure).isNotDone();
    }

    @Test
    void applicationDataIsReportedAsUnexpected() throws Exception {
        DtlsSession server = session(Duration.ofSeconds(10), b -> false);
        DtlsSrtpClient client =
                new DtlsSrtpClient(clientCertificate, serverCertificate.fingerprint(), SrtpProfile.AEAD_AES_128_GCM);
        DTLSTransport t = client.connect(clientTransport(server));
        serverKeys.get(10, TimeUnit.SECONDS);

        t.send(new byte[] {1, 2, 3}, 0, 3);

        assertThat(firstUnexpected.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(unexpected.get()).isEqualTo(1);
        assertThat(server.isConnected()).isTrue();
    }
}

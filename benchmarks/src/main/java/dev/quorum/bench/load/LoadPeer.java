package dev.quorum.bench.load;

import dev.quorum.sfu.transport.DtlsFingerprint;
import dev.quorum.sfu.transport.IceCandidate;
import dev.quorum.sfu.transport.IceCredentials;
import dev.quorum.sfu.transport.TransportDescription;
import dev.quorum.sfu.transport.dtls.DtlsCertificate;
import dev.quorum.sfu.transport.dtls.DtlsSrtpClient;
import dev.quorum.sfu.transport.srtp.SrtpProfile;
import dev.quorum.sfu.transport.srtp.SrtpResult;
import dev.quorum.sfu.transport.srtp.SrtpSession;
import dev.quorum.sfu.transport.stun.StunAttribute;
import dev.quorum.sfu.transport.stun.StunEncoder;
import dev.quorum.sfu.transport.stun.StunIntegrity;
import dev.quorum.sfu.transport.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * One client-side peer connection of the load generator, as a browser holds it: a UDP socket on
 * loopback, the ICE controlling agent's Binding requests (nominating, then every few seconds for
 * consent), a DTLS client handshake and SRTP. A reader thread receives and unprotects; what it
 * decrypts goes to the {@link Listener} in the buffer it was received in.
 */
final class LoadPeer implements AutoCloseable {

    /** What the reader thread hands on; called on that thread only. */
    interface Listener {
        /**
         * A decrypted RTP packet. Borrows {@code packet}: its readable bytes are valid during
         * the call only.
         */
        void onRtp(ByteBuf packet, long receivedNanos);

        /** A decrypted RTCP compound packet. Borrows {@code packet}, valid during the call only. */
        void onRtcp(ByteBuf packet);
    }

    private static final int MAX_STREAMS = 256;

    // Given.
    private final String label;
    private volatile Listener listener;
    // Owned.
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final IceCredentials local = IceCredentials.random();
    private final BlockingQueue<byte[]> dtlsInbound = new LinkedBlockingQueue<>();
    private final DatagramPacket outgoing = new DatagramPacket(new byte[0], 0);
    private volatile boolean iceAnswered;
    private volatile SrtpSession srtp;
    private DatagramSocket socket;
    private InetSocketAddress server;
    private IceCredentials remote;
    private DtlsFingerprint remoteFingerprint;
    private Thread reader;

    LoadPeer(String label) {
        this.label = label;
    }

    /** The fingerprint this peer's SDP would carry. */
    DtlsFingerprint fingerprint() {
        return certificate.fingerprint();
    }

    /**
     * Opens the socket towards the server's UDP candidate and starts the reader thread, which
     * hands what it decrypts to {@code listener}.
     */
    LoadPeer start(TransportDescription description, List<IceCandidate> candidates, Listener listener) {
        this.listener = listener;
        IceCandidate udp = candidates.stream()
                .filter(c -> c.protocol() == IceCandidate.Protocol.UDP)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the media port announced no UDP candidate"));
        server = new InetSocketAddress(udp.address(), udp.port());
        remote = description.ice();
        remoteFingerprint = description.fingerprint();
        try {
            socket = new DatagramSocket(new InetSocketAddress(udp.address(), 0));
            socket.setReceiveBufferSize(4 << 20);
            socket.setSendBufferSize(4 << 20);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        outgoing.setSocketAddress(server);
        reader = new Thread(this::read, "load-reader-" + label);
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    /**
     * A nominating ICE check repeated until answered, then the DTLS handshake as client and the
     * SRTP keys; fails if either takes longer than {@code timeoutMillis}.
     */
    void connect(long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!iceAnswered) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(label + ": no ICE response within " + timeoutMillis + " ms");
            }
            sendBindingRequest();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (!iceAnswered && System.nanoTime() < until) {
                Thread.sleep(5);
            }
        }
        DtlsSrtpClient client = new DtlsSrtpClient(certificate, remoteFingerprint, SrtpProfile.values());
        client.connect(new PeerDatagramTransport(deadline));
        srtp = new SrtpSession(client.keys(), false, MAX_STREAMS);
    }

    /** A Binding request with USE-CANDIDATE; the server's answer is noted, not awaited. */
    void sendBindingRequest() throws IOException {
        StunMessage request = new StunMessage(
                StunMessage.BINDING_REQUEST,
                StunMessage.newTransactionId(),
                List.of(
                        new StunAttribute.Username(remote.ufrag() + ":" + local.ufrag()),
                        new StunAttribute.Priority(1853817087L),
                        new StunAttribute.IceControlling(0x0A0B0C0D01020304L),
                        new StunAttribute.UseCandidate()));
        ByteBuf out = Unpooled.buffer();
        try {
            StunEncoder.encode(request, StunIntegrity.shortTerm(remote.password()), true, out);
            send(ByteBufUtil.getBytes(out));
        } finally {
            out.release();
        }
    }

    /**
     * Protects and sends an RTP packet. Borrows {@code packet}: it must be a heap buffer with
     * {@link SrtpSession#MAX_OVERHEAD} writable bytes; it holds the SRTP packet afterwards.
     * Called by one sending thread only (the packet object is reused).
     */
    boolean sendRtp(ByteBuf packet) throws IOException {
        if (srtp.protectRtp(packet) != SrtpResult.OK) {
            return false;
        }
        outgoing.setData(packet.array(), packet.arrayOffset() + packet.readerIndex(), packet.readableBytes());
        socket.send(outgoing);
        return true;
    }

    private void send(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    private void read() {
        byte[] buffer = new byte[2048];
        ByteBuf view = Unpooled.wrappedBuffer(buffer);
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        try {
            while (!socket.isClosed()) {
                p.setData(buffer);
                try {
                    socket.receive(p);
                } catch (IOException closed) {
                    return;
                }
                int length = p.getLength();
                int first = buffer[0] & 0xFF;
                if (first <= 3) {
                    // Only our own Binding requests are answered; the server authenticates them,
                    // and a success response is all the nomination needs.
                    if (length >= 20 && buffer[0] == 0x01 && buffer[1] == 0x01) {
                        iceAnswered = true;
                    }
                } else if (first >= 20 && first <= 63) {
                    byte[] record = new byte[length];
                    System.arraycopy(buffer, 0, record, 0, length);
                    dtlsInbound.add(record);
                } else if (first >= 128 && first <= 191 && srtp != null) {
                    int type = buffer[1] & 0xFF;
                    view.setIndex(0, length);
                    if (type >= 192 && type <= 223) {
                        if (srtp.unprotectRtcp(view) == SrtpResult.OK) {
                            listener.onRtcp(view);
                        }
                    } else if (srtp.unprotectRtp(view) == SrtpResult.OK) {
                        listener.onRtp(view, System.nanoTime());
                    }
                }
            }
        } finally {
            view.release();
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
        try {
            if (reader != null) {
                reader.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (srtp != null) {
            srtp.close();
        }
    }

    /** DTLS records over this peer's socket, received through the reader thread. */
    private final class PeerDatagramTransport implements DatagramTransport {
        private final long deadlineNanos;

        PeerDatagramTransport(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

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
            if (System.nanoTime() > deadlineNanos) {
                throw new IOException(label + ": DTLS handshake not finished in time");
            }
            try {
                byte[] d = dtlsInbound.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (d == null) {
                    return -1;
                }
                int n = Math.min(len, d.length);
                System.arraycopy(d, 0, buf, off, n);
                return n;
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            byte[] d = new byte[len];
            System.arraycopy(buf, off, d, 0, len);
            LoadPeer.this.send(d);
        }

        @Override
        public void close() {}
    }
}

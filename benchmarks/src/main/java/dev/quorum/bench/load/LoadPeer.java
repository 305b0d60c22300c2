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
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * One client-side peer connection of the load generator, as a browser holds it: a UDP socket on
 * loopback, the ICE controlling agent's Binding requests (nominating, then every few seconds for
 * consent), a DTLS client handshake and SRTP. One of the {@link PeerReaders}' threads receives and
 * unprotects; what it decrypts goes to the {@link Listener} in the buffer it was received in.
 */
final class LoadPeer implements AutoCloseable {

    /** What the reader hands on; called on one reader thread only. */
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
    private final PeerReaders readers;
    private volatile Listener listener;
    // Owned.
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final IceCredentials local = IceCredentials.random();
    private final BlockingQueue<byte[]> dtlsInbound = new LinkedBlockingQueue<>();
    private volatile boolean iceAnswered;
    private volatile SrtpSession srtp;
    private DatagramChannel channel;
    private InetSocketAddress server;
    private IceCredentials remote;
    private DtlsFingerprint remoteFingerprint;

    LoadPeer(String label, PeerReaders readers) {
        this.label = label;
        this.readers = readers;
    }

    /** The fingerprint this peer's SDP would carry. */
    DtlsFingerprint fingerprint() {
        return certificate.fingerprint();
    }

    /**
     * Opens the socket towards the server's UDP candidate and has a reader read it, which hands
     * what it decrypts to {@code listener}.
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
            channel = DatagramChannel.open()
                    .setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20)
                    .setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20)
                    .bind(new InetSocketAddress(udp.address(), 0))
                    .connect(server);
            channel.configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        readers.register(channel, this::onDatagram);
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
     *
     * @return false if protecting failed or the socket's send buffer was full
     */
    boolean sendRtp(ByteBuf packet) throws IOException {
        if (srtp.protectRtp(packet) != SrtpResult.OK) {
            return false;
        }
        return channel.write(ByteBuffer.wrap(
                        packet.array(), packet.arrayOffset() + packet.readerIndex(), packet.readableBytes()))
                > 0;
    }

    /** Sends or, with the send buffer full, loses a datagram (ICE and DTLS retransmit). */
    private void send(byte[] bytes) throws IOException {
        channel.write(ByteBuffer.wrap(bytes));
    }

    private void onDatagram(ByteBuf datagram) {
        int length = datagram.readableBytes();
        int first = datagram.getUnsignedByte(0);
        if (first <= 3) {
            // Only our own Binding requests are answered; the server authenticates them, and a
            // success response is all the nomination needs.
            if (length >= 20 && datagram.getByte(0) == 0x01 && datagram.getByte(1) == 0x01) {
                iceAnswered = true;
            }
        } else if (first >= 20 && first <= 63) {
            dtlsInbound.add(ByteBufUtil.getBytes(datagram));
        } else if (first >= 128 && first <= 191 && srtp != null) {
            int type = datagram.getUnsignedByte(1);
            if (type >= 192 && type <= 223) {
                if (srtp.unprotectRtcp(datagram) == SrtpResult.OK) {
                    listener.onRtcp(datagram);
                }
            } else if (srtp.unprotectRtp(datagram) == SrtpResult.OK) {
                listener.onRtp(datagram, System.nanoTime());
            }
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closed either way.
            }
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

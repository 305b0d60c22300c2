package dev.quorum.sfu.transport;

import dev.quorum.sfu.transport.dtls.DtlsCertificate;
import dev.quorum.sfu.transport.dtls.DtlsSrtpClient;
import dev.quorum.sfu.transport.srtp.SrtpProfile;
import dev.quorum.sfu.transport.srtp.SrtpResult;
import dev.quorum.sfu.transport.srtp.SrtpSession;
import dev.quorum.sfu.transport.stun.StunAttribute;
import dev.quorum.sfu.transport.stun.StunDecodeResult;
import dev.quorum.sfu.transport.stun.StunDecoder;
import dev.quorum.sfu.transport.stun.StunEncoder;
import dev.quorum.sfu.transport.stun.StunIntegrity;
import dev.quorum.sfu.transport.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;

/**
 * A browser stand-in in the client role, built from the same libraries as the server: an ICE
 * controlling agent sending Binding requests (our STUN codec), a bctls DTLS client with its own
 * certificate, and jitsi-srtp in the DTLS client role. Talks to the media port over UDP or
 * ICE-TCP on loopback; a reader thread demultiplexes what comes back.
 */
public final class TestPeer implements AutoCloseable {

    public static final long TIMEOUT_MS = 5000;

    public final DtlsCertificate certificate = DtlsCertificate.generate();
    public final IceCredentials local = IceCredentials.random();
    private final boolean tcp;
    private volatile TransportDescription answer;
    private volatile InetSocketAddress server;

    private final Map<String, CompletableFuture<StunMessage>> pendingChecks = new ConcurrentHashMap<>();
    private final BlockingQueue<byte[]> dtlsInbound = new LinkedBlockingQueue<>();
    public final BlockingQueue<byte[]> rtpReceived = new LinkedBlockingQueue<>();
    public final BlockingQueue<byte[]> rtcpReceived = new LinkedBlockingQueue<>();
    private volatile IceCredentials remote;
    private volatile DatagramSocket udp;
    private volatile Socket tcpSocket;
    private volatile DataOutputStream tcpOut;
    private volatile SrtpSession srtp;
    private volatile long dropDtlsUntilNanos;
    private DTLSTransport dtls;
    private Thread reader;

    public TestPeer(boolean tcp) {
        this.tcp = tcp;
    }

    /** Takes the server's answer and opens the socket to its first candidate of our protocol. */
    public TestPeer start(TransportDescription serverAnswer) throws IOException {
        this.answer = serverAnswer;
        this.remote = serverAnswer.ice();
        IceCandidate c = serverAnswer.candidates().stream()
                .filter(x -> x.protocol() == (tcp ? IceCandidate.Protocol.TCP : IceCandidate.Protocol.UDP))
                .findFirst()
                .orElseThrow();
        this.server = new InetSocketAddress(c.address(), c.port());
        open();
        return this;
    }

    /** The fingerprint for the offer: what the server must check our certificate against. */
    public DtlsFingerprint fingerprint() {
        return certificate.fingerprint();
    }

    private void open() throws IOException {
        if (tcp) {
            tcpSocket = new Socket(server.getAddress(), server.getPort());
            tcpSocket.setTcpNoDelay(true);
            tcpOut = new DataOutputStream(tcpSocket.getOutputStream());
            DataInputStream in = new DataInputStream(tcpSocket.getInputStream());
            reader = new Thread(() -> readTcp(in), "test-peer-tcp");
        } else {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
            udp = s;
            reader = new Thread(() -> readUdp(s), "test-peer-udp");
        }
        reader.setDaemon(true);
        reader.start();
    }

    /** The peer's local address (what the server sees as the tuple). */
    public InetSocketAddress localAddress() {
        return tcp
                ? (InetSocketAddress) tcpSocket.getLocalSocketAddress()
                : (InetSocketAddress) udp.getLocalSocketAddress();
    }

    public void useCredentials(IceCredentials serverCredentials) {
        this.remote = serverCredentials;
    }

    // ---- Sending ---------------------------------------------------------------------------

    public synchronized void sendRaw(byte[] bytes) throws IOException {
        if (tcp) {
            tcpOut.writeShort(bytes.length);
            tcpOut.write(bytes);
            tcpOut.flush();
        } else {
            udp.send(new DatagramPacket(bytes, bytes.length, server));
        }
    }

    /** A Binding request as a controlling browser sends it, signed with the server's password. */
    public byte[] bindingRequest(byte[] tid, boolean useCandidate, IceCredentials to) {
        List<StunAttribute> a = new ArrayList<>(List.of(
                new StunAttribute.Username(to.ufrag() + ":" + local.ufrag()),
                new StunAttribute.Priority(1853817087L),
                new StunAttribute.IceControlling(0x0A0B0C0D01020304L)));
        if (useCandidate) {
            a.add(new StunAttribute.UseCandidate());
        }
        a.add(new StunAttribute.Unknown(0xC057, new byte[] {0, 1, 0, 0})); // Chrome's GOOG-NETWORK-INFO
        ByteBuf out = Unpooled.buffer();
        try {
            StunEncoder.encode(
                    new StunMessage(StunMessage.BINDING_REQUEST, tid, a),
                    StunIntegrity.shortTerm(to.password()),
                    true,
                    out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** Sends a check and returns the (verified) response; fails on timeout. */
    public StunMessage check(boolean useCandidate) throws Exception {
        return check(useCandidate, remote);
    }

    public StunMessage check(boolean useCandidate, IceCredentials to) throws Exception {
        CompletableFuture<StunMessage> response = sendCheck(useCandidate, to);
        return response.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    public CompletableFuture<StunMessage> sendCheck(boolean useCandidate, IceCredentials to) throws IOException {
        byte[] tid = StunMessage.newTransactionId();
        CompletableFuture<StunMessage> response = new CompletableFuture<>();
        pendingChecks.put(HexFormat.of().formatHex(tid), response);
        sendRaw(bindingRequest(tid, useCandidate, to));
        return response;
    }

    /** ICE (a check, then a nominating one), DTLS as client, SRTP keys. */
    public void connect(SrtpProfile... profiles) throws Exception {
        check(false);
        check(true);
        DtlsSrtpClient client = new DtlsSrtpClient(certificate, answer.fingerprint(), profiles);
        dtls = client.connect(new PeerDatagramTransport());
        srtp = new SrtpSession(client.keys(), false, 16);
    }

    /**
     * ICE as in {@link #connect}, then one ClientHello, then nothing: a peer that starts DTLS
     * and goes away (or a malicious one holding the server's handshake).
     */
    public void connectAndFallSilent() throws Exception {
        check(false);
        check(true);
        sendRaw(clientHello(certificate, answer.fingerprint()));
    }

    /** The first flight of a DTLS-SRTP client: what a browser sends once ICE is up. */
    public static byte[] clientHello(DtlsCertificate certificate, DtlsFingerprint serverFingerprint)
            throws IOException {
        CompletableFuture<byte[]> first = new CompletableFuture<>();
        try {
            new DtlsSrtpClient(certificate, serverFingerprint, SrtpProfile.values()).connect(new DatagramTransport() {
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
                    throw new InterruptedIOException("only the ClientHello is wanted");
                }

                @Override
                public void send(byte[] buf, int off, int len) {
                    byte[] d = new byte[len];
                    System.arraycopy(buf, off, d, 0, len);
                    first.complete(d);
                }

                @Override
                public void close() {}
            });
        } catch (InterruptedIOException expected) {
            // the client gave up after its first flight, as intended
        }
        return first.getNow(null);
    }

    public SrtpProfile profile() {
        return srtp.profile();
    }

    /** Sends an SRTP packet with the given header fields and payload; returns its plaintext. */
    public byte[] sendRtp(int ssrc, int seq, byte[] payload) throws IOException {
        return sendRtp(96, ssrc, seq, payload);
    }

    /** As {@link #sendRtp(int, int, int, byte[])} with another payload type. */
    public byte[] sendRtp(int payloadType, int ssrc, int seq, byte[] payload) throws IOException {
        ByteBuf p = MediaBuffers.allocate(12 + payload.length);
        try {
            p.writeByte(0x80)
                    .writeByte(payloadType)
                    .writeShort(seq)
                    .writeInt(seq * 90)
                    .writeInt(ssrc)
                    .writeBytes(payload);
            byte[] plain = ByteBufUtil.getBytes(p);
            if (srtp.protectRtp(p) != SrtpResult.OK) {
                throw new IllegalStateException("protect failed");
            }
            sendRaw(ByteBufUtil.getBytes(p));
            return plain;
        } finally {
            p.release();
        }
    }

    /** Protects an RTP packet and returns the SRTP bytes without sending them. */
    public byte[] protectRtp(int ssrc, int seq, byte[] payload) {
        ByteBuf p = MediaBuffers.allocate(12 + payload.length);
        try {
            p.writeByte(0x80)
                    .writeByte(96)
                    .writeShort(seq)
                    .writeInt(seq * 90)
                    .writeInt(ssrc)
                    .writeBytes(payload);
            srtp.protectRtp(p);
            return ByteBufUtil.getBytes(p);
        } finally {
            p.release();
        }
    }

    /** Sends an SRTCP receiver report from {@code ssrc}; returns its plaintext. */
    public byte[] sendRtcp(int ssrc) throws IOException {
        ByteBuf p = MediaBuffers.allocate(32);
        try {
            p.writeByte(0x81)
                    .writeByte(201)
                    .writeShort(7)
                    .writeInt(ssrc)
                    .writeInt(0x01020304)
                    .writeInt(0)
                    .writeInt(1000)
                    .writeInt(5)
                    .writeInt(0)
                    .writeInt(0);
            byte[] plain = ByteBufUtil.getBytes(p);
            if (srtp.protectRtcp(p) != SrtpResult.OK) {
                throw new IllegalStateException("protect failed");
            }
            sendRaw(ByteBufUtil.getBytes(p));
            return plain;
        } finally {
            p.release();
        }
    }

    public byte[] awaitRtp() throws InterruptedException {
        return rtpReceived.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    public byte[] awaitRtcp() throws InterruptedException {
        return rtcpReceived.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** Closes the UDP socket and continues from a new local port, as after a network change. */
    public void moveToNewPort() throws IOException, InterruptedException {
        if (tcp) {
            throw new IllegalStateException("UDP only");
        }
        DatagramSocket old = udp;
        old.close();
        reader.join(TIMEOUT_MS);
        open();
    }

    /** Loses every DTLS datagram from the server for the next {@code millis}, as on a bad network. */
    public void loseServerDtlsFor(long millis) {
        dropDtlsUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Sends DTLS close_notify. */
    public void closeDtls() throws IOException {
        dtls.close();
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        }
        if (tcpSocket != null) {
            tcpSocket.close();
        }
        try {
            if (reader != null) {
                reader.join(TIMEOUT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (srtp != null) {
            srtp.close();
        }
    }

    public boolean isStarted() {
        return reader != null;
    }

    // ---- Receiving -------------------------------------------------------------------------

    private void readUdp(DatagramSocket s) {
        byte[] buf = new byte[2048];
        while (!s.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (IOException e) {
                return;
            }
            byte[] d = new byte[p.getLength()];
            System.arraycopy(buf, 0, d, 0, d.length);
            demux(d);
        }
    }

    private void readTcp(DataInputStream in) {
        try {
            while (true) {
                int length = in.readUnsignedShort();
                byte[] d = new byte[length];
                in.readFully(d);
                demux(d);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void demux(byte[] d) {
        int first = d[0] & 0xFF;
        if (first <= 3) {
            ByteBuf b = Unpooled.wrappedBuffer(d);
            try {
                if (StunDecoder.decode(b) instanceof StunDecodeResult.Decoded decoded) {
                    StunMessage m = decoded.message();
                    CompletableFuture<StunMessage> f =
                            pendingChecks.remove(HexFormat.of().formatHex(m.transactionId()));
                    boolean authentic = decoded.integrityOffset() < 0
                            || StunIntegrity.shortTerm(remote.password()).verify(b, decoded.integrityOffset())
                            || StunIntegrity.shortTerm(answer.ice().password()).verify(b, decoded.integrityOffset());
                    if (f != null) {
                        if (authentic) {
                            f.complete(m);
                        } else {
                            f.completeExceptionally(new AssertionError("response MESSAGE-INTEGRITY does not verify"));
                        }
                    }
                }
            } finally {
                b.release();
            }
        } else if (first >= 20 && first <= 63) {
            long until = dropDtlsUntilNanos;
            if (until == 0 || System.nanoTime() - until >= 0) {
                dtlsInbound.add(d);
            }
        } else if (first >= 128 && first <= 191 && srtp != null) {
            boolean rtcp = (d[1] & 0xFF) >= 192 && (d[1] & 0xFF) <= 223;
            ByteBuf p = MediaBuffers.allocate(d.length);
            try {
                p.writeBytes(d);
                SrtpResult r = rtcp ? srtp.unprotectRtcp(p) : srtp.unprotectRtp(p);
                if (r == SrtpResult.OK) {
                    (rtcp ? rtcpReceived : rtpReceived).add(ByteBufUtil.getBytes(p));
                }
            } finally {
                p.release();
            }
        }
    }

    /** DTLS records over this peer's socket. */
    private final class PeerDatagramTransport implements DatagramTransport {
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
                byte[] d = dtlsInbound.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (d == null) {
                    return -1;
                }
                System.arraycopy(d, 0, buf, off, Math.min(len, d.length));
                return Math.min(len, d.length);
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            byte[] d = new byte[len];
            System.arraycopy(buf, off, d, 0, len);
            try {
                sendRaw(d);
            } catch (SocketException closed) {
                // the peer moved or closed; DTLS will retransmit
            }
        }

        @Override
        public void close() {}
    }
}

package dev.quorum.sfu.transport.srtp;

import io.netty.buffer.ByteBuf;
import io.netty.util.collection.IntObjectHashMap;
import java.security.GeneralSecurityException;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;

/**
 * SRTP and SRTCP for one DTLS association (RFC 3711, RFC 7714): crypto contexts per SSRC and
 * direction, derived on demand, transforming packets in place in heap {@link ByteBuf}s.
 *
 * <p>Receive contexts are kept only after a packet authenticates with them, so packets with
 * made-up SSRCs cannot fill the maps; each map holds at most {@code maxStreams} SSRCs. Send
 * contexts start at rollover counter 0 and track it from the sequence numbers they see; send-side
 * replay checking is off so retransmissions can be protected again.
 *
 * <p>Threads: the unprotect methods are for one thread (the transport's event loop); the protect
 * methods may be called from any thread and serialise on the send side. Buffers must have an
 * array ({@code hasArray()}); protect needs {@link #MAX_OVERHEAD} writable bytes, and without
 * them the buffer is grown (an allocation). Every method borrows the buffer: on success its
 * readable bytes are the transformed packet, on failure they are unspecified.
 */
public final class SrtpSession implements AutoCloseable {

    /** The most a protect adds: SRTCP index (4) plus the longest tag (16). */
    public static final int MAX_OVERHEAD = 20;

    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;

    // Given
    private final SrtpProfile profile;
    private final int maxStreams;
    private final boolean openSsl;

    // Owned
    private final SrtpContextFactory sendFactory;
    private final SrtpContextFactory receiveFactory;
    private final IntObjectHashMap<SrtpCryptoContext> sendRtp = new IntObjectHashMap<>();
    private final IntObjectHashMap<SrtcpCryptoContext> sendRtcp = new IntObjectHashMap<>();
    private final IntObjectHashMap<SrtpCryptoContext> receiveRtp = new IntObjectHashMap<>();
    private final IntObjectHashMap<SrtcpCryptoContext> receiveRtcp = new IntObjectHashMap<>();
    private final ByteBufArrayBuffer sendView = new ByteBufArrayBuffer();
    private final ByteBufArrayBuffer receiveView = new ByteBufArrayBuffer();
    private volatile boolean closed;

    /**
     * @param keys       keys exported by DTLS; copied by the factories and wiped here
     * @param dtlsServer whether this side was the DTLS server (it then sends with the server keys)
     * @param maxStreams SSRCs kept per direction and kind
     */
    public SrtpSession(SrtpKeys keys, boolean dtlsServer, int maxStreams) {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be positive");
        }
        this.openSsl = "OpenSSL".equals(SrtpCrypto.initialize());
        this.profile = keys.profile();
        this.maxStreams = maxStreams;
        JitsiLogger logger = JitsiLogger.forSrtp();
        this.sendFactory = new SrtpContextFactory(
                true, keys.sendKey(dtlsServer), keys.sendSalt(dtlsServer), profile.policy(), profile.policy(), logger);
        this.receiveFactory = new SrtpContextFactory(
                false,
                keys.receiveKey(dtlsServer),
                keys.receiveSalt(dtlsServer),
                profile.policy(),
                profile.policy(),
                logger);
        keys.wipe();
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Encrypts and authenticates an RTP packet in place. Borrows {@code packet}. */
    public SrtpResult protectRtp(ByteBuf packet) {
        if (packet.readableBytes() < RTP_HEADER) {
            return SrtpResult.INVALID;
        }
        reserveTailroom(packet);
        int ssrc = packet.getInt(packet.readerIndex() + 8);
        synchronized (sendRtp) {
            if (closed) {
                return SrtpResult.PROTECT_FAILED;
            }
            SrtpCryptoContext context = sendRtp.get(ssrc);
            try {
                if (context == null) {
                    if (sendRtp.size() >= maxStreams) {
                        return SrtpResult.TOO_MANY_STREAMS;
                    }
                    context = ReusedIvCipher.adopt(sendFactory.deriveContext(ssrc, 0), openSsl);
                    sendRtp.put(ssrc, context);
                }
                return map(context.transformPacket(sendView.wrap(packet)), true);
            } catch (GeneralSecurityException | RuntimeException e) {
                return SrtpResult.PROTECT_FAILED;
            } finally {
                sendView.clear();
            }
        }
    }

    /** Encrypts and authenticates an RTCP compound packet in place. Borrows {@code packet}. */
    public SrtpResult protectRtcp(ByteBuf packet) {
        if (packet.readableBytes() < RTCP_HEADER) {
            return SrtpResult.INVALID;
        }
        reserveTailroom(packet);
        int ssrc = packet.getInt(packet.readerIndex() + 4);
        synchronized (sendRtp) {
            if (closed) {
                return SrtpResult.PROTECT_FAILED;
            }
            SrtcpCryptoContext context = sendRtcp.get(ssrc);
            try {
                if (context == null) {
                    if (sendRtcp.size() >= maxStreams) {
                        return SrtpResult.TOO_MANY_STREAMS;
                    }
                    context = ReusedIvCipher.adopt(sendFactory.deriveControlContext(ssrc), openSsl);
                    sendRtcp.put(ssrc, context);
                }
                return map(context.transformPacket(sendView.wrap(packet)), true);
            } catch (GeneralSecurityException | RuntimeException e) {
                return SrtpResult.PROTECT_FAILED;
            } finally {
                sendView.clear();
            }
        }
    }

    /** Authenticates, replay-checks and decrypts an SRTP packet in place. Borrows {@code packet}. */
    public SrtpResult unprotectRtp(ByteBuf packet) {
        if (packet.readableBytes() < RTP_HEADER + profile.tagLength() || closed) {
            return SrtpResult.INVALID;
        }
        int ssrc = packet.getInt(packet.readerIndex() + 8);
        SrtpCryptoContext context = receiveRtp.get(ssrc);
        try {
            if (context != null) {
                return map(context.reverseTransformPacket(receiveView.wrap(packet), false), false);
            }
            if (receiveRtp.size() >= maxStreams) {
                return SrtpResult.TOO_MANY_STREAMS;
            }
            context = ReusedIvCipher.adopt(receiveFactory.deriveContext(ssrc, 0), openSsl);
            SrtpResult result = map(context.reverseTransformPacket(receiveView.wrap(packet), false), false);
            if (result == SrtpResult.OK) {
                receiveRtp.put(ssrc, context);
            }
            return result;
        } catch (GeneralSecurityException | RuntimeException e) {
            return SrtpResult.INVALID;
        } finally {
            receiveView.clear();
        }
    }

    /** Authenticates, replay-checks and decrypts an SRTCP packet in place. Borrows {@code packet}. */
    public SrtpResult unprotectRtcp(ByteBuf packet) {
        if (packet.readableBytes() < RTCP_HEADER + 4 + profile.tagLength() || closed) {
            return SrtpResult.INVALID;
        }
        int ssrc = packet.getInt(packet.readerIndex() + 4);
        SrtcpCryptoContext context = receiveRtcp.get(ssrc);
        try {
            if (context != null) {
                return map(context.reverseTransformPacket(receiveView.wrap(packet)), false);
            }
            if (receiveRtcp.size() >= maxStreams) {
                return SrtpResult.TOO_MANY_STREAMS;
            }
            context = ReusedIvCipher.adopt(receiveFactory.deriveControlContext(ssrc), openSsl);
            SrtpResult result = map(context.reverseTransformPacket(receiveView.wrap(packet)), false);
            if (result == SrtpResult.OK) {
                receiveRtcp.put(ssrc, context);
            }
            return result;
        } catch (GeneralSecurityException | RuntimeException e) {
            return SrtpResult.INVALID;
        } finally {
            receiveView.clear();
        }
    }

    private static void reserveTailroom(ByteBuf packet) {
        if (!packet.hasArray()) {
            throw new IllegalArgumentException("SRTP transforms need a heap buffer; see MediaBuffers");
        }
        packet.ensureWritable(MAX_OVERHEAD);
    }

    private static SrtpResult map(SrtpErrorStatus status, boolean sending) {
        switch (status) {
            case OK:
                return SrtpResult.OK;
            case AUTH_FAIL:
                return SrtpResult.AUTH_FAILED;
            case REPLAY_FAIL:
            case REPLAY_OLD:
                return sending ? SrtpResult.PROTECT_FAILED : SrtpResult.REPLAYED;
            case INVALID_PACKET:
                return SrtpResult.INVALID;
            default:
                return sending ? SrtpResult.PROTECT_FAILED : SrtpResult.INVALID;
        }
    }

    /** Zeroes the master keys; later calls fail. Safe to call from any thread, more than once. */
    @Override
    public void close() {
        synchronized (sendRtp) {
            if (closed) {
                return;
            }
            closed = true;
            sendFactory.close();
            receiveFactory.close();
        }
    }
}

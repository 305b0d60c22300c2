package dev.quorum.sfu.room;

import dev.quorum.sfu.transport.DtlsFingerprint;
import dev.quorum.sfu.transport.IceCredentials;
import dev.quorum.sfu.transport.MediaPort;
import dev.quorum.sfu.transport.srtp.SrtpProfile;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The media transport's own client-role test peer (ICE controlling agent, bctls DTLS client, SRTP),
 * reused rather than copied. It is package-private in {@code dev.quorum.sfu.transport}'s tests,
 * so it is reached by reflection; only its stable test API is used.
 */
final class ClientPeer implements AutoCloseable {

    private static final Class<?> PEER;

    static {
        try {
            PEER = Class.forName("dev.quorum.sfu.transport.TestPeer");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object peer;

    ClientPeer() {
        try {
            Constructor<?> c = PEER.getDeclaredConstructor(boolean.class);
            c.setAccessible(true);
            peer = c.newInstance(false);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object call(String name, Class<?>[] types, Object... args) {
        try {
            Method m = PEER.getDeclaredMethod(name, types);
            m.setAccessible(true);
            return m.invoke(peer, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(name + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint the peer's SDP would carry. */
    DtlsFingerprint fingerprint() {
        return (DtlsFingerprint) call("fingerprint", new Class<?>[0]);
    }

    /** Opens the socket towards the server side described by the engine. */
    ClientPeer start(TransportDescription d, MediaPort port) {
        var description = new dev.quorum.sfu.transport.TransportDescription(new IceCredentials(d.iceUfrag(), d.icePwd()),
                new DtlsFingerprint(d.fingerprintAlgorithm(), d.fingerprint()), port.candidates());
        call("start", new Class<?>[] {dev.quorum.sfu.transport.TransportDescription.class}, description);
        return this;
    }

    /** ICE checks, DTLS handshake as client, SRTP keys. */
    void connect() {
        call("connect", new Class<?>[] {SrtpProfile[].class}, (Object) SrtpProfile.values());
    }

    /** Sends an SRTP packet (payload type 96, timestamp = seq × 90); returns its plaintext. */
    byte[] sendRtp(int ssrc, int seq, byte[] payload) {
        return (byte[]) call("sendRtp", new Class<?>[] {int.class, int.class, byte[].class}, ssrc, seq, payload);
    }

    /** Sends an SRTCP receiver report. */
    void sendRtcp(int ssrc) {
        call("sendRtcp", new Class<?>[] {int.class}, ssrc);
    }

    /** The next decrypted RTP packet received, or null after five seconds. */
    byte[] awaitRtp() {
        return (byte[]) call("awaitRtp", new Class<?>[0]);
    }

    /** The next decrypted RTP packet received within {@code millis}, or null. */
    byte[] awaitRtpWithin(long millis) {
        try {
            java.lang.reflect.Field f = PEER.getDeclaredField("rtpReceived");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            java.util.concurrent.BlockingQueue<byte[]> q = (java.util.concurrent.BlockingQueue<byte[]>) f.get(peer);
            return q.poll(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next decrypted RTCP packet received, or null after five seconds. */
    byte[] awaitRtcp() {
        return (byte[]) call("awaitRtcp", new Class<?>[0]);
    }

    @Override
    public void close() {
        call("close", new Class<?>[0]);
    }
}

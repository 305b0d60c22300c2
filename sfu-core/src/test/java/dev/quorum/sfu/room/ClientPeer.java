package dev.quorum.sfu.room;

import dev.quorum.sfu.transport.DtlsFingerprint;
import dev.quorum.sfu.transport.IceCredentials;
import dev.quorum.sfu.transport.MediaPort;
import dev.quorum.sfu.transport.TestPeer;
import dev.quorum.sfu.transport.TransportDescription;
import dev.quorum.sfu.transport.srtp.SrtpProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The media transport's own client-role test peer (ICE controlling agent, bctls DTLS client,
 * SRTP) seen through the engine's {@link TransportDescription}, with checked exceptions turned
 * into test failures.
 */
final class ClientPeer implements AutoCloseable {

    private final TestPeer peer = new TestPeer(false);

    /** The fingerprint the peer's SDP would carry. */
    DtlsFingerprint fingerprint() {
        return peer.fingerprint();
    }

    /** Opens the socket towards the server side described by the engine. */
    ClientPeer start(TransportDescription d, MediaPort port) {
        try {
            peer.start(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** ICE checks, DTLS handshake as client, SRTP keys. */
    void connect() {
        try {
            peer.connect(SrtpProfile.values());
        } catch (Exception e) {
            throw new IllegalStateException("connect failed", e);
        }
    }

    /** ICE checks, then one DTLS ClientHello, then silence. */
    void connectAndFallSilent() {
        try {
            peer.connectAndFallSilent();
        } catch (Exception e) {
            throw new IllegalStateException("ICE failed", e);
        }
    }

    /** Sends an SRTP packet (payload type 96, timestamp = seq × 90); returns its plaintext. */
    byte[] sendRtp(int ssrc, int seq, byte[] payload) {
        try {
            return peer.sendRtp(ssrc, seq, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends an SRTP packet with payload type {@code payloadType}. */
    void sendRtp(int payloadType, int ssrc, int seq, byte[] payload) {
        try {
            peer.sendRtp(payloadType, ssrc, seq, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SRTP packet (payload type 96) protected with the peer's keys, not sent. */
    byte[] protectRtp(int ssrc, int seq, byte[] payload) {
        return peer.protectRtp(ssrc, seq, payload);
    }

    /** Sends bytes as they are, from the peer's socket. */
    void sendRaw(byte[] bytes) {
        try {
            peer.sendRaw(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A signed Binding request for {@code to}'s credentials, not sent. */
    byte[] bindingRequest(IceCredentials to) {
        return peer.bindingRequest(dev.quorum.sfu.transport.stun.StunMessage.newTransactionId(), false, to);
    }

    /** An ICE check (a consent refresh), waiting for the server's answer. */
    void check() {
        try {
            peer.check(false);
        } catch (Exception e) {
            throw new IllegalStateException("check failed", e);
        }
    }

    /** Sends an SRTCP receiver report. */
    void sendRtcp(int ssrc) {
        try {
            peer.sendRtcp(ssrc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends DTLS close_notify, as a browser does when its peer connection is closed. */
    void closeDtls() {
        try {
            peer.closeDtls();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next decrypted RTP packet received, or null after five seconds. */
    byte[] awaitRtp() {
        return awaitRtpWithin(TestPeer.TIMEOUT_MS);
    }

    /** The next decrypted RTP packet received within {@code millis}, or null. */
    byte[] awaitRtpWithin(long millis) {
        try {
            return peer.rtpReceived.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next decrypted RTCP packet received, or null after five seconds. */
    byte[] awaitRtcp() {
        try {
            return peer.awaitRtcp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        try {
            peer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

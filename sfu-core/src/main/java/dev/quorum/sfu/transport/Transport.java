package dev.quorum.sfu.transport;

import dev.quorum.sfu.transport.srtp.SrtpProfile;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * The secure media path to one peer connection: ICE-lite, DTLS-SRTP and SRTP over the shared
 * media port. Created by {@link MediaPort#createTransport}; see the package documentation for
 * threads and buffer ownership.
 */
public interface Transport {

    /** Events of one transport. Every method is called on the transport's {@link #eventLoop()}. */
    interface Listener {

        /** DTLS completed and SRTP keys are in place: media can be sent and will be received. */
        void onConnected();

        /**
         * A decrypted RTP packet, <b>borrowed</b>: valid only during the call, released by the
         * transport when it returns; retain it (or a retained slice) to keep it, for example to
         * pass it to {@link Transport#sendRtp}, which takes the reference it is given. The buffer
         * is a heap buffer with at least {@link MediaBuffers#TAILROOM} writable bytes, and nothing
         * else refers to it, so it may be rewritten in place.
         *
         * @param receivedAtNanos when the media port's socket read it, on the port's clock (not
         *     when it was decrypted or reached this loop: transport-wide feedback reports it)
         */
        void onRtp(ByteBuf packet, long receivedAtNanos);

        /** A decrypted RTCP compound packet, borrowed as in {@link #onRtp}. */
        void onRtcp(ByteBuf packet, long receivedAtNanos);

        /**
         * The transport closed, for the given reason; called once, also after a local
         * {@link Transport#close()}. {@link CloseReason#isFailure()} tells failures apart.
         */
        void onClosed(CloseReason reason);

        /** ICE selected a new tuple: the first one, a nomination, or the peer's new address. */
        default void onSelectedTupleChanged(IceTuple tuple) {}
    }

    /** A short identifier for logs. */
    String id();

    /** What the SDP answer needs: credentials, fingerprint, candidates. Changes after {@link #restartIce()}. */
    TransportDescription description();

    /** Where the listener is called and where sending costs nothing extra. */
    EventLoop eventLoop();

    TransportState state();

    /** The tuple media goes to, or null before ICE selected one. */
    IceTuple selectedTuple();

    /** The negotiated SRTP profile, or null before {@link TransportState#CONNECTED}. */
    SrtpProfile srtpProfile();

    /**
     * The {@code a=fingerprint} of the peer's latest SDP: for a transport created before it was
     * known (we sent the offer), and again with each later description. A DTLS handshake that
     * reaches the peer's certificate first waits for it, up to the handshake timeout. A value
     * other than the one the DTLS association was started with means the peer replaced its peer
     * connection: that association ends and a new one is made with the next ClientHello (media
     * keeps the old keys until then). Any thread.
     */
    void setRemoteFingerprint(DtlsFingerprint fingerprint);

    /**
     * Protects an RTP packet in place and sends it to the selected tuple. Takes ownership of
     * {@code packet}, also when it is dropped (counted in stage {@code transport_out}). The packet
     * should come from {@link MediaBuffers} (heap, with tailroom); any other buffer is copied
     * first. May be called from any thread; from {@link #eventLoop()} it allocates nothing.
     *
     * @return true if the packet was handed to the socket, false if it was dropped
     */
    boolean sendRtp(ByteBuf packet);

    /** Protects an RTCP compound packet in place and sends it; as {@link #sendRtp}. */
    boolean sendRtcp(ByteBuf packet);

    /**
     * New ICE credentials for an ICE restart (RFC 8445 §9): put them into the new answer. Checks
     * with the old credentials are still answered until the first check with the new ones.
     * Any thread.
     */
    IceCredentials restartIce();

    /** Closes the transport (DTLS close_notify if connected); the listener gets {@link CloseReason#CLOSED_LOCALLY}. Any thread. */
    void close();
}

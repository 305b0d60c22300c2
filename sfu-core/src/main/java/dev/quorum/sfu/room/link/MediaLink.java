package dev.quorum.sfu.room.link;

import dev.quorum.sfu.transport.TransportDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One peer connection's media transport as the forwarding engine uses it: ICE-lite, DTLS and
 * SRTP are behind it. Implemented over the media transport of {@code dev.quorum.sfu.transport};
 * tests implement it directly.
 */
public interface MediaLink {

    /** The server side of the transport for the SDP (ufrag, pwd, fingerprint, candidates). */
    TransportDescription description();

    /**
     * Sets (or changes, after a renegotiation) the fingerprint the client's DTLS certificate must
     * match; the handshake completes only once it is known.
     */
    void setRemoteFingerprint(String algorithm, String fingerprint);

    /** New ICE credentials; DTLS and SRTP continue. Returns the new description. */
    TransportDescription restartIce();

    /**
     * A buffer for one outgoing packet of up to {@code length} bytes with room for the SRTP tag
     * behind it, so protecting in place never reallocates.
     */
    ByteBuf allocate(int length);

    /** The allocator the link's buffers come from (for packets built by the RTCP writers). */
    ByteBufAllocator allocator();

    /**
     * Protects and sends one RTP packet to the selected address.
     *
     * @param packet a plain RTP packet from {@link #allocate}; <b>ownership passes to the link</b>,
     *               which releases it also when the packet cannot be sent
     * @return false if the packet was dropped (not connected, socket not writable)
     */
    boolean sendRtp(ByteBuf packet);

    /**
     * Protects and sends one (compound) RTCP packet.
     *
     * @param packet plain RTCP; <b>ownership passes to the link</b>
     * @return false if the packet was dropped
     */
    boolean sendRtcp(ByteBuf packet);

    /** True once DTLS completed and SRTP keys exist. */
    boolean connected();

    /** Closes the transport; the listener gets no further calls except {@code onClosed}. */
    void close();

    /**
     * What the link reports. Packet methods run on the link's event loop, which is the event
     * loop the room was given for it.
     */
    interface Listener {

        /** DTLS completed; media can flow. */
        void onConnected();

        /**
         * A decrypted RTP packet.
         *
         * @param packet       <b>borrowed</b>: valid only during the call; retain (or retained
         *                     slice) to keep any part of it
         * @param arrivalNanos arrival time on the {@link System#nanoTime()} clock
         */
        void onRtp(ByteBuf packet, long arrivalNanos);

        /**
         * A decrypted (compound) RTCP packet.
         *
         * @param packet <b>borrowed</b>: valid only during the call
         */
        void onRtcp(ByteBuf packet, long arrivalNanos);

        /**
         * The transport is gone.
         *
         * @param ending whether it failed or was ended on purpose, and by whom
         * @param reason for logs
         */
        void onClosed(Ending ending, String reason);
    }

    /** How a transport ended. */
    enum Ending {
        /** The connection failed: consent lost, no ICE, DTLS timeout, failure or fatal alert. */
        FAILED,
        /**
         * The client ended it on purpose (DTLS close_notify): it closed its peer connection, as a
         * browser does when the user leaves or closes the page.
         */
        CLOSED_BY_PEER,
        /** This server closed it (the link or the whole media port). */
        CLOSED_LOCALLY
    }
}

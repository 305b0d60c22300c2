/**
 * The media transport: ICE-lite, DTLS-SRTP and SRTP for every peer connection, on one UDP port
 * (and the same TCP port for ICE-TCP) shared by all rooms.
 *
 * <h2>Using it</h2>
 *
 * <pre>{@code
 * MediaPort port = new MediaPort(config, meterRegistry);
 * port.start().toCompletableFuture().join();
 *
 * // A peer connection: its offer carried a=fingerprint, so we know it now.
 * EventLoop roomLoop = port.eventLoops().next();            // one loop per room
 * Transport t = port.createTransport(DtlsFingerprint.parse("sha-256 AB:CD:…"), roomLoop, listener);
 * TransportDescription d = t.description();
 * // answer SDP: session a=ice-lite; per m-section every value of d.mediaAttributes():
 * //   a=ice-ufrag, a=ice-pwd, a=fingerprint, a=setup:passive, a=candidate…, a=end-of-candidates
 *
 * // When we send the offer (subscriber connection), create first and learn the fingerprint later:
 * Transport s = port.createTransport(roomLoop, listener);
 * s.setRemoteFingerprint(fingerprintFromTheAnswer);
 * }</pre>
 *
 * <p>We are always the ICE-lite agent (the browser is controlling and sends the checks) and always
 * the DTLS server ({@code a=setup:passive} in answers; offer {@code actpass} and browsers answer
 * {@code active}). Candidates are host candidates of the announced addresses, UDP and TCP passive.
 *
 * <h2>Threads</h2>
 *
 * <p>Every {@link dev.quorum.sfu.transport.Transport.Listener} method is called on the transport's
 * {@link dev.quorum.sfu.transport.Transport#eventLoop()}: the loop given to
 * {@code createTransport}, so all transports of a room can share one loop and the room needs no
 * locks. Packets read by another loop's socket are moved over through a bounded lock-free queue.
 * {@code sendRtp}/{@code sendRtcp}, {@code restartIce}, {@code setRemoteFingerprint} and
 * {@code close} may be called from any thread; sending from the transport's loop is the
 * allocation-free path. Each blocking DTLS handshake runs on a thread of its own (up to a limit,
 * beyond which a ClientHello is dropped and counted), never on an event loop; a peer silent
 * after our flight is abandoned after the silent-peer timeout.
 *
 * <h2>Buffers</h2>
 *
 * <ul>
 *   <li>{@code Listener.onRtp}/{@code onRtcp} <b>lend</b> the decrypted packet for the call; the
 *       transport releases it when the listener returns (the contract of the whole media path,
 *       see {@code dev.quorum.sfu.room}). It is a heap buffer with at least
 *       {@link dev.quorum.sfu.transport.MediaBuffers#TAILROOM} writable bytes, so a listener can
 *       {@code retain()} it into {@code sendRtp} (one receiver) or copy it with
 *       {@link dev.quorum.sfu.transport.MediaBuffers#copyOf} (each further receiver: protecting
 *       encrypts in place).</li>
 *   <li>{@code sendRtp}/{@code sendRtcp} <b>take ownership</b> of the reference they are given,
 *       also when the packet is dropped, as Netty's {@code write} does: the packet is queued to
 *       a socket. Allocate packets with {@link dev.quorum.sfu.transport.MediaBuffers#allocate};
 *       any other buffer (direct, or without tailroom) is copied first.</li>
 * </ul>
 *
 * <h2>Failure and bad input</h2>
 *
 * <p>Nothing on the packet path throws or logs per packet: every discarded packet increments
 * {@code quorum.packets.dropped} once, in one stage of the packet ledger ({@code port_in},
 * {@code transport_in}, {@code transport_out}, {@code dtls}; see {@code TransportMetrics}) with a
 * {@link dev.quorum.sfu.transport.DropReason}. DTLS and media
 * are accepted only from addresses (or ICE-TCP connections) a valid ICE check came from. A
 * transport ends once, with a {@link dev.quorum.sfu.transport.CloseReason} given to
 * {@code Listener.onClosed} and logged once: lost consent (RFC 7675), no ICE, DTLS timeout or
 * failure (certificate not matching the SDP fingerprint, no common SRTP profile), the peer's
 * close_notify or fatal alert, a local close, or the port closing.
 *
 * <p>Subpackages are the transport's internals, each usable and tested on its own:
 * {@code stun} (codec), {@code ice} (lite agent state and checks), {@code dtls} (bctls server),
 * {@code srtp} (jitsi-srtp contexts over Netty buffers).
 */
package dev.quorum.sfu.transport;

package dev.quorum.sfu.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.Recycler;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A datagram on its way out, in an envelope the sending thread reuses. Netty's UDP channels take a
 * {@link DatagramPacket} (only those go out in one {@code sendmmsg}), whose fields are final, and
 * release it once it is written or has failed. This one answers with its current packet and
 * address, and when that release frees the packet it returns itself to the pool: a forwarded
 * packet costs no envelope. Owns its packet from {@link #of} until then.
 */
final class OutgoingDatagram extends DatagramPacket {

    /** What the superclass holds; never read: every accessor is overridden. */
    private static final InetSocketAddress UNUSED = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

    private static final Recycler<OutgoingDatagram> POOL = new Recycler<>() {
        @Override
        protected OutgoingDatagram newObject(Handle<OutgoingDatagram> handle) {
            return new OutgoingDatagram(handle);
        }
    };

    private final Recycler.Handle<OutgoingDatagram> handle;
    private ByteBuf packet;
    private InetSocketAddress recipient;

    private OutgoingDatagram(Recycler.Handle<OutgoingDatagram> handle) {
        super(Unpooled.EMPTY_BUFFER, UNUSED);
        this.handle = handle;
    }

    /** An envelope for {@code packet} (ownership passes to it) to {@code recipient}. */
    static OutgoingDatagram of(ByteBuf packet, InetSocketAddress recipient) {
        OutgoingDatagram d = POOL.get();
        d.packet = packet;
        d.recipient = recipient;
        return d;
    }

    @Override
    public ByteBuf content() {
        return packet;
    }

    @Override
    public InetSocketAddress recipient() {
        return recipient;
    }

    @Override
    public InetSocketAddress sender() {
        return null;
    }

    @Override
    public int refCnt() {
        return packet == null ? 0 : packet.refCnt();
    }

    @Override
    public OutgoingDatagram retain() {
        packet.retain();
        return this;
    }

    @Override
    public OutgoingDatagram retain(int increment) {
        packet.retain(increment);
        return this;
    }

    @Override
    public OutgoingDatagram touch() {
        packet.touch();
        return this;
    }

    @Override
    public OutgoingDatagram touch(Object hint) {
        packet.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return release(1);
    }

    @Override
    public boolean release(int decrement) {
        boolean freed = packet.release(decrement);
        if (freed) {
            packet = null;
            recipient = null;
            handle.recycle(this);
        }
        return freed;
    }

    // Copies are plain datagrams: only the channel's own release may recycle this one.

    @Override
    public DatagramPacket copy() {
        return new DatagramPacket(packet.copy(), recipient);
    }

    @Override
    public DatagramPacket duplicate() {
        return new DatagramPacket(packet.duplicate(), recipient);
    }

    @Override
    public DatagramPacket retainedDuplicate() {
        return new DatagramPacket(packet.retainedDuplicate(), recipient);
    }

    @Override
    public DatagramPacket replace(ByteBuf content) {
        return new DatagramPacket(content, recipient);
    }

    @Override
    public String toString() {
        return "OutgoingDatagram(=> " + recipient + ", " + packet + ")";
    }
}

package dev.quorum.sfu.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The media port's sockets: UDP on the port (with epoll, one socket per event loop sharing the
 * port through SO_REUSEPORT, so the kernel spreads peers over loops; with NIO, one socket) and,
 * if enabled, a TCP listener on the same port number for ICE-TCP with RFC 4571 framing.
 */
final class MediaSockets implements AutoCloseable {

    private static final int MAX_DATAGRAM = 2048;

    // Given
    private final TransportConfig config;
    private final PacketRouter router;

    // Owned
    private final boolean epoll;
    private final EventLoopGroup group;
    private final List<UdpSocket> udp = new ArrayList<>();
    private Channel tcp;
    private int port;

    MediaSockets(TransportConfig config, PacketRouter router) {
        this.config = config;
        this.router = router;
        this.epoll = config.nativeTransport() && Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(
                config.eventLoops(),
                new DefaultThreadFactory("media"),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * Binds UDP (and TCP); blocks until bound. With port 0 the UDP port is picked by the kernel
     * and the TCP listener takes the same number, which another socket may already hold: then
     * another port is tried.
     */
    void bind() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                bindOnce();
                return;
            } catch (InterruptedException e) {
                closeChannels();
                throw e;
            } catch (Exception e) {
                // Netty rethrows the bind's IOException ("Address already in use") unchecked, so
                // catch it as an Exception.
                closeChannels();
                if (config.port() != 0 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private void bindOnce() throws InterruptedException {
        UdpMediaHandler handler = new UdpMediaHandler(router);
        int sockets = epoll ? config.eventLoops() : 1;
        int wanted = config.port();
        for (int i = 0; i < sockets; i++) {
            EventLoop loop = group.next();
            Bootstrap b = new Bootstrap()
                    .group(loop)
                    .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                    .option(ChannelOption.ALLOCATOR, MediaBuffers.ALLOCATOR)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, datagramAllocator())
                    .option(ChannelOption.SO_RCVBUF, config.receiveBufferBytes())
                    .option(ChannelOption.SO_SNDBUF, config.sendBufferBytes())
                    .handler(handler);
            if (epoll) {
                b.option(UnixChannelOption.SO_REUSEPORT, true);
            }
            Channel ch = b.bind(address(wanted)).sync().channel();
            if (wanted == 0) {
                wanted = ((InetSocketAddress) ch.localAddress()).getPort();
            }
            udp.add(new UdpSocket(ch));
        }
        port = wanted;
        if (config.tcp()) {
            tcp = new ServerBootstrap()
                    .group(group, group)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.ALLOCATOR, MediaBuffers.ALLOCATOR)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_SNDBUF, config.sendBufferBytes())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2))
                                    .addLast(new LengthFieldPrepender(2))
                                    .addLast(new IceTcpHandler(router, config.consentTimeout()));
                        }
                    })
                    .bind(address(port))
                    .sync()
                    .channel();
        }
    }

    private void closeChannels() {
        for (UdpSocket socket : udp) {
            socket.channel.close().syncUninterruptibly();
        }
        udp.clear();
        if (tcp != null) {
            tcp.close().syncUninterruptibly();
            tcp = null;
        }
    }

    /**
     * One datagram per buffer. A datagram shorter than its buffer is not a sign that the socket is
     * drained, and with edge-triggered epoll a read loop that stopped early would not be woken
     * again until the next datagram: keep reading until the socket says it is empty.
     */
    private static FixedRecvByteBufAllocator datagramAllocator() {
        FixedRecvByteBufAllocator a = new FixedRecvByteBufAllocator(MAX_DATAGRAM);
        a.respectMaybeMoreData(false);
        return a;
    }

    private InetSocketAddress address(int p) {
        return config.bindAddress() == null ? new InetSocketAddress(p) : new InetSocketAddress(config.bindAddress(), p);
    }

    /**
     * Sends a packet to a tuple. Takes ownership of {@code packet}. UDP goes out of the socket
     * of the calling event loop when there is one (same local port, no task hand-off), written
     * now and flushed once at the end of the loop's turn: every packet the turn sends (a read
     * batch forwarded to all its subscribers, a timer's reports) leaves in one {@code sendmmsg}
     * instead of one {@code sendto} each. From any other thread it is written and flushed at once.
     */
    void send(IceTuple tuple, ByteBuf packet) {
        if (tuple instanceof TcpTuple t) {
            Channel ch = t.channel();
            ch.writeAndFlush(packet, ch.voidPromise());
            return;
        }
        UdpSocket socket = udpSocketForCurrentThread();
        DatagramPacket datagram = new DatagramPacket(direct(packet), tuple.remoteAddress());
        if (socket == null) {
            Channel ch = udp.get(0).channel;
            ch.writeAndFlush(datagram, ch.voidPromise());
        } else {
            socket.write(datagram);
        }
    }

    /**
     * The packet in a direct buffer, which is what the kernel is given. Netty's epoll and NIO
     * channels would copy a heap buffer into one themselves, and wrap it in a second envelope to
     * do so (24 B per datagram); copying it here leaves one envelope. Takes ownership of {@code
     * packet}.
     */
    private static ByteBuf direct(ByteBuf packet) {
        if (packet.isDirect()) {
            return packet;
        }
        try {
            int length = packet.readableBytes();
            ByteBuf direct = MediaBuffers.ALLOCATOR.directBuffer(length, length);
            direct.writeBytes(packet, packet.readerIndex(), length);
            return direct;
        } finally {
            packet.release();
        }
    }

    private UdpSocket udpSocketForCurrentThread() {
        for (int i = 0; i < udp.size(); i++) {
            UdpSocket socket = udp.get(i);
            if (socket.loop.inEventLoop()) {
                return socket;
            }
        }
        return null;
    }

    /**
     * One UDP socket and its pending flush. Touched only on its own event loop: the flush task
     * is queued by the turn's first write and runs after the turn's I/O and earlier tasks.
     */
    private static final class UdpSocket implements Runnable {
        final Channel channel;
        final EventLoop loop;
        private boolean flushQueued;

        UdpSocket(Channel channel) {
            this.channel = channel;
            this.loop = channel.eventLoop();
        }

        void write(DatagramPacket datagram) {
            channel.write(datagram, channel.voidPromise());
            if (!flushQueued) {
                flushQueued = true;
                loop.execute(this);
            }
        }

        /** The flush at the end of the turn. */
        @Override
        public void run() {
            flushQueued = false;
            channel.flush();
        }
    }

    EventLoopGroup group() {
        return group;
    }

    boolean isEpoll() {
        return epoll;
    }

    int port() {
        return port;
    }

    /** The bound local addresses: each UDP socket, then the TCP listener. */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("udp " + udp.get(0).channel.localAddress() + (udp.size() > 1 ? " (" + udp.size() + " sockets)" : ""));
        if (tcp != null) {
            out.add("tcp " + tcp.localAddress());
        }
        return out;
    }

    /** Closes the sockets and stops the event loops. */
    @Override
    public void close() {
        closeChannels();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

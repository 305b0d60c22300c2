package dev.quorum.sfu.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands every datagram of a media UDP socket to the router. Shared by all UDP sockets. */
@ChannelHandler.Sharable
final class UdpMediaHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(UdpMediaHandler.class);

    private final PacketRouter router;

    UdpMediaHandler(PacketRouter router) {
        this.router = router;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet) {
            router.onUdp(packet);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP errors surface here as PortUnreachableException when a peer went away.
        LOG.debug("Media UDP socket {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}

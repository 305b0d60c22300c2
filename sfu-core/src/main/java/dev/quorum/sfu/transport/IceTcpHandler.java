package dev.quorum.sfu.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One passive ICE-TCP connection (RFC 6544): RFC 4571 frames (split by the frame decoder ahead
 * of this handler) go to the router with this connection as their tuple. A connection on which
 * no valid ICE check arrives within the consent timeout is closed.
 */
final class IceTcpHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(IceTcpHandler.class);

    private final PacketRouter router;
    private final Duration authenticationTimeout;
    private TcpTuple tuple;
    private ScheduledFuture<?> unauthenticatedClose;

    IceTcpHandler(PacketRouter router, Duration authenticationTimeout) {
        this.router = router;
        this.authenticationTimeout = authenticationTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        tuple = new TcpTuple(ctx.channel());
        unauthenticatedClose = ctx.executor()
                .schedule(
                        () -> {
                            if (tuple.owner() == null) {
                                ctx.close();
                            }
                        },
                        authenticationTimeout.toNanos(),
                        TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf frame && tuple != null) {
            router.onTcp(frame, tuple);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (unauthenticatedClose != null) {
            unauthenticatedClose.cancel(false);
        }
        if (tuple != null) {
            router.onTcpClosed(tuple);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("ICE-TCP connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}

package dev.quorum.sfu.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A stand-in for the forwarding engine: records what the transport delivers (decrypted) and on
 * which thread, and sends each RTP and RTCP packet straight back to the peer, in the same buffer.
 */
final class EchoListener implements Transport.Listener {

    volatile Transport transport;
    final CompletableFuture<Void> connected = new CompletableFuture<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    final BlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> rtcp = new LinkedBlockingQueue<>();
    final List<IceTuple> selections = new CopyOnWriteArrayList<>();
    final List<String> wrongThread = new CopyOnWriteArrayList<>();
    volatile boolean echo = true;

    private void onLoop(String what) {
        Transport t = transport;
        if (t != null && !t.eventLoop().inEventLoop()) {
            wrongThread.add(what + " on " + Thread.currentThread().getName());
        }
    }

    @Override
    public void onConnected() {
        onLoop("onConnected");
        connected.complete(null);
    }

    @Override
    public void onRtp(ByteBuf packet, long receivedAtNanos) {
        onLoop("onRtp");
        rtp.add(ByteBufUtil.getBytes(packet));
        if (echo) {
            transport.sendRtp(packet.retain()); // borrowed: the send takes a reference of its own
        }
    }

    @Override
    public void onRtcp(ByteBuf packet, long receivedAtNanos) {
        onLoop("onRtcp");
        rtcp.add(ByteBufUtil.getBytes(packet));
        if (echo) {
            transport.sendRtcp(packet.retain());
        }
    }

    @Override
    public void onClosed(CloseReason reason) {
        onLoop("onClosed");
        closed.complete(reason);
    }

    @Override
    public void onSelectedTupleChanged(IceTuple tuple) {
        onLoop("onSelectedTupleChanged");
        selections.add(tuple);
    }
}

package dev.quorum.rtp.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Receives the RTP packets a sender process streams to a loopback UDP port, reading while the
 * process runs so that the socket buffer never overflows.
 */
public final class RtpReceiver {

    private static final long TIMEOUT_NANOS = 120_000_000_000L;

    private RtpReceiver() {}

    /**
     * Binds a loopback port, starts the sender for it, and returns every datagram received until
     * the sender exits.
     *
     * @param sender starts the sending process given the port; its stderr goes to {@code log}
     */
    public static List<byte[]> receive(IntFunction<Process> sender, Path log) {
        List<byte[]> packets = new ArrayList<>();
        try (DatagramChannel channel = DatagramChannel.open();
                Selector selector = Selector.open()) {
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            Process process = sender.apply(port);
            ByteBuffer datagram = ByteBuffer.allocate(65536);
            long deadline = System.nanoTime() + TIMEOUT_NANOS;
            while (true) {
                boolean exited = !process.isAlive();
                selector.select(20);
                selector.selectedKeys().clear();
                while (channel.receive(datagram.clear()) != null) {
                    datagram.flip();
                    packets.add(Arrays.copyOf(datagram.array(), datagram.limit()));
                }
                if (exited) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    fail("sender did not finish in time");
                }
            }
            Ffmpeg.awaitSuccess(process, log, "RTP sender");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return packets;
    }
}

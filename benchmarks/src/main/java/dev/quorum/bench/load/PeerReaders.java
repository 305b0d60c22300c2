package dev.quorum.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The client peers' sockets, read by a few threads, each draining whichever of its sockets are
 * ready. With a blocking thread per socket, every datagram the server sent woke a sleeping thread
 * of its own, and on loopback that wake-up (and the preemption it causes on a 2-core machine) is
 * charged to the server's sending thread: the server's CPU figure measured the generator's thread
 * count. Remote receivers cost a sender nothing of the kind.
 */
final class PeerReaders implements AutoCloseable {

    /** What a reader hands on: a datagram in a buffer the reader reuses, borrowed for the call. */
    interface Handler {
        void onDatagram(ByteBuf datagram);
    }

    private final Reader[] readers;
    private int next;

    PeerReaders(int threads) {
        readers = new Reader[threads];
        for (int i = 0; i < threads; i++) {
            readers[i] = new Reader("load-reader-" + (i + 1));
        }
    }

    /** Reads {@code channel} (non-blocking, connected) on one of the threads from now on. */
    synchronized void register(DatagramChannel channel, Handler handler) {
        readers[next++ % readers.length].register(channel, handler);
    }

    @Override
    public void close() {
        for (Reader r : readers) {
            r.close();
        }
    }

    private record Registration(DatagramChannel channel, Handler handler) {}

    private static final class Reader implements Runnable {
        private final Selector selector;
        private final Queue<Registration> pending = new ConcurrentLinkedQueue<>();
        private final Thread thread;
        private volatile boolean closed;

        Reader(String name) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        void register(DatagramChannel channel, Handler handler) {
            pending.add(new Registration(channel, handler));
            selector.wakeup();
        }

        @Override
        public void run() {
            byte[] array = new byte[2048];
            ByteBuffer in = ByteBuffer.wrap(array);
            ByteBuf view = Unpooled.wrappedBuffer(array);
            try {
                while (!closed) {
                    selector.select();
                    for (Registration r; (r = pending.poll()) != null; ) {
                        try {
                            r.channel().register(selector, SelectionKey.OP_READ, r.handler());
                        } catch (IOException closedAlready) {
                            // The peer closed before its first read.
                        }
                    }
                    Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                    while (ready.hasNext()) {
                        SelectionKey key = ready.next();
                        ready.remove();
                        drain(key, in, view);
                    }
                }
            } catch (IOException | ClosedSelectorException e) {
                // Closing.
            } finally {
                view.release();
            }
        }

        private static void drain(SelectionKey key, ByteBuffer in, ByteBuf view) {
            DatagramChannel channel = (DatagramChannel) key.channel();
            Handler handler = (Handler) key.attachment();
            try {
                while (true) {
                    in.clear();
                    int length = channel.read(in);
                    if (length <= 0) {
                        return;
                    }
                    view.setIndex(0, length);
                    handler.onDatagram(view);
                }
            } catch (IOException e) {
                // Closed, or an ICMP error from a server that went away: stop reading it.
                key.cancel();
            }
        }

        void close() {
            closed = true;
            selector.wakeup();
            try {
                thread.join(2000);
                selector.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // Nothing left to release.
            }
        }
    }
}

package dev.quorum.signaling.testing;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Copies IP packets between two TUN devices, one in a participant's namespace and one on this host,
 * holding each for a delay and jitter of its direction and dropping a share at random: how {@link
 * NetLab}'s relayed links delay packets on a kernel without {@code netem}, whose traffic control
 * cannot.
 *
 * <p>One thread per relay polls both devices and writes each held packet out at its release time.
 * The jitter is uniform in {@code delay ± jitter} (not below 0), so it stays within its stated
 * bounds; a packet is never released before the one read ahead of it in its direction (a path's
 * jitter does not reorder a flow), so once packets come closer together than the jitter spans, the
 * later ones wait for the earlier and the delay leans towards its upper bound. Linux on x86-64 or
 * arm64 only (the constants below).
 */
final class TunRelay implements AutoCloseable {

    /** Delay, jitter and loss of one direction; changes apply to packets read after them. */
    record Impairment(double delayMs, double jitterMs, double lossPercent) {
        static final Impairment NONE = new Impairment(0, 0, 0);

        Impairment withDelay(double delay, double jitter) {
            return new Impairment(delay, jitter, lossPercent);
        }

        Impairment withLoss(double percent) {
            return new Impairment(delayMs, jitterMs, percent);
        }
    }

    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;
    private static final short POLLIN = 0x0001;
    private static final int EINTR = 4;
    // How long close() waits at most for the thread to notice, through poll()'s timeout: a read
    // blocked on a TUN device does not return when another thread closes its descriptor.
    private static final int POLL_MS = 50;
    private static final int MAX_PACKET = 65_536;

    /** libc through JNA's direct mapping; an error is -1 and {@link Native#getLastError}. */
    private static final class LibC {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int open(String path, int flags);

        // Variadic in C; on x86-64 and arm64 Linux a pointer passed as a fixed argument arrives
        // where ioctl reads it.
        static native int ioctl(int fd, NativeLong request, Pointer arg);

        static native NativeLong read(int fd, Pointer buffer, NativeLong count);

        static native NativeLong write(int fd, byte[] buffer, NativeLong count);

        static native int poll(Pointer fds, NativeLong count, int timeoutMs);

        static native int close(int fd);

        static native String strerror(int errno);
    }

    /**
     * Creates the layer-3 TUN device {@code name} (IP packets, no packet-information header) in
     * this process's namespace and returns its descriptor. The device lives while the descriptor is
     * open, also when moved to another namespace.
     */
    private static int open(String name) {
        int fd = LibC.open("/dev/net/tun", O_RDWR | O_CLOEXEC);
        if (fd < 0) {
            throw error("open /dev/net/tun");
        }
        Memory ifreq = new Memory(40); // struct ifreq: the name, then the flags at offset 16
        ifreq.clear();
        ifreq.setString(0, name, "US-ASCII");
        ifreq.setShort(16, (short) (IFF_TUN | IFF_NO_PI));
        if (LibC.ioctl(fd, new NativeLong(TUNSETIFF), ifreq) < 0) {
            IllegalStateException e = error("TUNSETIFF " + name);
            LibC.close(fd);
            throw e;
        }
        return fd;
    }

    private static IllegalStateException error(String what) {
        int errno = Native.getLastError();
        return new IllegalStateException(what + " failed: " + LibC.strerror(errno) + " (errno " + errno
                + "; NetLab's relayed links need root and /dev/net/tun)");
    }

    /** One direction: packets read from {@code from}, held, written to {@code to}. */
    private static final class Leg {
        final int from;
        final int to;
        final ArrayDeque<Held> held = new ArrayDeque<>();
        volatile Impairment impairment = Impairment.NONE;
        long lastReleaseNanos = System.nanoTime();

        Leg(int from, int to) {
            this.from = from;
            this.to = to;
        }

        void arrived(byte[] packet, long now) {
            Impairment i = impairment;
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (i.lossPercent() > 0 && random.nextDouble(100) < i.lossPercent()) {
                return;
            }
            double ms = i.delayMs();
            if (i.jitterMs() > 0) {
                ms += random.nextDouble(-i.jitterMs(), i.jitterMs());
            }
            long release = now + (long) (Math.max(0, ms) * 1e6);
            if (release - lastReleaseNanos < 0) {
                release = lastReleaseNanos;
            }
            lastReleaseNanos = release;
            held.add(new Held(packet, release));
        }

        /** Writes what is due; returns the nanoseconds until the next release, or -1 for none. */
        long release(long now) {
            Held h;
            while ((h = held.peek()) != null && h.releaseNanos - now <= 0) {
                held.poll();
                // A packet the device refuses (it is down, say) is lost, as on a real network.
                LibC.write(to, h.packet, new NativeLong(h.packet.length));
            }
            return h == null ? -1 : h.releaseNanos - now;
        }
    }

    private record Held(byte[] packet, long releaseNanos) {}

    private final int namespaceFd;
    private final int hostFd;
    private final Leg uplink;
    private final Leg downlink;
    private final Thread thread;
    private volatile boolean closing;
    private boolean closed;
    private volatile Throwable failure;

    /**
     * Creates the devices {@code namespaceDevice} and {@code hostDevice}, both in this process's
     * namespace (the caller moves the first), and starts relaying between them on a thread named
     * {@code name}; the relay owns the devices until {@link #close}.
     */
    TunRelay(String namespaceDevice, String hostDevice, String name) {
        this.hostFd = open(hostDevice);
        try {
            this.namespaceFd = open(namespaceDevice);
        } catch (RuntimeException e) {
            LibC.close(hostFd);
            throw e;
        }
        this.uplink = new Leg(namespaceFd, hostFd);
        this.downlink = new Leg(hostFd, namespaceFd);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void uplinkDelay(double delayMs, double jitterMs) {
        uplink.impairment = uplink.impairment.withDelay(delayMs, jitterMs);
    }

    synchronized void downlinkDelay(double delayMs, double jitterMs) {
        downlink.impairment = downlink.impairment.withDelay(delayMs, jitterMs);
    }

    synchronized void loss(double downPercent, double upPercent) {
        downlink.impairment = downlink.impairment.withLoss(downPercent);
        uplink.impairment = uplink.impairment.withLoss(upPercent);
    }

    private void run() {
        Memory fds = new Memory(16); // two struct pollfd {int fd; short events; short revents;}
        fds.setInt(0, namespaceFd);
        fds.setShort(4, POLLIN);
        fds.setInt(8, hostFd);
        fds.setShort(12, POLLIN);
        Memory buffer = new Memory(MAX_PACKET);
        NativeLong two = new NativeLong(2);
        NativeLong size = new NativeLong(MAX_PACKET);
        try {
            while (!closing) {
                long now = System.nanoTime();
                long next = sooner(uplink.release(now), downlink.release(now));
                // Rounded up: a packet leaves at most a millisecond late, never early.
                int timeout = next < 0 ? POLL_MS : (int) Math.min(POLL_MS, (next + 999_999) / 1_000_000);
                fds.setShort(6, (short) 0);
                fds.setShort(14, (short) 0);
                if (LibC.poll(fds, two, timeout) < 0) {
                    if (Native.getLastError() == EINTR) {
                        continue;
                    }
                    throw error("poll");
                }
                receive(fds.getShort(6), uplink, buffer, size);
                receive(fds.getShort(14), downlink, buffer, size);
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private static void receive(short revents, Leg leg, Memory buffer, NativeLong size) {
        if (revents == 0) {
            return;
        }
        if ((revents & POLLIN) == 0) {
            throw new IllegalStateException("TUN device failed (poll events " + revents + ")");
        }
        long n = LibC.read(leg.from, buffer, size).longValue();
        if (n < 0) {
            throw error("read");
        }
        leg.arrived(buffer.getByteArray(0, (int) n), System.nanoTime());
    }

    private static long sooner(long a, long b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /**
     * Stops the thread, then closes both descriptors, which removes both devices; throws if the
     * relay had stopped on an error before.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // Closing descriptors under a thread still using them could hand their numbers to
            // someone else's file; leave them to the process's exit.
            throw new IllegalStateException(thread.getName() + " did not stop");
        }
        closed = true;
        LibC.close(namespaceFd);
        LibC.close(hostFd);
        if (failure != null) {
            throw new IllegalStateException(thread.getName() + " had stopped", failure);
        }
    }
}

package dev.quorum.composer.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threads of one composition. The first to fail records its error and interrupts the others,
 * so nobody waits forever on a stage that died.
 */
final class Workers {

    /** A stage body that may be interrupted. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private final String prefix;
    /** A live composition's follower starts readers while the others run and are joined. */
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Workers(String prefix) {
        this.prefix = prefix;
    }

    void start(String name, Body body) {
        Thread t = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (InterruptedException e) {
                        if (failure.get() == null) {
                            fail(e);
                        }
                    } catch (Throwable e) {
                        fail(e);
                    }
                },
                prefix + "-" + name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Starts a plain runnable that handles its own errors (the source readers). */
    void startQuiet(String name, Runnable body) {
        Thread t = new Thread(body, prefix + "-" + name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        if (failure.get() != null) {
            // Started after a failure interrupted the others: stop it too.
            t.interrupt();
        }
    }

    void fail(Throwable e) {
        if (failure.compareAndSet(null, e)) {
            threads.forEach(Thread::interrupt);
        }
    }

    /** Waits for every thread; if the caller is interrupted, interrupts them all and keeps waiting. */
    void joinAll() {
        boolean interrupted = false;
        for (int i = 0; i < threads.size(); i++) {
            Thread t = threads.get(i);
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    fail(new InterruptedException("composition cancelled"));
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    Throwable failure() {
        return failure.get();
    }
}

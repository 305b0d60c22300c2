package dev.quorum.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What has been started, to be closed in reverse: each assembly registers a component as soon as
 * it runs, so a start that fails half-way still closes what it opened.
 */
final class Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private record Entry(String name, AutoCloseable component) {}

    private final Deque<Entry> started = new ArrayDeque<>();

    /** Registers a started component; it is closed before everything registered earlier. */
    synchronized void started(String name, AutoCloseable component) {
        started.push(new Entry(name, component));
    }

    /** Closes every component, last started first; a failing close is logged and the rest go on. */
    synchronized void closeAll() {
        while (!started.isEmpty()) {
            Entry e = started.pop();
            try {
                e.component().close();
            } catch (Exception ex) {
                LOG.warn("Error while stopping {}", e.name(), ex);
            }
        }
    }

    /**
     * Forgets a component without closing it, and everything started after it: an unclean stop,
     * as a killed process leaves behind. For restart tests.
     */
    synchronized void abandon(String name) {
        while (!started.isEmpty()) {
            if (started.pop().name().equals(name)) {
                return;
            }
        }
    }
}

package dev.quorum.sfu.transport.ice;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tuple-selection and consent state of an ICE-lite agent (RFC 8445 §2.5, §7.3; RFC 7675),
 * kept apart from sockets and timers: callers pass the time of each event in nanoseconds.
 *
 * <p>A lite agent sends no checks. Every authenticated Binding request adds its source tuple
 * to the valid set; media is accepted only from valid tuples. The first valid tuple is selected
 * at once (the peer, being controlling, will nominate); a check with USE-CANDIDATE selects its
 * tuple ("nominated"). A later valid tuple also takes over when the selected one has gone
 * quiet for longer than {@code staleAfterNanos}: that is a peer whose address changed (NAT
 * rebinding, network switch) and whose checks now arrive from somewhere else.
 *
 * <p>Consent (RFC 7675): each valid check on the selected tuple refreshes consent; when none
 * arrives for {@code consentTimeoutNanos} the transport must stop sending and close. Before any
 * tuple is selected the same timeout runs from creation.
 *
 * <p>Not thread-safe: one transport's event loop owns it.
 *
 * @param <T> the tuple type (a UDP source address or a TCP connection), compared with equals
 */
public final class IceLiteAgent<T> {

    // Given
    private final long consentTimeoutNanos;
    private final long staleAfterNanos;
    private final int maxTuples;

    // Owned
    private final Map<T, Long> lastCheckNanos = new LinkedHashMap<>();
    private T selected;
    private boolean everSelected;
    private boolean nominated;
    private long lastConsentNanos;

    /**
     * @param consentTimeoutNanos how long without a valid check before consent is lost
     * @param staleAfterNanos     how long the selected tuple may be silent before another valid
     *                            tuple takes over without nomination
     * @param maxTuples           valid tuples remembered; the oldest unselected one is forgotten
     * @param nowNanos            creation time
     */
    public IceLiteAgent(long consentTimeoutNanos, long staleAfterNanos, int maxTuples, long nowNanos) {
        if (consentTimeoutNanos <= 0 || staleAfterNanos <= 0 || maxTuples < 1) {
            throw new IllegalArgumentException("timeouts must be positive and at least one tuple kept");
        }
        this.consentTimeoutNanos = consentTimeoutNanos;
        this.staleAfterNanos = staleAfterNanos;
        this.maxTuples = maxTuples;
        this.lastConsentNanos = nowNanos;
    }

    /**
     * Records an authenticated Binding request from {@code tuple}.
     *
     * @return true when this check changed the selected tuple
     */
    public boolean onValidCheck(T tuple, boolean useCandidate, long nowNanos) {
        Objects.requireNonNull(tuple, "tuple");
        remember(tuple, nowNanos);
        if (tuple.equals(selected)) {
            lastConsentNanos = nowNanos;
            nominated |= useCandidate;
            return false;
        }
        boolean switchTo = selected == null
                || useCandidate
                || nowNanos - lastCheckNanos.getOrDefault(selected, Long.MIN_VALUE / 2) > staleAfterNanos;
        if (!switchTo) {
            return false;
        }
        selected = tuple;
        everSelected = true;
        nominated = useCandidate;
        lastConsentNanos = nowNanos;
        return true;
    }

    private void remember(T tuple, long nowNanos) {
        lastCheckNanos.remove(tuple);
        lastCheckNanos.put(tuple, nowNanos);
        if (lastCheckNanos.size() > maxTuples) {
            Iterator<T> it = lastCheckNanos.keySet().iterator();
            while (it.hasNext()) {
                T oldest = it.next();
                if (!oldest.equals(selected) && !oldest.equals(tuple)) {
                    it.remove();
                    break;
                }
            }
        }
    }

    /**
     * Forgets a tuple that can no longer carry packets (its TCP connection closed). If it was
     * selected, the most recently checked remaining tuple is selected instead, if any.
     *
     * @return true when the selected tuple changed
     */
    public boolean forget(T tuple) {
        if (lastCheckNanos.remove(tuple) == null || !tuple.equals(selected)) {
            return false;
        }
        selected = null;
        nominated = false;
        for (T t : lastCheckNanos.keySet()) {
            selected = t; // insertion order is check order: the last one wins
        }
        return true;
    }

    /** Whether an authenticated check came from {@code tuple} (and it was not forgotten since). */
    public boolean isValid(T tuple) {
        return lastCheckNanos.containsKey(tuple);
    }

    /** The tuple media is sent to, or null before the first valid check. */
    public T selected() {
        return selected;
    }

    /** Whether the peer nominated the selected tuple with USE-CANDIDATE. */
    public boolean isNominated() {
        return nominated;
    }

    /** Whether consent is lost: no valid check on the selected tuple (or at all) for the timeout. */
    public boolean isConsentExpired(long nowNanos) {
        return nowNanos - lastConsentNanos > consentTimeoutNanos;
    }

    /** Whether any tuple was ever selected; tells an ICE timeout from lost consent. */
    public boolean wasEverSelected() {
        return everSelected;
    }

    /** The valid tuples, oldest check first. */
    public List<T> validTuples() {
        return new ArrayList<>(lastCheckNanos.keySet());
    }
}

package dev.quorum.composer.engine;

/**
 * A composition that could not be produced, with a reason fit to show the user (the REST
 * {@code composition-failed} event's {@code ErrorMessage}). No partial output is left behind.
 */
public final class CompositionFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public CompositionFailedException(String reason) {
        super(reason);
    }

    public CompositionFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

package dev.quorum.storage;

/** A row would break a uniqueness rule (e.g. a hook's friendly name within its account). */
public final class DuplicateException extends StoreException {

    private static final long serialVersionUID = 1L;

    public DuplicateException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.quorum.storage;

/**
 * The metadata store could not do what was asked: the database is unreachable, a statement
 * failed, or the schema is newer than this server. Callers on the request path answer 500 (or
 * retry); the message says what failed.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

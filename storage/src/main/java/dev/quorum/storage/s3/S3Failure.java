package dev.quorum.storage.s3;

import java.io.IOException;

/**
 * A request to an S3-compatible store failed. {@link #permanent()} tells a failure that retrying
 * cannot cure (no such bucket, access denied, bad credentials) from one that may pass later
 * (unreachable, timeouts, 5xx).
 */
public final class S3Failure extends IOException {

    private final boolean permanent;

    public S3Failure(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}

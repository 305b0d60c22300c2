package dev.quorum.storage.upload;

/** Where an upload goes. */
public enum Destination {
    /** The server's own store: the shared bucket when servers share one, else this node's disk. */
    SERVER,
    /** An account's own bucket (external storage settings, or an archive project's target). */
    EXTERNAL;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

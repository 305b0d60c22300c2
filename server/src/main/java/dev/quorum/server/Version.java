package dev.quorum.server;

/** The product version, from the jar manifest when packaged. */
final class Version {

    private Version() {}

    static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}

package dev.quorum.sfu.transport.srtp;

import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses jitsi-srtp's AES implementation once per process. With libcrypto.so.3 (Debian
 * {@code libssl3}) present, jitsi-srtp's OpenSSL provider is forced: AES-GCM through OpenSSL is
 * several times faster than SunJCE, and forcing it skips jitsi-srtp's start-up benchmark.
 * Without it jitsi-srtp would silently fall back to the JDK's providers; we warn once.
 */
public final class SrtpCrypto {

    private static final Logger LOG = LoggerFactory.getLogger(SrtpCrypto.class);
    private static volatile String provider;

    private SrtpCrypto() {}

    /** Configures jitsi-srtp (first call only) and returns the provider in use: "OpenSSL" or "JCA". */
    public static synchronized String initialize() {
        if (provider == null) {
            if (JitsiOpenSslProvider.isLoaded()) {
                Aes.setFactoryClassName("OpenSSL");
                provider = "OpenSSL";
            } else {
                LOG.warn("jitsi-srtp's OpenSSL provider did not load (is libssl3 installed?); "
                        + "SRTP falls back to the JDK's AES, several times slower");
                provider = "JCA";
            }
        }
        return provider;
    }
}

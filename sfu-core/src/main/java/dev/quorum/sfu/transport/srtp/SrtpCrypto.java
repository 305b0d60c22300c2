package dev.quorum.sfu.transport.srtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.ThreadLocalRandom;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses jitsi-srtp's AES implementation once per process. With libcrypto.so.3 (Debian
 * {@code libssl3}) present, jitsi-srtp's OpenSSL provider is forced: AES-GCM through OpenSSL is
 * several times faster than SunJCE, and forcing it skips jitsi-srtp's start-up benchmark.
 * Without it jitsi-srtp would silently fall back to the JDK's providers; we warn once.
 *
 * <p>It also sets jitsi-srtp up before the first call rather than during it: jitsi-srtp builds its
 * cipher factories when it creates its first cipher, and one of them constructs a Bouncy Castle
 * provider whose elliptic-curve tables take 0.2–0.7 s on a cold JVM. Left to itself that happens
 * on the first SRTP packet of the first call, on a media event loop, stalling every transport on
 * that loop; a publisher whose start-up bandwidth probes are stalled discards them and ramps up
 * slowly for seconds.
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
            warmUp();
        }
        return provider;
    }

    /** One RTP packet of each profile through a throwaway pair of sessions. */
    private static void warmUp() {
        long started = System.nanoTime();
        for (SrtpProfile profile : SrtpProfile.values()) {
            byte[] material = new byte[profile.keyingMaterialLength()];
            ThreadLocalRandom.current().nextBytes(material);
            ByteBuf packet = Unpooled.buffer(12 + 160 + SrtpSession.MAX_OVERHEAD);
            try (SrtpSession client =
                            new SrtpSession(SrtpKeys.fromKeyingMaterial(profile, material.clone()), false, 1);
                    SrtpSession server = new SrtpSession(SrtpKeys.fromKeyingMaterial(profile, material), true, 1)) {
                packet.writeByte(0x80)
                        .writeByte(111)
                        .writeShort(1)
                        .writeInt(160)
                        .writeInt(1)
                        .writeZero(160);
                SrtpResult sent = client.protectRtp(packet);
                SrtpResult received = sent == SrtpResult.OK ? server.unprotectRtp(packet) : sent;
                if (received != SrtpResult.OK) {
                    LOG.warn("SRTP self-test with {} failed: {}", profile, received);
                }
            } finally {
                packet.release();
            }
        }
        LOG.debug("jitsi-srtp set up in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}

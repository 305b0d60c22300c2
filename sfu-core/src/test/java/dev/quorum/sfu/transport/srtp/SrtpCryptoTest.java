package dev.quorum.sfu.transport.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jitsi.srtp.crypto.Aes;
import org.junit.jupiter.api.Test;

class SrtpCryptoTest {

    /**
     * In a JVM of its own (this one may have made ciphers already): jitsi-srtp's cipher factories,
     * whose construction takes up to 0.7 s on a cold JVM, are built by {@code initialize()} at the
     * port's start, not by the first SRTP packet of the first call on a media event loop.
     */
    @Test
    void jitsiSrtpIsSetUpWhenThePortStartsNotOnTheFirstPacketOfACall() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("cipher factories before: not built").contains("cipher factories after: built");
    }

    /** Reports whether jitsi-srtp has built its cipher factories before and after initializing. */
    static final class Probe {
        public static void main(String[] args) throws Exception {
            Field factories = Aes.class.getDeclaredField("factories");
            factories.setAccessible(true);
            System.out.println("cipher factories before: " + (factories.get(null) == null ? "not built" : "built"));
            SrtpCrypto.initialize();
            System.out.println("cipher factories after: " + (factories.get(null) == null ? "not built" : "built"));
        }
    }
}

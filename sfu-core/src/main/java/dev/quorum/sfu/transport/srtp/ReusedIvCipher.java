package dev.quorum.sfu.transport.srtp;

import java.lang.reflect.Field;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jitsi.srtp.BaseSrtpCryptoContext;
import org.jitsi.srtp.crypto.SrtpCipher;
import org.jitsi.srtp.crypto.SrtpCipherCtr;
import org.jitsi.srtp.crypto.SrtpCipherGcm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jitsi-srtp's AES ciphers without their per-packet garbage. jitsi-srtp's {@code SrtpCipherGcm}
 * and {@code SrtpCipherCtr} hand every packet's IV to the JCA {@link Cipher} in a new
 * {@link GCMParameterSpec} or {@link IvParameterSpec}; the spec copies the IV and the provider
 * copies it again through {@code getIV()}: 64 B per packet, most of what the forwarding path
 * allocated. This cipher keeps one spec per context whose {@code getIV()} returns its own array,
 * refilled for each packet, and is put in place of jitsi-srtp's cipher when a context is derived.
 *
 * <p>Only with jitsi-srtp's OpenSSL provider, which reads the IV once per {@code init} and keeps no
 * reference that outlives the call's effect; the JDK's GCM remembers the last IV to refuse reuse
 * and would see the same array twice. When the fields cannot be reached (another jitsi-srtp
 * version), contexts keep jitsi-srtp's cipher and a warning says so once.
 */
final class ReusedIvCipher extends SrtpCipher {

    private static final Logger LOG = LoggerFactory.getLogger(ReusedIvCipher.class);
    private static final Field CONTEXT_CIPHER;
    private static final Field WRAPPED_CIPHER;
    private static final Field GCM_KEY;
    private static final Field CTR_KEY;
    private static volatile boolean warned;

    static {
        Field contextCipher = null;
        Field wrapped = null;
        Field gcmKey = null;
        Field ctrKey = null;
        try {
            contextCipher = accessible(BaseSrtpCryptoContext.class.getDeclaredField("cipher"));
            wrapped = accessible(SrtpCipher.class.getDeclaredField("cipher"));
            gcmKey = accessible(SrtpCipherGcm.class.getDeclaredField("key"));
            ctrKey = accessible(SrtpCipherCtr.class.getDeclaredField("key"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            contextCipher = null;
            LOG.warn("jitsi-srtp's cipher fields are not where expected ({}); SRTP allocates per packet", e.toString());
        }
        CONTEXT_CIPHER = contextCipher;
        WRAPPED_CIPHER = wrapped;
        GCM_KEY = gcmKey;
        CTR_KEY = ctrKey;
    }

    private final boolean gcm;
    private SecretKeySpec key;
    private byte[] iv = new byte[0];
    private AlgorithmParameterSpec spec;

    private ReusedIvCipher(Cipher cipher, SecretKeySpec key, boolean gcm) {
        super(cipher);
        this.key = key;
        this.gcm = gcm;
    }

    /**
     * Puts a reused-IV cipher in place of {@code context}'s own when jitsi-srtp's OpenSSL provider
     * is in use and the context uses AES-GCM or AES-CM. Returns {@code context}.
     */
    static <C extends BaseSrtpCryptoContext> C adopt(C context, boolean openSsl) {
        if (!openSsl || CONTEXT_CIPHER == null) {
            return context;
        }
        try {
            Object current = CONTEXT_CIPHER.get(context);
            ReusedIvCipher replacement = null;
            if (current instanceof SrtpCipherGcm g) {
                replacement = new ReusedIvCipher((Cipher) WRAPPED_CIPHER.get(g), (SecretKeySpec) GCM_KEY.get(g), true);
            } else if (current instanceof SrtpCipherCtr c) {
                replacement = new ReusedIvCipher((Cipher) WRAPPED_CIPHER.get(c), (SecretKeySpec) CTR_KEY.get(c), false);
            }
            if (replacement != null) {
                CONTEXT_CIPHER.set(context, replacement);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("Could not replace jitsi-srtp's cipher ({}); SRTP allocates per packet", e.toString());
            }
        }
        return context;
    }

    /** Called by the context when it derives its session key (on its first packet). */
    @Override
    public void init(byte[] sessionKey, byte[] salt) {
        if (sessionKey.length != 16 && sessionKey.length != 24 && sessionKey.length != 32) {
            throw new IllegalArgumentException("Invalid key length");
        }
        key = getSecretKey(sessionKey);
    }

    @Override
    public void setIV(byte[] newIv, int opmode) throws GeneralSecurityException {
        if (newIv.length != iv.length) {
            // Once per context: jitsi-srtp's IV store has one length for the life of a context.
            iv = new byte[newIv.length];
            spec = gcm ? new ReusedGcmSpec(iv) : new ReusedIvSpec(iv);
        }
        System.arraycopy(newIv, 0, iv, 0, iv.length);
        cipher.init(opmode, key, spec);
    }

    @Override
    public void processAAD(byte[] data, int off, int len) {
        if (!gcm) {
            throw new IllegalStateException("AES-CM has no additional authenticated data");
        }
        cipher.updateAAD(data, off, len);
    }

    @Override
    public int process(byte[] data, int off, int len) throws GeneralSecurityException {
        return cipher.doFinal(data, off, len, data, off);
    }

    private static Field accessible(Field f) {
        f.setAccessible(true);
        return f;
    }

    /** A GCM spec whose IV is the cipher's own array, refilled per packet; never copied. */
    private static final class ReusedGcmSpec extends GCMParameterSpec {
        private final byte[] iv;

        ReusedGcmSpec(byte[] iv) {
            super(128, iv);
            this.iv = iv;
        }

        @Override
        public byte[] getIV() {
            return iv;
        }
    }

    /** A counter-mode spec whose IV is the cipher's own array, refilled per packet. */
    private static final class ReusedIvSpec extends IvParameterSpec {
        private final byte[] iv;

        ReusedIvSpec(byte[] iv) {
            super(iv);
            this.iv = iv;
        }

        @Override
        public byte[] getIV() {
            return iv;
        }
    }
}

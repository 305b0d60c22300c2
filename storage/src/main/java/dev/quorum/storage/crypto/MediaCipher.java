package dev.quorum.storage.crypto;

import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Media encryption in the format of the hosted service's encrypted recordings and compositions
 * (the one its published decryption tool reads): every file gets a fresh 256-bit AES key and a
 * random IV; the content is AES-256-CBC with PKCS#7 padding, encrypted as it streams; the key is
 * encrypted with the customer's RSA public key (PKCS#1 v1.5 padding) and stored with the IV as the
 * object's metadata ({@link Envelope}). Only the holder of the private key can decrypt, with
 * nothing but {@code openssl} if need be (docs/recordings.md).
 */
public final class MediaCipher {

    private static final String CONTENT = "AES/CBC/PKCS5Padding";
    private static final String WRAP = "RSA/ECB/PKCS1Padding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private MediaCipher() {}

    /** A file being encrypted: read the ciphertext from {@link #stream()}. */
    public record Encrypting(InputStream stream, long length, Envelope envelope) {}

    /** The size of the ciphertext of {@code plainLength} bytes (CBC pads to the next whole block). */
    public static long encryptedLength(long plainLength) {
        return (plainLength / 16 + 1) * 16;
    }

    /**
     * Encrypts {@code plain} ({@code plainLength} bytes) as it is read, with a fresh content key
     * wrapped for {@code key}.
     */
    public static Encrypting encrypt(InputStream plain, long plainLength, RSAPublicKey key, String keySid) {
        try {
            KeyGenerator gen = KeyGenerator.getInstance("AES");
            gen.init(256, RANDOM);
            SecretKey cek = gen.generateKey();
            byte[] iv = new byte[16];
            RANDOM.nextBytes(iv);
            Cipher content = Cipher.getInstance(CONTENT);
            content.init(Cipher.ENCRYPT_MODE, cek, new IvParameterSpec(iv));
            Cipher wrap = Cipher.getInstance(WRAP);
            wrap.init(Cipher.ENCRYPT_MODE, key, RANDOM);
            byte[] wrapped = wrap.doFinal(cek.getEncoded());
            Envelope env = new Envelope(
                    Base64.getEncoder().encodeToString(wrapped),
                    Base64.getEncoder().encodeToString(iv),
                    keySid,
                    plainLength);
            return new Encrypting(new CipherInputStream(plain, content), encryptedLength(plainLength), env);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot encrypt media: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts a file encrypted by {@link #encrypt} as it is read.
     *
     * @throws GeneralSecurityException if {@code privateKey} does not unwrap the content key
     */
    public static InputStream decrypt(InputStream encrypted, Envelope envelope, PrivateKey privateKey)
            throws GeneralSecurityException {
        Cipher unwrap = Cipher.getInstance(WRAP);
        unwrap.init(Cipher.DECRYPT_MODE, privateKey);
        byte[] cek = unwrap.doFinal(Base64.getDecoder().decode(envelope.wrappedKey()));
        Cipher content = Cipher.getInstance(CONTENT);
        content.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(cek, "AES"),
                new IvParameterSpec(Base64.getDecoder().decode(envelope.iv())));
        return new CipherInputStream(encrypted, content);
    }
}

package dev.quorum.storage.crypto;

import dev.quorum.storage.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-side key that encrypts secrets kept in the metadata store (the AWS secrets of
 * {@code /v1/Credentials/AWS}): AES-256-GCM with a fresh 96-bit IV per value, and the row's SID
 * as associated data so a sealed value cannot be moved to another row. A sealed value reads
 * {@code v1:<key id>:<Base64 of IV, ciphertext and tag>}; the key id (the first 8 hex digits of
 * the key's SHA-256) tells a value sealed with another server's key from a corrupted one. Values
 * without the prefix are plaintext from before encryption, read as they are.
 */
public final class SecretsKey {

    private static final Logger LOG = LoggerFactory.getLogger(SecretsKey.class);
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String id;

    private SecretsKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException(
                    "storage.secrets-key must be 32 bytes (256 bits) in Base64, was " + raw.length + " bytes");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.id = idOf(raw);
    }

    /** A key from its Base64 form (the {@code storage.secrets-key} setting). */
    public static SecretsKey fromBase64(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("storage.secrets-key is not Base64: " + e.getMessage());
        }
        return new SecretsKey(raw);
    }

    /**
     * The configured key, else the one kept in {@code file}, generated there (readable by this
     * user only) on first use.
     */
    public static SecretsKey load(String configured, Path file) {
        if (configured != null && !configured.isBlank()) {
            return fromBase64(configured);
        }
        try {
            if (!Files.exists(file)) {
                byte[] raw = new byte[32];
                RANDOM.nextBytes(raw);
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                // Written whole under another name, then moved in: a crash never leaves a partial key.
                Path tmp = Files.createTempFile(
                        dir,
                        ".secrets-key",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n");
                try {
                    Files.createLink(file, tmp);
                    LOG.warn(
                            "Generated the key that encrypts stored secrets into {} (key id {}). Back it up; servers"
                                    + " sharing this database need the same key: set storage.secrets-key to its"
                                    + " content on each.",
                            file.toAbsolutePath(),
                            idOf(raw));
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            SecretsKey k = fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
            LOG.info("Stored secrets are encrypted with the key in {} (key id {})", file.toAbsolutePath(), k.id);
            return k;
        } catch (IOException e) {
            throw new StoreException(
                    "Could not read or create the key for stored secrets at " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StoreException("The key for stored secrets in " + file + " is not valid: " + e.getMessage(), e);
        }
    }

    private static String idOf(byte[] raw) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(raw))
                    .substring(0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key's id: the first 8 hex digits of its SHA-256. */
    public String id() {
        return id;
    }

    /** Whether {@code stored} is sealed (rather than plaintext from before encryption). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Encrypts {@code plaintext} for the row {@code rowId}. */
    public String seal(String plaintext, String rowId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + id + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The plaintext of a stored value of row {@code rowId} (a value from before encryption as it
     * is; null stays null).
     *
     * @throws StoreException if it was sealed with another key, or does not decrypt
     */
    public String open(String stored, String rowId) {
        if (!isSealed(stored)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        String keyId = colon < 0 ? "?" : stored.substring(PREFIX.length(), colon);
        if (!id.equals(keyId)) {
            throw new StoreException("The stored secret of " + rowId + " was encrypted with the secrets key " + keyId
                    + ", but this server's storage.secrets-key is " + id + ": every server sharing the"
                    + " database must be given the same storage.secrets-key");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StoreException("The stored secret of " + rowId + " does not decrypt with the secrets key " + id
                    + ": it was altered in the database");
        }
    }
}

package dev.quorum.sfu.transport.srtp;

import java.util.Arrays;

/**
 * SRTP master keys and salts split from DTLS-exported keying material (RFC 5764 §4.2):
 * {@code client_write_key | server_write_key | client_write_salt | server_write_salt}.
 */
public final class SrtpKeys {

    private final SrtpProfile profile;
    private final byte[] clientKey;
    private final byte[] serverKey;
    private final byte[] clientSalt;
    private final byte[] serverSalt;

    private SrtpKeys(SrtpProfile profile, byte[] clientKey, byte[] serverKey, byte[] clientSalt, byte[] serverSalt) {
        this.profile = profile;
        this.clientKey = clientKey;
        this.serverKey = serverKey;
        this.clientSalt = clientSalt;
        this.serverSalt = serverSalt;
    }

    /** Splits exported material; its length must be {@link SrtpProfile#keyingMaterialLength()}. */
    public static SrtpKeys fromKeyingMaterial(SrtpProfile profile, byte[] material) {
        if (material.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException(profile + " needs " + profile.keyingMaterialLength()
                    + " bytes of keying material, not " + material.length);
        }
        int k = profile.keyLength();
        int s = profile.saltLength();
        return new SrtpKeys(
                profile,
                Arrays.copyOfRange(material, 0, k),
                Arrays.copyOfRange(material, k, 2 * k),
                Arrays.copyOfRange(material, 2 * k, 2 * k + s),
                Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s));
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** The key this side encrypts with: the server's write key when {@code dtlsServer}. */
    byte[] sendKey(boolean dtlsServer) {
        return dtlsServer ? serverKey : clientKey;
    }

    byte[] sendSalt(boolean dtlsServer) {
        return dtlsServer ? serverSalt : clientSalt;
    }

    byte[] receiveKey(boolean dtlsServer) {
        return dtlsServer ? clientKey : serverKey;
    }

    byte[] receiveSalt(boolean dtlsServer) {
        return dtlsServer ? clientSalt : serverSalt;
    }

    /** Overwrites the key material; the factories keep their own copies. */
    void wipe() {
        Arrays.fill(clientKey, (byte) 0);
        Arrays.fill(serverKey, (byte) 0);
        Arrays.fill(clientSalt, (byte) 0);
        Arrays.fill(serverSalt, (byte) 0);
    }

    @Override
    public String toString() {
        return "SrtpKeys[" + profile + "]";
    }
}

package dev.quorum.sfu.transport.srtp;

import org.jitsi.srtp.SrtpPolicy;

/**
 * The SRTP protection profiles we negotiate in DTLS use_srtp (RFC 5764 §4.1.2, RFC 7714 §14.2),
 * in our order of preference: AEAD first (one pass, smaller CPU cost with AES-NI).
 */
public enum SrtpProfile {
    /** RFC 7714: AES-128-GCM, 16-byte tag on SRTP and SRTCP. */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16),
    /** RFC 3711/5764: AES-128 counter mode with HMAC-SHA1, 80-bit tag. */
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 10);

    private final int dtlsId;
    private final int keyLength;
    private final int saltLength;
    private final int tagLength;

    SrtpProfile(int dtlsId, int keyLength, int saltLength, int tagLength) {
        this.dtlsId = dtlsId;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.tagLength = tagLength;
    }

    /** The SRTPProtectionProfile value in the use_srtp extension. */
    public int dtlsId() {
        return dtlsId;
    }

    public int keyLength() {
        return keyLength;
    }

    public int saltLength() {
        return saltLength;
    }

    /** Authentication tag length in bytes (SRTP and SRTCP use the same here). */
    public int tagLength() {
        return tagLength;
    }

    /** Bytes of keying material to export from DTLS: two keys and two salts. */
    public int keyingMaterialLength() {
        return 2 * (keyLength + saltLength);
    }

    /** The profile with this use_srtp value, or null if we do not support it. */
    public static SrtpProfile ofDtlsId(int id) {
        for (SrtpProfile p : values()) {
            if (p.dtlsId == id) {
                return p;
            }
        }
        return null;
    }

    /**
     * A fresh jitsi-srtp policy for this profile. Send-side replay checking is off: a sender
     * re-sends packets on purpose (NACK retransmissions) and jitsi-srtp would refuse them.
     */
    SrtpPolicy policy() {
        SrtpPolicy p = this == AEAD_AES_128_GCM
                ? new SrtpPolicy(
                        SrtpPolicy.AESGCM_ENCRYPTION,
                        keyLength,
                        SrtpPolicy.NULL_AUTHENTICATION,
                        0,
                        tagLength,
                        saltLength)
                : new SrtpPolicy(
                        SrtpPolicy.AESCM_ENCRYPTION,
                        keyLength,
                        SrtpPolicy.HMACSHA1_AUTHENTICATION,
                        20,
                        tagLength,
                        saltLength);
        p.setSendReplayEnabled(false);
        p.setReceiveReplayEnabled(true);
        return p;
    }
}

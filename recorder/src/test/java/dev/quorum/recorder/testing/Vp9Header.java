package dev.quorum.recorder.testing;

/** Reads the start of a VP9 uncompressed frame header (VP9 bitstream spec §6.2) in tests. */
final class Vp9Header {

    private Vp9Header() {}

    static boolean isKeyframe(byte[] frame) {
        int bits = frame[0] & 0xFF;
        int pos = 7;
        int marker = (bits >> pos--) & 1;
        marker = (marker << 1) | ((bits >> pos--) & 1);
        if (marker != 2) {
            return false;
        }
        int profileLow = (bits >> pos--) & 1;
        int profileHigh = (bits >> pos--) & 1;
        int profile = (profileHigh << 1) | profileLow;
        if (profile == 3) {
            pos--;
        }
        int showExisting = (bits >> pos--) & 1;
        if (showExisting == 1) {
            return false;
        }
        return ((bits >> pos) & 1) == 0;
    }
}

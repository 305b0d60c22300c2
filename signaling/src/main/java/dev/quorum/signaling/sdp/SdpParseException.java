package dev.quorum.signaling.sdp;

/**
 * An SDP text that cannot be used, with the 1-based number of the offending line (0 when the
 * problem is the description as a whole, such as a missing {@code v=} line or an empty text).
 */
public final class SdpParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;

    public SdpParseException(int lineNumber, String message) {
        super(lineNumber > 0 ? "line " + lineNumber + ": " + message : message);
        this.lineNumber = lineNumber;
    }

    /** 1-based line number of the offending line; 0 for the description as a whole. */
    public int lineNumber() {
        return lineNumber;
    }
}

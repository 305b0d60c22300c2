package dev.quorum.sfu.transport.stun;

import java.util.HexFormat;

/** Hex for {@code toString()} of binary attribute values. */
final class StunHex {

    private StunHex() {}

    static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

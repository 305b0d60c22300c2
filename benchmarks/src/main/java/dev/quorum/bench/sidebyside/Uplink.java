package dev.quorum.bench.sidebyside;

/**
 * What a {@link LossyUplink} measured: the frames the publisher encoded in the window, the frames
 * the viewer decoded of them, the viewer's freezes and the video the publisher sent.
 */
record Uplink(String server, int run, long encoded, long decoded, long freezes, double frozenSeconds, double sentKbps) {

    double decodedPercent() {
        return encoded == 0 ? 0 : 100.0 * decoded / encoded;
    }
}

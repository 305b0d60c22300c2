package dev.quorum.signaling.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test resources by name. */
public final class Fixtures {

    public static final String SIMULCAST_OFFER = "sdp/chrome156-simulcast-offer.sdp";
    public static final String SINGLE_LAYER_OFFER = "sdp/chrome156-single-layer-offer.sdp";
    public static final String AUDIO_OFFER = "sdp/chrome156-audio-offer.sdp";

    private Fixtures() {}

    public static String text(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.quorum.recorder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A directory shared by the test classes of one build for ffmpeg-generated inputs (made once). */
public final class Fixtures {

    private Fixtures() {}

    public static Path dir() {
        Path d = Path.of("target", "fixtures").toAbsolutePath();
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }
}

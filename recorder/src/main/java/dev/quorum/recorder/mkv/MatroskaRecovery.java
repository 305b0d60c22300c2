package dev.quorum.recorder.mkv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Finishes a file that a crashed writer left behind: the file is cut after its last complete
 * block (dropping a half-written block or cluster header) and finalized like a cleanly closed
 * one, so it gets a Duration and Cues.
 */
public final class MatroskaRecovery {

    /** Marks a file finished by recovery rather than by its writer. */
    public static final String RECOVERED_TAG = "QUORUM_RECOVERED";

    private static final Map<String, String> RECOVERED_TAGS = Map.of(RECOVERED_TAG, "1");

    private MatroskaRecovery() {}

    /** Reads {@code file} without changing it. */
    public static ScanResult scan(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return MatroskaScanner.scan(ch).result();
        }
    }

    /**
     * Repairs {@code file} in place if it was not finalized and holds at least one complete block;
     * leaves finalized and unreadable files untouched.
     *
     * @return the scan of the file as it is after the repair
     */
    public static ScanResult repair(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MatroskaScanner scanner = MatroskaScanner.scan(ch);
            ScanResult before = scanner.result();
            if (!before.readable() || before.finalized() || before.blocks() == 0) {
                return before;
            }
            MatroskaLayout layout = scanner.layout();
            if (layout.segmentSizePosition < 0) {
                // A Segment size field we cannot patch in place: readable as is, so leave it.
                return before;
            }
            layout.dropClustersFrom(before.validLength());
            ch.truncate(before.validLength());
            MatroskaFinalizer.finish(ch, layout, before.validLength(), before.durationMillis(), RECOVERED_TAGS);
            ch.force(false);
            return MatroskaScanner.scan(ch).result();
        }
    }
}

package dev.quorum.recorder.mkv;

/**
 * What a scan of a Matroska file found.
 *
 * @param readable        the EBML header, Segment, Info and Tracks are complete
 * @param codec           the track's codec, or null when unknown
 * @param finalized       the Segment has a known size within the file: a writer or recovery finished it
 * @param blocks          complete SimpleBlocks found
 * @param lastBlockMillis timestamp of the last complete block, -1 if none
 * @param durationMillis  playing time: last timestamp plus the last frame's estimated length
 * @param validLength     bytes up to the end of the last complete element worth keeping
 * @param fileLength      the file's length when scanned
 * @param problem         why the file is unreadable, or null
 */
public record ScanResult(
        boolean readable,
        MatroskaCodec codec,
        boolean finalized,
        long blocks,
        long lastBlockMillis,
        long durationMillis,
        long validLength,
        long fileLength,
        String problem) {}

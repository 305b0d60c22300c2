package dev.quorum.recorder.mkv;

import java.util.Arrays;

/**
 * Where the patchable parts of one of our Matroska files are: the Segment size field, the space
 * reserved for the SeekHead and Duration, the Info and Tracks elements, and every Cluster. The
 * writer fills it while writing; the scanner rebuilds it from a file left by a crash, so the same
 * {@link MatroskaFinalizer} can finish both.
 */
final class MatroskaLayout {

    /** Bytes reserved after the Segment header for a SeekHead with three entries plus slack. */
    static final int SEEK_HEAD_RESERVE = 96;
    /** A Duration element: 2-byte ID, 1-byte size, 8-byte float. */
    static final int DURATION_RESERVE = 11;

    long segmentSizePosition = -1;
    long segmentDataStart = -1;
    long seekHeadReservePosition = -1;
    long infoPosition = -1;
    long durationReservePosition = -1;
    long tracksPosition = -1;
    boolean video;

    private long[] clusterPositions = new long[64];
    private long[] clusterTimestamps = new long[64];
    private byte[] clusterSizeLengths = new byte[64];
    private boolean[] clusterStartsWithKeyframe = new boolean[64];
    private int clusterCount;

    void addCluster(long position, int sizeLength, long timestamp) {
        if (clusterCount == clusterPositions.length) {
            int n = clusterCount * 2;
            clusterPositions = Arrays.copyOf(clusterPositions, n);
            clusterTimestamps = Arrays.copyOf(clusterTimestamps, n);
            clusterSizeLengths = Arrays.copyOf(clusterSizeLengths, n);
            clusterStartsWithKeyframe = Arrays.copyOf(clusterStartsWithKeyframe, n);
        }
        clusterPositions[clusterCount] = position;
        clusterTimestamps[clusterCount] = timestamp;
        clusterSizeLengths[clusterCount] = (byte) sizeLength;
        clusterStartsWithKeyframe[clusterCount] = false;
        clusterCount++;
    }

    /** Marks whether the most recent cluster's first block is a keyframe (a seek target). */
    void markLastClusterFirstBlock(boolean keyframe) {
        clusterStartsWithKeyframe[clusterCount - 1] = keyframe;
    }

    /** Forgets clusters starting at or after {@code position} (they held no complete block). */
    void dropClustersFrom(long position) {
        while (clusterCount > 0 && clusterPositions[clusterCount - 1] >= position) {
            clusterCount--;
        }
    }

    int clusterCount() {
        return clusterCount;
    }

    long clusterPosition(int i) {
        return clusterPositions[i];
    }

    long clusterTimestampAt(int i) {
        return clusterTimestamps[i];
    }

    int clusterSizeLength(int i) {
        return clusterSizeLengths[i];
    }

    boolean clusterStartsWithKeyframe(int i) {
        return clusterStartsWithKeyframe[i];
    }
}

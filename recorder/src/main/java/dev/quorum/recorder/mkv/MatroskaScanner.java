package dev.quorum.recorder.mkv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads a Matroska file written by {@link MatroskaWriter} (possibly cut short by a crash) up to its
 * last complete block, rebuilding the {@link MatroskaLayout} that finalization needs. Arbitrary or
 * damaged bytes end the scan at the last good element; they never throw.
 */
final class MatroskaScanner {

    private static final long MAX_FRAME_STEP_MILLIS = 100;

    private final FileWindow in;
    private final MatroskaLayout layout = new MatroskaLayout();
    private MatroskaCodec codec;
    private boolean headerComplete;
    private long timestampScaleNanos = 1_000_000;
    private long blocks;
    private long lastBlock = -1;
    private long previousBlock = -1;
    private long validLength;
    private long segmentEnd;
    private boolean segmentSizeKnown;
    private String problem;

    private MatroskaScanner(FileWindow in) {
        this.in = in;
    }

    static MatroskaScanner scan(FileChannel channel) throws IOException {
        MatroskaScanner s = new MatroskaScanner(new FileWindow(channel));
        s.run();
        return s;
    }

    MatroskaLayout layout() {
        return layout;
    }

    ScanResult result() {
        // The last frame's length is unknown; the step between the last two frames is the best guess.
        long step = previousBlock >= 0
                ? Math.min(MAX_FRAME_STEP_MILLIS, lastBlock - previousBlock)
                : layout.video ? 33 : 20;
        // The Segment size is the last thing finalization writes.
        boolean finalized = headerComplete && segmentSizeKnown && segmentEnd <= in.length();
        return new ScanResult(
                headerComplete,
                codec,
                finalized,
                blocks,
                lastBlock,
                lastBlock < 0 ? 0 : lastBlock + Math.max(0, step),
                validLength,
                in.length(),
                headerComplete ? null : (problem != null ? problem : "incomplete header"));
    }

    private void run() throws IOException {
        long pos = 0;
        long id = readId(pos);
        if (id != MatroskaIds.EBML) {
            problem = "not an EBML file";
            return;
        }
        Vint size = readSize(pos + 4);
        if (size == null || size.unknown()) {
            problem = "truncated EBML header";
            return;
        }
        long headerEnd = pos + 4 + size.length() + size.value();
        String docType = findDocType(pos + 4 + size.length(), headerEnd);
        if (!"matroska".equals(docType) && !"webm".equals(docType)) {
            problem = "not a Matroska file (DocType " + docType + ")";
            return;
        }
        pos = headerEnd;
        if (readId(pos) != MatroskaIds.SEGMENT) {
            problem = "no Segment";
            return;
        }
        Vint segSize = readSize(pos + 4);
        if (segSize == null) {
            problem = "truncated Segment header";
            return;
        }
        if (segSize.length() == 8) {
            layout.segmentSizePosition = pos + 4;
        }
        layout.segmentDataStart = pos + 4 + segSize.length();
        segmentSizeKnown = !segSize.unknown();
        segmentEnd = segmentSizeKnown ? layout.segmentDataStart + segSize.value() : Long.MAX_VALUE;
        scanSegment();
    }

    private void scanSegment() throws IOException {
        long pos = layout.segmentDataStart;
        int firstChildId = -1;
        long limit = Math.min(segmentEnd, in.length());
        while (pos < limit) {
            long id = readId(pos);
            if (id < 0) {
                return;
            }
            int idLen = Ebml.idLength((int) id);
            Vint size = readSize(pos + idLen);
            if (size == null) {
                return;
            }
            long dataStart = pos + idLen + size.length();
            if (firstChildId < 0) {
                firstChildId = (int) id;
            }
            if (id == MatroskaIds.CLUSTER) {
                if (!headerComplete) {
                    problem = "cluster before Tracks";
                    return;
                }
                long end = scanCluster(pos, size, dataStart);
                if (end < 0) {
                    return;
                }
                pos = end;
                continue;
            }
            if (size.unknown()) {
                return;
            }
            long end = dataStart + size.value();
            if (end > in.length()) {
                return;
            }
            if (id == MatroskaIds.INFO) {
                layout.infoPosition = pos;
                if (pos - layout.segmentDataStart == MatroskaLayout.SEEK_HEAD_RESERVE
                        && (firstChildId == MatroskaIds.VOID || firstChildId == MatroskaIds.SEEK_HEAD)) {
                    layout.seekHeadReservePosition = layout.segmentDataStart;
                }
                scanInfo(dataStart, end);
            } else if (id == MatroskaIds.TRACKS) {
                layout.tracksPosition = pos;
                scanTracks(dataStart, end);
                headerComplete = layout.infoPosition >= 0 && codec != null;
                if (!headerComplete) {
                    problem = codec == null ? "no track with a known codec" : "no Info";
                    return;
                }
                validLength = end;
            }
            pos = end;
        }
    }

    /** Returns where the cluster ends, or -1 when the file ends inside it. */
    private long scanCluster(long pos, Vint size, long dataStart) throws IOException {
        long end = size.unknown() ? Long.MAX_VALUE : dataStart + size.value();
        long clusterTs = -1;
        boolean added = false;
        boolean firstBlock = true;
        long p = dataStart;
        while (p < end) {
            long id = readId(p);
            if (id < 0) {
                return -1;
            }
            if (size.unknown() && isTopLevel(id)) {
                return p;
            }
            int idLen = Ebml.idLength((int) id);
            Vint s = readSize(p + idLen);
            if (s == null || s.unknown()) {
                return -1;
            }
            long childData = p + idLen + s.length();
            long childEnd = childData + s.value();
            if (childEnd > in.length() || childEnd > end) {
                return -1;
            }
            if (id == MatroskaIds.CLUSTER_TIMESTAMP && s.value() <= 8) {
                clusterTs = in.uint(childData, (int) s.value());
                if (!added) {
                    layout.addCluster(pos, size.length(), clusterTs * timestampScaleNanos / 1_000_000);
                    added = true;
                }
            } else if (id == MatroskaIds.SIMPLE_BLOCK && clusterTs >= 0 && s.value() >= 4) {
                int flags = in.byteAt(childData + 3);
                int rel = (short) in.uint(childData + 1, 2);
                if (firstBlock) {
                    layout.markLastClusterFirstBlock((flags & 0x80) != 0);
                    firstBlock = false;
                }
                previousBlock = lastBlock;
                lastBlock = (clusterTs + rel) * timestampScaleNanos / 1_000_000;
                blocks++;
                validLength = childEnd;
            }
            p = childEnd;
        }
        return end;
    }

    private void scanInfo(long p, long end) throws IOException {
        while (p < end) {
            long id = readId(p);
            if (id < 0) {
                return;
            }
            int idLen = Ebml.idLength((int) id);
            Vint s = readSize(p + idLen);
            if (s == null || s.unknown()) {
                return;
            }
            long data = p + idLen + s.length();
            long total = idLen + s.length() + s.value();
            if ((id == MatroskaIds.VOID || id == MatroskaIds.DURATION) && total == MatroskaLayout.DURATION_RESERVE) {
                layout.durationReservePosition = p;
            } else if (id == MatroskaIds.TIMESTAMP_SCALE && s.value() <= 8) {
                timestampScaleNanos = Math.max(1, in.uint(data, (int) s.value()));
            }
            p = data + s.value();
        }
    }

    private void scanTracks(long p, long end) throws IOException {
        while (p < end) {
            long id = readId(p);
            if (id < 0) {
                return;
            }
            int idLen = Ebml.idLength((int) id);
            Vint s = readSize(p + idLen);
            if (s == null || s.unknown()) {
                return;
            }
            long data = p + idLen + s.length();
            if (id == MatroskaIds.TRACK_ENTRY) {
                scanTracks(data, data + s.value());
            } else if (id == MatroskaIds.CODEC_ID && s.value() < 64) {
                byte[] b = new byte[(int) s.value()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) in.byteAt(data + i);
                }
                String codecId = new String(b, StandardCharsets.US_ASCII).trim();
                for (MatroskaCodec c : MatroskaCodec.values()) {
                    if (c.codecId().equals(codecId)) {
                        codec = c;
                        layout.video = c.isVideo();
                    }
                }
            }
            p = data + s.value();
        }
    }

    private String findDocType(long p, long end) throws IOException {
        while (p < end) {
            long id = readId(p);
            if (id < 0) {
                return null;
            }
            int idLen = Ebml.idLength((int) id);
            Vint s = readSize(p + idLen);
            if (s == null || s.unknown() || s.value() > 64) {
                return null;
            }
            long data = p + idLen + s.length();
            if (id == MatroskaIds.DOC_TYPE) {
                byte[] b = new byte[(int) s.value()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) in.byteAt(data + i);
                }
                return new String(b, StandardCharsets.US_ASCII).replace("\0", "");
            }
            p = data + s.value();
        }
        return null;
    }

    private static boolean isTopLevel(long id) {
        return id == MatroskaIds.CLUSTER
                || id == MatroskaIds.CUES
                || id == MatroskaIds.TAGS
                || id == MatroskaIds.SEEK_HEAD
                || id == MatroskaIds.INFO
                || id == MatroskaIds.TRACKS
                || id == MatroskaIds.ATTACHMENTS
                || id == MatroskaIds.CHAPTERS;
    }

    /** The element ID at {@code pos} with its marker bits, or -1 if invalid or past the end. */
    private long readId(long pos) throws IOException {
        int first = in.byteAt(pos);
        if (first <= 0) {
            return -1;
        }
        int len = Integer.numberOfLeadingZeros(first) - 24 + 1;
        if (len > 4) {
            return -1;
        }
        return in.uint(pos, len);
    }

    /** The vint at {@code pos}, or null if invalid or past the end. */
    private Vint readSize(long pos) throws IOException {
        int first = in.byteAt(pos);
        if (first <= 0) {
            return null;
        }
        int len = Integer.numberOfLeadingZeros(first) - 24 + 1;
        long raw = in.uint(pos, len);
        if (raw < 0) {
            return null;
        }
        long value = raw & ((1L << (7 * len)) - 1);
        boolean unknown = value == (1L << (7 * len)) - 1;
        return new Vint(len, value, unknown);
    }

    private record Vint(int length, long value, boolean unknown) {}
}

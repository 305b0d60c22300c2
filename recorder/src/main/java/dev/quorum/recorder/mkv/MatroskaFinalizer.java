package dev.quorum.recorder.mkv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Map;

/**
 * Turns a live-written file (unknown sizes, no index) into a finalized one, in place: Cues and
 * Tags are appended after the last cluster, then Cluster sizes, Duration, the SeekHead and finally the
 * Segment size are written over the fields and Voids reserved for them. Each step leaves a valid
 * file, and the Segment size is patched last, so an interrupted finalization is simply redone by
 * recovery (which truncates the partial Cues first).
 */
final class MatroskaFinalizer {

    private MatroskaFinalizer() {}

    /**
     * @param end            file length; every complete block lies before it
     * @param durationMillis the playing time to write as Duration
     * @return the new file length
     */
    static long finish(
            FileChannel channel, MatroskaLayout layout, long end, long durationMillis, Map<String, String> tags)
            throws IOException {
        long cuesPosition = end;
        long newEnd = end;
        long tagsPosition = -1;
        ByteBuf buf = Unpooled.buffer(256);
        try {
            boolean hasCues = writeCues(buf, layout);
            if (hasCues) {
                writeAt(channel, buf, cuesPosition);
                newEnd = cuesPosition + buf.readableBytes();
            }
            if (!tags.isEmpty()) {
                buf.clear();
                writeTags(buf, tags);
                tagsPosition = newEnd;
                writeAt(channel, buf, tagsPosition);
                newEnd += buf.readableBytes();
            }
            patchClusterSizes(channel, layout, cuesPosition);
            if (layout.durationReservePosition >= 0) {
                buf.clear();
                Ebml.writeFloat(buf, MatroskaIds.DURATION, durationMillis);
                writeAt(channel, buf, layout.durationReservePosition);
            }
            if (layout.seekHeadReservePosition >= 0) {
                buf.clear();
                writeSeekHead(buf, layout, hasCues ? cuesPosition : -1, tagsPosition);
                writeAt(channel, buf, layout.seekHeadReservePosition);
            }
            patchLong(channel, layout.segmentSizePosition, Ebml.size8(newEnd - layout.segmentDataStart));
            channel.truncate(newEnd);
            return newEnd;
        } finally {
            buf.release();
        }
    }

    private static boolean writeCues(ByteBuf out, MatroskaLayout layout) {
        ByteBuf points = Unpooled.buffer(32 * Math.max(1, layout.clusterCount()));
        ByteBuf point = Unpooled.buffer(32);
        ByteBuf positions = Unpooled.buffer(16);
        try {
            for (int i = 0; i < layout.clusterCount(); i++) {
                if (layout.video && !layout.clusterStartsWithKeyframe(i)) {
                    continue;
                }
                positions.clear();
                Ebml.writeUInt(positions, MatroskaIds.CUE_TRACK, 1);
                Ebml.writeUInt(
                        positions,
                        MatroskaIds.CUE_CLUSTER_POSITION,
                        layout.clusterPosition(i) - layout.segmentDataStart);
                point.clear();
                Ebml.writeUInt(point, MatroskaIds.CUE_TIME, layout.clusterTimestampAt(i));
                Ebml.writeMaster(point, MatroskaIds.CUE_TRACK_POSITIONS, positions);
                Ebml.writeMaster(points, MatroskaIds.CUE_POINT, point);
            }
            if (points.readableBytes() == 0) {
                return false;
            }
            Ebml.writeMaster(out, MatroskaIds.CUES, points);
            return true;
        } finally {
            points.release();
            point.release();
            positions.release();
        }
    }

    private static void patchClusterSizes(FileChannel channel, MatroskaLayout layout, long clustersEnd)
            throws IOException {
        int n = layout.clusterCount();
        for (int i = 0; i < n; i++) {
            if (layout.clusterSizeLength(i) != 8) {
                continue;
            }
            long pos = layout.clusterPosition(i);
            long next = i + 1 < n ? layout.clusterPosition(i + 1) : clustersEnd;
            long dataStart = pos + Ebml.idLength(MatroskaIds.CLUSTER) + 8;
            patchLong(channel, pos + Ebml.idLength(MatroskaIds.CLUSTER), Ebml.size8(next - dataStart));
        }
    }

    private static void writeTags(ByteBuf out, Map<String, String> tags) {
        ByteBuf tag = Unpooled.buffer(256);
        ByteBuf simple = Unpooled.buffer(64);
        try {
            // An empty Targets applies the tags to the whole segment.
            Ebml.writeId(tag, MatroskaIds.TARGETS);
            Ebml.writeSize(tag, 0);
            for (Map.Entry<String, String> e : tags.entrySet()) {
                simple.clear();
                Ebml.writeString(simple, MatroskaIds.TAG_NAME, e.getKey());
                Ebml.writeString(simple, MatroskaIds.TAG_STRING, e.getValue());
                Ebml.writeMaster(tag, MatroskaIds.SIMPLE_TAG, simple);
            }
            simple.clear();
            Ebml.writeMaster(simple, MatroskaIds.TAG, tag);
            Ebml.writeMaster(out, MatroskaIds.TAGS, simple);
        } finally {
            tag.release();
            simple.release();
        }
    }

    private static void writeSeekHead(ByteBuf out, MatroskaLayout layout, long cuesPosition, long tagsPosition) {
        ByteBuf seeks = Unpooled.buffer(80);
        ByteBuf seek = Unpooled.buffer(24);
        try {
            addSeek(seeks, seek, MatroskaIds.INFO, layout.infoPosition - layout.segmentDataStart);
            addSeek(seeks, seek, MatroskaIds.TRACKS, layout.tracksPosition - layout.segmentDataStart);
            if (cuesPosition >= 0) {
                addSeek(seeks, seek, MatroskaIds.CUES, cuesPosition - layout.segmentDataStart);
            }
            if (tagsPosition >= 0) {
                addSeek(seeks, seek, MatroskaIds.TAGS, tagsPosition - layout.segmentDataStart);
            }
            Ebml.writeMaster(out, MatroskaIds.SEEK_HEAD, seeks);
            int rest = MatroskaLayout.SEEK_HEAD_RESERVE - out.readableBytes();
            if (rest < 2) {
                throw new IllegalStateException("SeekHead does not fit its reserved space");
            }
            Ebml.writeVoid(out, rest);
        } finally {
            seeks.release();
            seek.release();
        }
    }

    private static void addSeek(ByteBuf seeks, ByteBuf seek, int id, long position) {
        seek.clear();
        Ebml.writeId(seek, MatroskaIds.SEEK_ID);
        Ebml.writeSize(seek, Ebml.idLength(id));
        Ebml.writeId(seek, id);
        Ebml.writeUInt(seek, MatroskaIds.SEEK_POSITION, position);
        Ebml.writeMaster(seeks, MatroskaIds.SEEK, seek);
    }

    private static void patchLong(FileChannel channel, long position, long value) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).putLong(value).flip();
        while (b.hasRemaining()) {
            channel.write(b, position + b.position());
        }
    }

    private static void writeAt(FileChannel channel, ByteBuf buf, long position) throws IOException {
        int n = buf.readableBytes();
        int done = 0;
        while (done < n) {
            done += buf.getBytes(buf.readerIndex() + done, channel, position + done, n - done);
        }
    }
}

package dev.quorum.recorder.mkv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes one track into a Matroska file as frames arrive, so that a process killed at any moment
 * leaves a file that players read up to the last bytes handed to the OS.
 *
 * <p>Layout: EBML header; a Segment of unknown size; a Void reserved for the SeekHead; Info with a
 * Void reserved for Duration; Tracks; then Clusters of unknown size holding SimpleBlocks. A cluster
 * starts at every video keyframe, when a block's timestamp would leave the cluster's int16 range,
 * and at least every {@code maxClusterMillis}. {@link #finish} turns this into a finalized file:
 * Cues appended, Duration, SeekHead, Cluster and Segment sizes patched in place.
 *
 * <p>Blocks go into a fixed-size buffer; {@link #flush()} hands it to the OS (the pipeline calls it
 * at least every few hundred milliseconds); syncing to the disk is the caller's ({@link #channel()}
 * {@code .force}), so it can run on another thread. Not thread-safe otherwise: one writer thread.
 */
public final class MatroskaWriter implements AutoCloseable {

    /** 2001-01-01T00:00:00Z, the origin of Matroska's DateUTC, in Unix epoch seconds. */
    private static final long MATROSKA_EPOCH_SECONDS = 978_307_200L;

    private static final int TRACK_NUMBER = 1;
    private static final int CLUSTER_SIZE_LENGTH = 8;
    private static final int BLOCK_HEADER = 4;
    private static final int FLAG_KEYFRAME = 0x80;
    /** Stay clear of the int16 edge so that one late-starting cluster never overflows. */
    private static final long MAX_RELATIVE = Short.MAX_VALUE - 1_000;

    // given
    private final FileChannel channel;
    private final TrackFormat format;
    private final long maxClusterMillis;

    // owned
    private final ByteBuf pending;
    private final MatroskaLayout layout = new MatroskaLayout();
    private long filePosition;
    private long clusterTimestamp = -1;
    private boolean clusterHasBlock;
    private long lastTimestamp = -1;
    private boolean finished;
    private boolean closed;

    private MatroskaWriter(FileChannel channel, TrackFormat format, long maxClusterMillis, int bufferBytes) {
        this.channel = channel;
        this.format = format;
        this.maxClusterMillis = maxClusterMillis;
        this.pending = Unpooled.directBuffer(bufferBytes, bufferBytes);
        this.layout.video = format.codec().isVideo();
    }

    /**
     * Starts a file on {@code channel} by writing its header into the buffer. The channel is
     * borrowed: the writer writes at absolute positions from 0 and never closes it.
     *
     * @param dateUtcEpochMillis the wall-clock time of the first frame, stored as DateUTC
     * @param maxClusterMillis   longest cluster, e.g. 5000 ms
     * @param bufferBytes        write buffer size; larger frames bypass it
     */
    public static MatroskaWriter start(
            FileChannel channel, TrackFormat format, long dateUtcEpochMillis, long maxClusterMillis, int bufferBytes) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(format, "format");
        if (maxClusterMillis < 1 || maxClusterMillis > MAX_RELATIVE) {
            throw new IllegalArgumentException("maxClusterMillis must be 1.." + MAX_RELATIVE + ": " + maxClusterMillis);
        }
        if (bufferBytes < 4096) {
            throw new IllegalArgumentException("bufferBytes must be at least 4096: " + bufferBytes);
        }
        MatroskaWriter w = new MatroskaWriter(channel, format, maxClusterMillis, bufferBytes);
        w.writeHeader(dateUtcEpochMillis);
        return w;
    }

    private void writeHeader(long dateUtcEpochMillis) {
        ByteBuf h = Unpooled.buffer(512);
        ByteBuf tmp = Unpooled.buffer(256);
        try {
            tmp.clear();
            Ebml.writeUInt(tmp, MatroskaIds.EBML_VERSION, 1);
            Ebml.writeUInt(tmp, MatroskaIds.EBML_READ_VERSION, 1);
            Ebml.writeUInt(tmp, MatroskaIds.EBML_MAX_ID_LENGTH, 4);
            Ebml.writeUInt(tmp, MatroskaIds.EBML_MAX_SIZE_LENGTH, 8);
            Ebml.writeString(tmp, MatroskaIds.DOC_TYPE, "matroska");
            Ebml.writeUInt(tmp, MatroskaIds.DOC_TYPE_VERSION, 4);
            Ebml.writeUInt(tmp, MatroskaIds.DOC_TYPE_READ_VERSION, 2);
            Ebml.writeMaster(h, MatroskaIds.EBML, tmp);

            Ebml.writeId(h, MatroskaIds.SEGMENT);
            layout.segmentSizePosition = h.writerIndex();
            h.writeLong(Ebml.UNKNOWN_SIZE);
            layout.segmentDataStart = h.writerIndex();

            layout.seekHeadReservePosition = h.writerIndex();
            Ebml.writeVoid(h, MatroskaLayout.SEEK_HEAD_RESERVE);

            tmp.clear();
            Ebml.writeUInt(tmp, MatroskaIds.TIMESTAMP_SCALE, 1_000_000);
            Ebml.writeString(tmp, MatroskaIds.MUXING_APP, "Quorum");
            Ebml.writeString(tmp, MatroskaIds.WRITING_APP, "Quorum recorder");
            Ebml.writeSignedLong(
                    tmp, MatroskaIds.DATE_UTC, (dateUtcEpochMillis - MATROSKA_EPOCH_SECONDS * 1000) * 1_000_000L);
            int durationOffsetInInfo = tmp.writerIndex();
            Ebml.writeVoid(tmp, MatroskaLayout.DURATION_RESERVE);
            layout.infoPosition = h.writerIndex();
            int infoHeader = Ebml.idLength(MatroskaIds.INFO) + Ebml.sizeLength(tmp.readableBytes());
            layout.durationReservePosition = layout.infoPosition + infoHeader + durationOffsetInInfo;
            Ebml.writeMaster(h, MatroskaIds.INFO, tmp);

            layout.tracksPosition = h.writerIndex();
            writeTracks(h, tmp);

            pending.writeBytes(h);
        } finally {
            h.release();
            tmp.release();
        }
    }

    private void writeTracks(ByteBuf out, ByteBuf scratch) {
        ByteBuf entry = Unpooled.buffer(256);
        ByteBuf sub = Unpooled.buffer(64);
        try {
            Ebml.writeUInt(entry, MatroskaIds.TRACK_NUMBER, TRACK_NUMBER);
            Ebml.writeUInt(
                    entry,
                    MatroskaIds.TRACK_UID,
                    1 + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE - 1));
            Ebml.writeUInt(entry, MatroskaIds.TRACK_TYPE, format.codec().isVideo() ? 1 : 2);
            Ebml.writeUInt(entry, MatroskaIds.FLAG_LACING, 0);
            Ebml.writeString(entry, MatroskaIds.CODEC_ID, format.codec().codecId());
            byte[] priv = format.codecPrivate();
            if (priv != null) {
                Ebml.writeBinary(entry, MatroskaIds.CODEC_PRIVATE, priv);
            }
            if (format.codecDelayNanos() > 0) {
                Ebml.writeUInt(entry, MatroskaIds.CODEC_DELAY, format.codecDelayNanos());
            }
            if (format.seekPreRollNanos() > 0) {
                Ebml.writeUInt(entry, MatroskaIds.SEEK_PRE_ROLL, format.seekPreRollNanos());
            }
            if (format.codec().isVideo()) {
                Ebml.writeUInt(sub, MatroskaIds.PIXEL_WIDTH, format.pixelWidth());
                Ebml.writeUInt(sub, MatroskaIds.PIXEL_HEIGHT, format.pixelHeight());
                Ebml.writeMaster(entry, MatroskaIds.VIDEO, sub);
            } else {
                Ebml.writeFloat(sub, MatroskaIds.SAMPLING_FREQUENCY, format.samplingFrequency());
                Ebml.writeUInt(sub, MatroskaIds.CHANNELS, format.channels());
                Ebml.writeMaster(entry, MatroskaIds.AUDIO, sub);
            }
            scratch.clear();
            Ebml.writeMaster(scratch, MatroskaIds.TRACK_ENTRY, entry);
            Ebml.writeMaster(out, MatroskaIds.TRACKS, scratch);
        } finally {
            entry.release();
            sub.release();
        }
    }

    /**
     * Appends one frame.
     *
     * @param timestampMillis block time in ms since the file's origin; never below the previous one
     * @param keyframe        whether the frame decodes on its own (audio frames always do)
     * @param data            the frame bytes, <b>borrowed</b>: read from its reader index without
     *                        moving it; the caller keeps ownership
     * @throws IOException when the file cannot be written; the file then ends at the last flush
     */
    public void writeFrame(long timestampMillis, boolean keyframe, ByteBuf data) throws IOException {
        if (finished || closed) {
            throw new IllegalStateException("Writer already finished");
        }
        if (timestampMillis < Math.max(0, lastTimestamp)) {
            throw new IllegalArgumentException(
                    "Timestamps must not decrease: " + timestampMillis + " after " + lastTimestamp);
        }
        boolean key = keyframe || !format.codec().isVideo();
        if (needsNewCluster(timestampMillis, key)) {
            startCluster(timestampMillis);
        }
        int length = data.readableBytes();
        int headerLength = 1 + Ebml.sizeLength(BLOCK_HEADER + (long) length) + BLOCK_HEADER;
        if (pending.writableBytes() < headerLength + length) {
            flush();
        }
        Ebml.writeId(pending, MatroskaIds.SIMPLE_BLOCK);
        Ebml.writeSize(pending, BLOCK_HEADER + (long) length);
        pending.writeByte(0x80 | TRACK_NUMBER);
        pending.writeShort((int) (timestampMillis - clusterTimestamp));
        pending.writeByte(key ? FLAG_KEYFRAME : 0);
        if (pending.writableBytes() >= length) {
            pending.writeBytes(data, data.readerIndex(), length);
        } else {
            flush();
            writeFully(data, data.readerIndex(), length);
        }
        if (!clusterHasBlock) {
            layout.markLastClusterFirstBlock(key);
            clusterHasBlock = true;
        }
        lastTimestamp = timestampMillis;
    }

    private boolean needsNewCluster(long ts, boolean key) {
        if (clusterTimestamp < 0) {
            return true;
        }
        long rel = ts - clusterTimestamp;
        return (format.codec().isVideo() && key && clusterHasBlock) || rel >= maxClusterMillis || rel > MAX_RELATIVE;
    }

    private void startCluster(long ts) throws IOException {
        if (pending.writableBytes() < 32) {
            flush();
        }
        layout.addCluster(position(), CLUSTER_SIZE_LENGTH, ts);
        Ebml.writeId(pending, MatroskaIds.CLUSTER);
        pending.writeLong(Ebml.UNKNOWN_SIZE);
        Ebml.writeUInt(pending, MatroskaIds.CLUSTER_TIMESTAMP, ts);
        clusterTimestamp = ts;
        clusterHasBlock = false;
    }

    private void writeFully(ByteBuf data, int index, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = data.getBytes(index + done, channel, filePosition, length - done);
            done += n;
            filePosition += n;
        }
    }

    /** Hands the buffered bytes to the OS; after it returns, a killed process loses none of them. */
    public void flush() throws IOException {
        int n = pending.readableBytes();
        if (n == 0) {
            return;
        }
        int written = 0;
        while (written < n) {
            written += pending.getBytes(pending.readerIndex() + written, channel, filePosition + written, n - written);
        }
        filePosition += n;
        pending.clear();
    }

    /**
     * Finalizes the file: flushes, appends Cues and Tags and patches Duration, SeekHead and the
     * sizes so players can seek, then forces it to disk.
     *
     * @param durationMillis the playing time to record (last timestamp plus the last frame's length)
     * @param tags           global tags (name to value), e.g. recording statistics; may be empty
     * @return the file's final length
     */
    public long finish(long durationMillis, Map<String, String> tags) throws IOException {
        if (finished) {
            throw new IllegalStateException("Writer already finished");
        }
        flush();
        finished = true;
        long end = MatroskaFinalizer.finish(channel, layout, filePosition, durationMillis, tags);
        channel.force(false);
        return end;
    }

    /** Logical file length: bytes written plus bytes still buffered. */
    public long position() {
        return filePosition + pending.readableBytes();
    }

    /** Bytes already handed to the OS. */
    public long flushedBytes() {
        return filePosition;
    }

    public int pendingBytes() {
        return pending.readableBytes();
    }

    /** The file's channel, for {@code force} from a syncing thread. */
    public FileChannel channel() {
        return channel;
    }

    /** Releases the buffer, dropping what was not flushed; the channel stays open (it is borrowed). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.release();
    }
}

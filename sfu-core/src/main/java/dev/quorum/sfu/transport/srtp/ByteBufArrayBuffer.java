package dev.quorum.sfu.transport.srtp;

import io.netty.buffer.ByteBuf;
import org.jitsi.utils.ByteArrayBuffer;

/**
 * jitsi-srtp's packet abstraction over the readable bytes of a heap {@link ByteBuf}, so SRTP
 * transforms run in place in the Netty buffer's own array.
 *
 * <p>One instance is re-pointed at each packet ({@link #wrap}), so the packet path allocates
 * nothing. The packet is {@code array()[arrayOffset + readerIndex, … + readableBytes)}; growing
 * (tags, SRTCP index) moves the writer index into the buffer's tailroom, so the buffer must have
 * enough writable capacity (see {@code MediaBuffers.TAILROOM}). AES-GCM encryption writes its
 * tag past the current length before calling {@link #setLength}, which is why callers must
 * reserve the tailroom <em>before</em> a transform rather than rely on {@link #grow}.
 *
 * <p>Not thread-safe; borrows the buffer it wraps and never releases it.
 */
final class ByteBufArrayBuffer implements ByteArrayBuffer {

    private ByteBuf buf;

    /** Points this view at {@code packet}'s readable bytes; {@code packet} must have an array. */
    ByteBufArrayBuffer wrap(ByteBuf packet) {
        this.buf = packet;
        return this;
    }

    /** Drops the reference to the last packet. */
    void clear() {
        this.buf = null;
    }

    @Override
    public byte[] getBuffer() {
        return buf.array();
    }

    @Override
    public int getOffset() {
        return buf.arrayOffset() + buf.readerIndex();
    }

    @Override
    public int getLength() {
        return buf.readableBytes();
    }

    @Override
    public void setLength(int len) {
        int end = buf.readerIndex() + len;
        if (end > buf.capacity()) {
            buf.ensureWritable(end - buf.writerIndex());
        }
        buf.writerIndex(end);
    }

    @Override
    public void setOffset(int off) {
        int readerIndex = off - buf.arrayOffset();
        int length = buf.readableBytes();
        buf.setIndex(readerIndex, readerIndex + length);
    }

    @Override
    public boolean isInvalid() {
        return buf == null;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        buf.getBytes(buf.readerIndex() + off, out, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        buf.ensureWritable(howMuch);
    }

    @Override
    public void append(byte[] data, int len) {
        buf.writeBytes(data, 0, len);
    }

    @Override
    public void shrink(int len) {
        if (len <= 0) {
            return;
        }
        buf.writerIndex(Math.max(buf.readerIndex(), buf.writerIndex() - len));
    }
}

package dev.quorum.rtp.codec.vp8;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.codec.AbstractVideoDepacketizer;
import dev.quorum.rtp.codec.Codec;
import dev.quorum.rtp.codec.Depacketizer;
import dev.quorum.rtp.codec.PayloadError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * Rebuilds VP8 frames (RFC 7741 §4.5): a frame starts at a packet with S=1 and PID=0, its
 * payloads after the descriptor are concatenated in sequence order, and it ends at the RTP marker
 * (or when the next timestamp begins without loss). Emitted frames hold exactly the VP8
 * bitstream, as an IVF or WebM muxer stores it; keyframes carry their size.
 */
public final class Vp8Depacketizer extends AbstractVideoDepacketizer {

    private final Vp8PayloadDescriptor descriptor = new Vp8PayloadDescriptor();

    public Vp8Depacketizer(Depacketizer.Listener listener, ByteBufAllocator alloc) {
        super(Codec.VP8, listener, alloc);
    }

    @Override
    protected void depacketize(RtpPacket packet) {
        ByteBuf buf = packet.buffer();
        if (!descriptor.wrap(buf, packet.payloadOffset(), packet.payloadLength())) {
            fail(descriptor.error());
            return;
        }
        boolean start = descriptor.startOfFrame();
        if (inFrame() && start) {
            completeFrame();
        }
        if (!inFrame()) {
            if (!start) {
                fail(PayloadError.MISSING_FRAME_START);
                return;
            }
            int modulus = descriptor.pictureIdBits() == 15 ? 1 << 15 : 1 << 7;
            beginFrame(packet.timestamp(), descriptor.pictureId(), modulus);
        }
        int dataLength = packet.payloadLength() - descriptor.length();
        if (dataLength > 0 && !append(buf, packet.payloadOffset() + descriptor.length(), dataLength)) {
            return;
        }
        if (packet.marker()) {
            completeFrame();
        }
    }

    @Override
    protected void completeFrame() {
        CompositeByteBuf data = frameData();
        int length = data.readableBytes();
        boolean keyframe = length > 0 && Vp8FrameHeader.isKeyframe(data, data.readerIndex());
        int width = 0;
        int height = 0;
        if (keyframe && Vp8FrameHeader.hasValidKeyframeHeader(data, data.readerIndex(), length)) {
            width = Vp8FrameHeader.width(data, data.readerIndex());
            height = Vp8FrameHeader.height(data, data.readerIndex());
        }
        emit(data, keyframe, width, height);
    }
}

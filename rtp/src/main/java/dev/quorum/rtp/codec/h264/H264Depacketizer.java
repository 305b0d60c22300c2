package dev.quorum.rtp.codec.h264;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.codec.AbstractVideoDepacketizer;
import dev.quorum.rtp.codec.BitReader;
import dev.quorum.rtp.codec.Codec;
import dev.quorum.rtp.codec.Depacketizer;
import dev.quorum.rtp.codec.PayloadError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;

/**
 * Rebuilds H.264 access units from RTP in packetization mode 1 (RFC 6184 §6.3): single NAL unit
 * packets, STAP-A aggregates and FU-A fragments. An access unit is every NAL unit of one
 * timestamp, ended by the marker bit. Frames carry the NAL units in AVCC form, each behind a
 * 4-byte big-endian length, ready for an {@link AvcDecoderConfigurationRecord avcC} track;
 * parameter sets stay in-band.
 *
 * <pre>
 * single NAL unit (types 1-23):  |F|NRI|Type| NAL payload ...
 * STAP-A (24):   |F|NRI|  24  | size u(16) | NAL unit | size u(16) | NAL unit | ...
 * FU-A (28):     |F|NRI|  28  |S|E|R| Type | fragment ...
 *                the NAL header is rebuilt as F|NRI from the indicator and Type from the FU header
 * </pre>
 *
 * <p>The latest SPS and PPS are kept for the decoder configuration; a keyframe is an access unit
 * with an IDR slice, and carries the size from the SPS. An access unit whose first slice does not
 * start at macroblock 0 lost its beginning and is dropped, so a partial IDR is never emitted. STAP-B, MTAP and FU-B (interleaved mode)
 * are dropped as unsupported.
 */
public final class H264Depacketizer extends AbstractVideoDepacketizer {

    private byte[] sps;
    private byte[] pps;
    private H264SequenceParameterSet spsFields;
    private boolean idrInUnit;
    private boolean sliceInUnit;
    private boolean unitMissingStart;
    private boolean fragmentOpen;
    private int fragmentComponent;
    private int fragmentType;
    private int fragmentHeader;
    private int fragmentLength;

    public H264Depacketizer(Depacketizer.Listener listener, ByteBufAllocator alloc) {
        super(Codec.H264, listener, alloc);
    }

    /** The latest sequence parameter set NAL unit (header byte included), or null before one. */
    public byte[] sequenceParameterSet() {
        return sps == null ? null : sps.clone();
    }

    /** The latest picture parameter set NAL unit, or null before one. */
    public byte[] pictureParameterSet() {
        return pps == null ? null : pps.clone();
    }

    /** Fields of the latest SPS, or null before one. */
    public H264SequenceParameterSet sequenceParameterSetFields() {
        return spsFields;
    }

    /** The avcC for the latest SPS and PPS, or null until both have been seen. */
    public byte[] decoderConfigurationRecord() {
        return sps == null || pps == null || spsFields == null ? null : AvcDecoderConfigurationRecord.build(sps, pps);
    }

    @Override
    protected void depacketize(RtpPacket packet) {
        ByteBuf buf = packet.buffer();
        int offset = packet.payloadOffset();
        int length = packet.payloadLength();
        int indicator = buf.getUnsignedByte(offset);
        if ((indicator & 0x80) != 0) {
            fail(PayloadError.H264_FORBIDDEN_BIT);
            return;
        }
        int type = H264Nal.type(indicator);
        if (!inFrame()) {
            beginFrame(packet.timestamp(), -1, 0);
        }
        boolean ok = switch (type) {
            case H264Nal.STAP_A -> aggregate(buf, offset, length);
            case H264Nal.FU_A -> fragment(buf, offset, length);
            case 0, H264Nal.STAP_B, H264Nal.MTAP16, H264Nal.MTAP24, H264Nal.FU_B, 30, 31 -> {
                fail(PayloadError.H264_UNSUPPORTED_NAL_TYPE);
                yield false;
            }
            default -> fragmentOpen ? incompleteFragment() : appendNal(buf, offset, length);
        };
        if (ok && packet.marker()) {
            completeFrame();
        }
    }

    private boolean incompleteFragment() {
        fail(PayloadError.H264_FU_A_INCOMPLETE);
        return false;
    }

    private boolean aggregate(ByteBuf buf, int offset, int length) {
        if (fragmentOpen) {
            return incompleteFragment();
        }
        int end = offset + length;
        int pos = offset + 1;
        if (pos == end) {
            fail(PayloadError.H264_STAP_A_BAD_SIZE);
            return false;
        }
        while (pos < end) {
            int size = end - pos < 2 ? 0 : buf.getUnsignedShort(pos);
            if (size == 0 || size > end - pos - 2) {
                fail(PayloadError.H264_STAP_A_BAD_SIZE);
                return false;
            }
            pos += 2 + size;
        }
        for (pos = offset + 1; pos < end; ) {
            int size = buf.getUnsignedShort(pos);
            if (!appendNal(buf, pos + 2, size)) {
                return false;
            }
            pos += 2 + size;
        }
        return true;
    }

    private boolean fragment(ByteBuf buf, int offset, int length) {
        if (length < 2) {
            fail(PayloadError.H264_TRUNCATED_NAL);
            return false;
        }
        int header = buf.getUnsignedByte(offset + 1);
        boolean start = (header & 0x80) != 0;
        boolean end = (header & 0x40) != 0;
        int type = H264Nal.type(header);
        if (start && end) {
            fail(PayloadError.H264_FU_A_BAD_HEADER);
            return false;
        }
        if (start) {
            if (fragmentOpen) {
                return incompleteFragment();
            }
            fragmentOpen = true;
            fragmentComponent = frameData().numComponents();
            fragmentType = type;
            fragmentHeader = (buf.getUnsignedByte(offset) & 0xE0) | type;
            fragmentLength = 1;
            noteSliceStart(type, buf, offset + 2, length - 2);
        } else if (!fragmentOpen) {
            fail(PayloadError.H264_FU_A_WITHOUT_START);
            return false;
        } else if (type != fragmentType) {
            fail(PayloadError.H264_FU_A_BAD_HEADER);
            return false;
        }
        if (length > 2) {
            if (!append(buf, offset + 2, length - 2)) {
                return false;
            }
            fragmentLength += length - 2;
        }
        if (end) {
            fragmentOpen = false;
            ByteBuf prefix = alloc().buffer(5, 5).writeInt(fragmentLength).writeByte(fragmentHeader);
            appendOwn(prefix, fragmentComponent);
            CompositeByteBuf data = frameData();
            noteNal(fragmentType, data, data.writerIndex() - fragmentLength, fragmentLength);
        }
        return true;
    }

    private boolean appendNal(ByteBuf buf, int offset, int length) {
        if (length < 1) {
            fail(PayloadError.H264_TRUNCATED_NAL);
            return false;
        }
        noteSliceStart(H264Nal.type(buf.getUnsignedByte(offset)), buf, offset + 1, length - 1);
        appendOwn(alloc().buffer(4, 4).writeInt(length), -1);
        if (!append(buf, offset, length)) {
            return false;
        }
        noteNal(H264Nal.type(buf.getUnsignedByte(offset)), buf, offset, length);
        return true;
    }

    /** Checks first_mb_in_slice (the first field of the slice header) of the unit's first slice. */
    private void noteSliceStart(int type, ByteBuf buf, int sliceHeader, int length) {
        if ((type == H264Nal.SLICE || type == H264Nal.IDR) && !sliceInUnit) {
            sliceInUnit = true;
            BitReader header = new BitReader(buf, sliceHeader, Math.min(length, 8), true);
            if (header.ue() != 0 || header.overrun()) {
                unitMissingStart = true;
            }
        }
    }

    private void noteNal(int type, ByteBuf buf, int offset, int length) {
        switch (type) {
            case H264Nal.IDR -> idrInUnit = true;
            case H264Nal.SPS -> {
                if (!sameBytes(sps, buf, offset, length)) {
                    H264SequenceParameterSet fields = H264SequenceParameterSet.parse(buf, offset, length);
                    if (fields != null) {
                        sps = ByteBufUtil.getBytes(buf, offset, length);
                        spsFields = fields;
                    }
                }
            }
            case H264Nal.PPS -> {
                if (!sameBytes(pps, buf, offset, length)) {
                    pps = ByteBufUtil.getBytes(buf, offset, length);
                }
            }
            default -> {}
        }
    }

    private static boolean sameBytes(byte[] known, ByteBuf buf, int offset, int length) {
        if (known == null || known.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known[i] != buf.getByte(offset + i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void completeFrame() {
        if (fragmentOpen) {
            fail(PayloadError.H264_FU_A_INCOMPLETE);
            return;
        }
        if (unitMissingStart) {
            fail(PayloadError.MISSING_FRAME_START);
            return;
        }
        boolean keyframe = idrInUnit;
        resetUnit();
        int width = keyframe && spsFields != null ? spsFields.width() : 0;
        int height = keyframe && spsFields != null ? spsFields.height() : 0;
        emit(frameData(), keyframe, width, height);
    }

    @Override
    protected void onFrameDropped() {
        fragmentOpen = false;
        resetUnit();
    }

    private void resetUnit() {
        idrInUnit = false;
        sliceInUnit = false;
        unitMissingStart = false;
    }
}

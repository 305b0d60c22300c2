package dev.quorum.rtp.codec.av1;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.codec.AbstractVideoDepacketizer;
import dev.quorum.rtp.codec.Codec;
import dev.quorum.rtp.codec.Depacketizer;
import dev.quorum.rtp.codec.PayloadError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * Rebuilds AV1 temporal units from RTP (AOM AV1 RTP payload format §4): each payload is an
 * aggregation header followed by OBU elements, the first of which may continue an OBU fragment of
 * the previous packet (Z) and the last of which may continue in the next (Y). A temporal unit is
 * every OBU of one timestamp, ended by the marker.
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |Z|Y| W |N|-|-|-|   W = 0: every element is preceded by its leb128 length;
 * +-+-+-+-+-+-+-+-+   W = 1..3: W elements, the last without a length
 * |  OBU element length (leb128)  |  OBU element ...  |  ...  | last OBU element |
 * </pre>
 *
 * <p>Frames come out in the low-overhead bitstream format: each OBU with its header rewritten to
 * carry an obu_size field (RTP senders usually strip it), temporal delimiters and tile lists
 * removed as the payload format says, and optionally one temporal delimiter in front (for raw
 * OBU/IVF-style streams; Matroska and MP4 store temporal units without it). A keyframe is a
 * temporal unit that starts a coded video sequence (N) or carries a sequence header and a
 * KEY_FRAME frame header; its size is the sequence header's maximum frame size.
 */
public final class Av1Depacketizer extends AbstractVideoDepacketizer {

    private static final int HEADER = 0;
    private static final int EXTENSION = 1;
    private static final int SIZE = 2;
    private static final int PAYLOAD = 3;

    // Given.
    private final boolean temporalDelimiter;

    // Owned: the temporal unit.
    private Av1SequenceHeader sequenceHeader;
    private boolean newCodedVideoSequence;
    private boolean sequenceHeaderInUnit;
    private int firstFrameHeaderByte = -1;
    private boolean obuOpen;

    // Owned: the OBU being read.
    private int phase = HEADER;
    private int obuHeader;
    private int obuExtension;
    private long obuSizeField;
    private int obuSizeBytes;
    private boolean obuSkipped;
    private int obuComponent;
    private long obuPayloadLength;

    /** A depacketizer emitting temporal units without a temporal delimiter (for Matroska and MP4). */
    public Av1Depacketizer(Depacketizer.Listener listener, ByteBufAllocator alloc) {
        this(listener, alloc, false);
    }

    /**
     * @param temporalDelimiter whether to start every temporal unit with a temporal delimiter OBU,
     *                          as a raw low-overhead OBU stream requires
     */
    public Av1Depacketizer(Depacketizer.Listener listener, ByteBufAllocator alloc, boolean temporalDelimiter) {
        super(Codec.AV1, listener, alloc);
        this.temporalDelimiter = temporalDelimiter;
    }

    /** The latest sequence header, or null before one. */
    public Av1SequenceHeader sequenceHeader() {
        return sequenceHeader;
    }

    @Override
    protected void depacketize(RtpPacket packet) {
        ByteBuf buf = packet.buffer();
        int pos = packet.payloadOffset();
        int end = pos + packet.payloadLength();
        int aggregation = buf.getUnsignedByte(pos++);
        boolean z = (aggregation & 0x80) != 0;
        boolean y = (aggregation & 0x40) != 0;
        int w = (aggregation >>> 4) & 0x03;
        boolean n = (aggregation & 0x08) != 0;
        if ((z && n) || pos == end) {
            fail(PayloadError.AV1_BAD_AGGREGATION_HEADER);
            return;
        }
        if (!inFrame()) {
            if (z) {
                fail(PayloadError.AV1_CONTINUATION_WITHOUT_START);
                return;
            }
            beginFrame(packet.timestamp(), -1, 0);
            newCodedVideoSequence = n;
        } else if (z != obuOpen) {
            fail(z ? PayloadError.AV1_CONTINUATION_WITHOUT_START : PayloadError.AV1_FRAGMENT_NOT_CONTINUED);
            return;
        }
        int element = 0;
        while (pos < end) {
            element++;
            int length;
            if (w != 0 && element == w) {
                length = end - pos;
            } else if (w != 0 && element > w) {
                fail(PayloadError.AV1_ELEMENT_PAST_END);
                return;
            } else {
                long read = Leb128.read(buf, pos, end);
                if (read < 0) {
                    fail(PayloadError.AV1_BAD_LEB128);
                    return;
                }
                pos += Leb128.length(read);
                length = Leb128.value(read);
                if (length < 0 || length > end - pos) {
                    fail(PayloadError.AV1_ELEMENT_PAST_END);
                    return;
                }
            }
            if (!(element == 1 && z)) {
                startObu();
            }
            if (!readObu(buf, pos, length)) {
                return;
            }
            pos += length;
            obuOpen = y && pos == end;
            if (!obuOpen && !finishObu()) {
                return;
            }
        }
        if (w != 0 && element < w) {
            fail(PayloadError.AV1_ELEMENT_PAST_END);
            return;
        }
        if (packet.marker()) {
            completeFrame();
        }
    }

    private void startObu() {
        phase = HEADER;
        obuSizeField = 0;
        obuSizeBytes = 0;
        obuPayloadLength = 0;
        obuSkipped = false;
    }

    /** Feeds {@code length} bytes of the OBU being read: header bytes first, then payload slices. */
    private boolean readObu(ByteBuf buf, int pos, int length) {
        int end = pos + length;
        while (pos < end && phase != PAYLOAD) {
            int b = buf.getUnsignedByte(pos++);
            switch (phase) {
                case HEADER -> {
                    if (Av1Obu.forbiddenBit(b)) {
                        fail(PayloadError.AV1_BAD_OBU_HEADER);
                        return false;
                    }
                    obuHeader = b;
                    int type = Av1Obu.type(b);
                    obuSkipped = type == Av1Obu.TEMPORAL_DELIMITER || type == Av1Obu.TILE_LIST;
                    phase = Av1Obu.hasExtension(b) ? EXTENSION : Av1Obu.hasSizeField(b) ? SIZE : PAYLOAD;
                }
                case EXTENSION -> {
                    obuExtension = b;
                    phase = Av1Obu.hasSizeField(obuHeader) ? SIZE : PAYLOAD;
                }
                default -> {
                    obuSizeField |= (long) (b & 0x7F) << (7 * obuSizeBytes);
                    obuSizeBytes++;
                    if ((b & 0x80) == 0) {
                        phase = PAYLOAD;
                    } else if (obuSizeBytes == Leb128.MAX_BYTES) {
                        fail(PayloadError.AV1_BAD_LEB128);
                        return false;
                    }
                }
            }
            if (phase == PAYLOAD) {
                obuComponent = frameData().numComponents();
            }
        }
        if (pos < end) {
            int type = Av1Obu.type(obuHeader);
            if (!obuSkipped) {
                if (obuPayloadLength == 0
                        && firstFrameHeaderByte < 0
                        && (type == Av1Obu.FRAME || type == Av1Obu.FRAME_HEADER)) {
                    firstFrameHeaderByte = buf.getUnsignedByte(pos);
                }
                if (!append(buf, pos, end - pos)) {
                    return false;
                }
            }
            obuPayloadLength += end - pos;
        }
        return true;
    }

    /** Ends the OBU: puts its header, with a size field, in front of its payload. */
    private boolean finishObu() {
        if (phase != PAYLOAD) {
            fail(PayloadError.AV1_BAD_OBU_HEADER);
            return false;
        }
        if (Av1Obu.hasSizeField(obuHeader) && obuSizeField != obuPayloadLength) {
            fail(PayloadError.AV1_OBU_SIZE_MISMATCH);
            return false;
        }
        phase = HEADER;
        if (obuSkipped) {
            return true;
        }
        boolean extension = Av1Obu.hasExtension(obuHeader);
        ByteBuf header = alloc().buffer(2 + Leb128.encodedLength(obuPayloadLength));
        header.writeByte(obuHeader | 0x02);
        if (extension) {
            header.writeByte(obuExtension);
        }
        Leb128.write(obuPayloadLength, header);
        appendOwn(header, obuComponent);
        if (Av1Obu.type(obuHeader) == Av1Obu.SEQUENCE_HEADER) {
            CompositeByteBuf data = frameData();
            Av1SequenceHeader parsed =
                    Av1SequenceHeader.parse(data, data.writerIndex() - (int) obuPayloadLength, (int) obuPayloadLength);
            if (parsed != null) {
                sequenceHeader = parsed;
                sequenceHeaderInUnit = true;
            }
        }
        return true;
    }

    @Override
    protected void completeFrame() {
        if (obuOpen) {
            fail(PayloadError.AV1_FRAGMENT_NOT_CONTINUED);
            return;
        }
        boolean keyframe = newCodedVideoSequence
                || (sequenceHeaderInUnit
                        && firstFrameHeaderByte >= 0
                        && sequenceHeader.isKeyFrame(firstFrameHeaderByte));
        int width = keyframe && sequenceHeader != null ? sequenceHeader.maxWidth() : 0;
        int height = keyframe && sequenceHeader != null ? sequenceHeader.maxHeight() : 0;
        CompositeByteBuf data = frameData();
        resetUnit();
        if (temporalDelimiter && data.readableBytes() > 0) {
            appendOwn(
                    alloc().buffer(2, 2)
                            .writeByte(Av1Obu.TEMPORAL_DELIMITER_HEADER)
                            .writeByte(0),
                    0);
        }
        emit(data, keyframe, width, height);
    }

    @Override
    protected void onFrameDropped() {
        resetUnit();
    }

    private void resetUnit() {
        obuOpen = false;
        phase = HEADER;
        newCodedVideoSequence = false;
        sequenceHeaderInUnit = false;
        firstFrameHeaderByte = -1;
    }
}

package dev.quorum.sfu.room;

import dev.quorum.rtp.RtpPacket;
import dev.quorum.rtp.codec.h264.H264Nal;
import dev.quorum.rtp.codec.h264.H264SequenceParameterSet;
import dev.quorum.rtp.codec.vp8.Vp8FrameHeader;
import dev.quorum.rtp.codec.vp8.Vp8PayloadDescriptor;
import io.netty.buffer.ByteBuf;

/**
 * Reads, from one RTP packet of a video stream, what forwarding decisions need: does it start a
 * keyframe, and the picture size when the keyframe says it. Only the payload descriptor and the
 * first bytes of the frame are read; nothing is copied. One per publisher connection (it holds a
 * reusable VP8 descriptor view); lives on the room's loop. Sizes come from the VP8 keyframe
 * header, the VP9 scalability structure and the H.264 sequence parameter set.
 */
final class VideoFrames {

    enum Kind {
        VP8,
        VP9,
        H264,
        AV1,
        OTHER
    }

    private final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();
    private int width;
    private int height;

    static Kind kind(CodecChoice codec) {
        if (codec.is("VP8")) {
            return Kind.VP8;
        }
        if (codec.is("VP9")) {
            return Kind.VP9;
        }
        if (codec.is("H264")) {
            return Kind.H264;
        }
        if (codec.is("AV1")) {
            return Kind.AV1;
        }
        return Kind.OTHER;
    }

    /** The VP8 descriptor of the last {@link #isKeyframe} call on a VP8 packet (valid or not). */
    Vp8PayloadDescriptor vp8() {
        return vp8;
    }

    /** Width found in the last keyframe packet, 0 if it did not say. */
    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /**
     * True if the packet is the first packet of a keyframe (for H.264: carries an IDR slice or
     * the SPS that precedes it). Borrows the packet.
     */
    boolean isKeyframe(Kind kind, RtpPacket p) {
        width = 0;
        height = 0;
        ByteBuf b = p.buffer();
        int at = p.payloadOffset();
        int len = p.payloadLength();
        if (len == 0) {
            return false;
        }
        switch (kind) {
            case VP8:
                return vp8Keyframe(b, at, len);
            case VP9:
                return vp9Keyframe(b, at, len);
            case H264:
                return h264Keyframe(b, at, len);
            case AV1:
                // Aggregation header Z|Y|W|W|N|-|-|-: N marks the first packet of a coded video sequence.
                return (b.getByte(at) & 0x08) != 0;
            default:
                return false;
        }
    }

    private boolean vp8Keyframe(ByteBuf b, int at, int len) {
        if (!vp8.wrap(b, at, len) || !vp8.startOfFrame()) {
            return false;
        }
        int frame = at + vp8.length();
        int frameLen = len - vp8.length();
        if (frameLen < 1 || !Vp8FrameHeader.isKeyframe(b, frame)) {
            return false;
        }
        if (Vp8FrameHeader.hasValidKeyframeHeader(b, frame, frameLen)) {
            width = Vp8FrameHeader.width(b, frame);
            height = Vp8FrameHeader.height(b, frame);
        }
        return true;
    }

    /*
     * VP9 payload descriptor (RFC 9628 §4.2), first byte I|P|L|F|B|E|V|Z. A keyframe's first
     * packet is not inter-predicted (P=0), begins a frame (B=1) and, with layer indices, belongs
     * to spatial layer 0. With V=1 the scalability structure follows and may carry the sizes.
     */
    private boolean vp9Keyframe(ByteBuf b, int at, int len) {
        int b0 = b.getUnsignedByte(at);
        if ((b0 & 0x40) != 0 || (b0 & 0x08) == 0) {
            return false;
        }
        int pos = at + 1;
        int end = at + len;
        if ((b0 & 0x80) != 0) {
            if (pos >= end) {
                return false;
            }
            pos += (b.getByte(pos) & 0x80) != 0 ? 2 : 1;
        }
        if ((b0 & 0x20) != 0) {
            if (pos >= end) {
                return false;
            }
            int layer = b.getUnsignedByte(pos);
            if (((layer >>> 1) & 0x07) != 0) {
                return false;
            }
            pos += (b0 & 0x10) == 0 ? 2 : 1;
        }
        if ((b0 & 0x02) != 0 && pos < end) {
            int ss = b.getUnsignedByte(pos++);
            int spatialLayers = (ss >>> 5) + 1;
            if ((ss & 0x10) != 0 && pos + 4 * spatialLayers <= end) {
                int last = pos + 4 * (spatialLayers - 1);
                width = b.getUnsignedShort(last);
                height = b.getUnsignedShort(last + 2);
            }
        }
        return true;
    }

    /*
     * H.264 (RFC 6184 §5): single NAL unit, STAP-A (24) or the start of an FU-A (28). The picture
     * size comes from the SPS that browsers send with every IDR (in a STAP-A, before the slice).
     */
    private boolean h264Keyframe(ByteBuf b, int at, int len) {
        int type = b.getByte(at) & 0x1F;
        if (type == H264Nal.IDR) {
            return true;
        }
        if (type == H264Nal.SPS) {
            readSize(b, at, len);
            return true;
        }
        if (type == 24) {
            int pos = at + 1;
            int end = at + len;
            boolean keyframe = false;
            while (pos + 2 < end) {
                int size = b.getUnsignedShort(pos);
                pos += 2;
                if (size == 0 || pos + size > end) {
                    return keyframe;
                }
                int t = b.getByte(pos) & 0x1F;
                if (t == H264Nal.SPS) {
                    readSize(b, pos, size);
                    keyframe = true;
                } else if (t == H264Nal.IDR) {
                    return true;
                }
                pos += size;
            }
            return keyframe;
        }
        if (type == 28 && len >= 2) {
            int fu = b.getUnsignedByte(at + 1);
            int t = fu & 0x1F;
            if ((fu & 0x80) == 0 || (t != H264Nal.IDR && t != H264Nal.SPS)) {
                return false;
            }
            if (t == H264Nal.SPS) {
                // The FU header's type bits stand in for the NAL header; a truncated SPS gives no size.
                readSize(b, at + 1, len - 1);
            }
            return true;
        }
        return false;
    }

    /** Control-path work: parsing an SPS allocates, once per keyframe. */
    private void readSize(ByteBuf b, int at, int len) {
        H264SequenceParameterSet sps = H264SequenceParameterSet.parse(b, at, len);
        if (sps != null) {
            width = sps.width();
            height = sps.height();
        }
    }
}

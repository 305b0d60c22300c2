package dev.quorum.rtp.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * One RTCP message. Each type is a record named as its RFC names it, with a static
 * {@code parse} that never throws and the two methods below to write it.
 */
public sealed interface RtcpPacket
        permits SenderReport,
                ReceiverReport,
                SourceDescription,
                Goodbye,
                ApplicationDefined,
                TransportLayerNack,
                TransportWideFeedback,
                PictureLossIndication,
                FullIntraRequest,
                ReceiverEstimatedMaxBitrate,
                RawRtcp {

    /** Sender report (RFC 3550 §6.4.1). */
    int SR = 200;
    /** Receiver report (RFC 3550 §6.4.2). */
    int RR = 201;
    /** Source description (RFC 3550 §6.5). */
    int SDES = 202;
    /** Goodbye (RFC 3550 §6.6). */
    int BYE = 203;
    /** Application-defined (RFC 3550 §6.7). */
    int APP = 204;
    /** Transport-layer feedback (RFC 4585 §6.2): NACK, transport-cc. */
    int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585 §6.3): PLI, FIR, REMB. */
    int PSFB = 206;

    /** The RTCP packet type (PT). */
    int packetType();

    /** Bytes {@link #writeTo} writes: always a multiple of 4. */
    int encodedLength();

    /** Appends the packet at {@code dst}'s writer index. Borrows {@code dst}. */
    void writeTo(ByteBuf dst);
}

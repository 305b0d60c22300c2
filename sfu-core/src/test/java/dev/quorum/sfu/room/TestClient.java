package dev.quorum.sfu.room;

import dev.quorum.rtp.RtpPacketBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the RTP a Chrome publisher sends on one peer connection, with the extension ids of
 * {@link TestMedia#EXTENSIONS}: one transport-wide sequence for all its streams, mid/rid on every
 * packet (Chrome stops after a while; the engine must not need them), VP8 with 15-bit picture ids
 * and keyframe headers carrying the size, Opus with audio levels, RTX and padding probes.
 */
final class TestClient {

    int transportSequence = 100;

    /** One stream of the client: a track, or one simulcast layer. */
    final class Stream {
        final long ssrc;
        final int payloadType;
        final String mid;
        final String rid;
        int sequence;
        long timestamp;
        int pictureId;
        int tl0 = 5;
        long rtxSsrc;
        int rtxPayloadType = -1;
        int rtxSequence = 9000;
        boolean sendMidAndRid = true;
        final Map<Integer, byte[]> payloads = new HashMap<>();
        final Map<Integer, Long> timestamps = new HashMap<>();

        Stream(
                long ssrc,
                int payloadType,
                String mid,
                String rid,
                int firstSequence,
                long firstTimestamp,
                int firstPicture) {
            this.ssrc = ssrc;
            this.payloadType = payloadType;
            this.mid = mid;
            this.rid = rid;
            this.sequence = firstSequence & 0xFFFF;
            this.timestamp = firstTimestamp;
            this.pictureId = firstPicture;
        }

        Stream rtx(long ssrc, int payloadType) {
            rtxSsrc = ssrc;
            rtxPayloadType = payloadType;
            return this;
        }

        private RtpPacketBuilder header(int seq, long ts, boolean marker) {
            RtpPacketBuilder b = new RtpPacketBuilder()
                    .payloadType(payloadType)
                    .sequenceNumber(seq)
                    .timestamp(ts)
                    .ssrc(ssrc)
                    .marker(marker)
                    .extension(3, twcc());
            if (sendMidAndRid) {
                b.extension(4, mid.getBytes());
                if (rid != null) {
                    b.extension(10, rid.getBytes());
                }
            }
            return b;
        }

        /** One single-packet VP8 frame; the frame's timestamp then advances by 3000 (30 fps). */
        ByteBuf vp8(boolean keyframe, int width, int height, int payloadSize) {
            byte[] payload = new byte[Math.max(payloadSize, 16)];
            payload[0] = (byte) 0x90;
            payload[1] = (byte) 0xC0;
            payload[2] = (byte) (0x80 | (pictureId >> 8));
            payload[3] = (byte) pictureId;
            payload[4] = (byte) tl0;
            int f = 5;
            payload[f] = (byte) (keyframe ? 0x10 : 0x11);
            if (keyframe) {
                payload[f + 3] = (byte) 0x9d;
                payload[f + 4] = 0x01;
                payload[f + 5] = 0x2a;
                payload[f + 6] = (byte) width;
                payload[f + 7] = (byte) (width >> 8);
                payload[f + 8] = (byte) height;
                payload[f + 9] = (byte) (height >> 8);
            }
            for (int i = f + 10; i < payload.length; i++) {
                payload[i] = (byte) (sequence + i);
            }
            int seq = sequence;
            payloads.put(seq, payload);
            timestamps.put(seq, timestamp);
            ByteBuf out = header(seq, timestamp, true).payload(payload).build(PooledByteBufAllocator.DEFAULT);
            sequence = (sequence + 1) & 0xFFFF;
            timestamp = (timestamp + 3000) & 0xFFFFFFFFL;
            pictureId = (pictureId + 1) & 0x7FFF;
            if (keyframe) {
                tl0 = (tl0 + 1) & 0xFF;
            }
            return out;
        }

        /**
         * One single-packet H.264 frame as Chrome packetizes it: a keyframe is a STAP-A of SPS
         * (carrying the size), PPS and a short IDR slice; a delta frame a single non-IDR slice
         * NAL whose second byte is {@code mark} and whose length is {@code payloadSize}.
         */
        ByteBuf h264(boolean keyframe, int width, int height, int mark, int payloadSize) {
            byte[] payload;
            if (keyframe) {
                byte[] sps = H264Sps.of(width, height);
                byte[] pps = {0x68, (byte) 0xCE, 0x3C, (byte) 0x80};
                byte[] idr = {0x65, (byte) 0x88, (byte) mark, 0x21, 0x42};
                payload = new byte[1 + 2 + sps.length + 2 + pps.length + 2 + idr.length];
                payload[0] = 0x78;
                int at = 1;
                for (byte[] nal : new byte[][] {sps, pps, idr}) {
                    payload[at] = (byte) (nal.length >> 8);
                    payload[at + 1] = (byte) nal.length;
                    System.arraycopy(nal, 0, payload, at + 2, nal.length);
                    at += 2 + nal.length;
                }
            } else {
                payload = new byte[Math.max(payloadSize, 4)];
                payload[0] = 0x41;
                payload[1] = (byte) mark;
                for (int i = 2; i < payload.length; i++) {
                    payload[i] = (byte) (sequence + i);
                }
            }
            int seq = sequence;
            payloads.put(seq, payload);
            timestamps.put(seq, timestamp);
            ByteBuf out = header(seq, timestamp, true).payload(payload).build(PooledByteBufAllocator.DEFAULT);
            sequence = (sequence + 1) & 0xFFFF;
            timestamp = (timestamp + 3000) & 0xFFFFFFFFL;
            return out;
        }

        /** One 20 ms Opus packet at {@code level} dBov (127 = silence). */
        ByteBuf opus(int level) {
            byte[] payload = new byte[40];
            payload[0] = (byte) 0x78;
            for (int i = 1; i < payload.length; i++) {
                payload[i] = (byte) (sequence * 7 + i);
            }
            int seq = sequence;
            payloads.put(seq, payload);
            timestamps.put(seq, timestamp);
            ByteBuf out = header(seq, timestamp, false)
                    .extension(1, new byte[] {(byte) (0x80 | level)})
                    .payload(payload)
                    .build(PooledByteBufAllocator.DEFAULT);
            sequence = (sequence + 1) & 0xFFFF;
            timestamp = (timestamp + 960) & 0xFFFFFFFFL;
            return out;
        }

        /** Makes the next VP8 frame but loses it on the way (it can still be retransmitted). */
        void lose(int payloadSize) {
            vp8(false, 0, 0, payloadSize).release();
        }

        /** A retransmission of {@code seq} on the RTX stream (RFC 4588). */
        ByteBuf retransmission(int seq) {
            byte[] original = payloads.get(seq);
            byte[] payload = new byte[original.length + 2];
            payload[0] = (byte) (seq >> 8);
            payload[1] = (byte) seq;
            System.arraycopy(original, 0, payload, 2, original.length);
            RtpPacketBuilder b = new RtpPacketBuilder()
                    .payloadType(rtxPayloadType)
                    .sequenceNumber(rtxSequence++)
                    .timestamp(timestamps.get(seq))
                    .ssrc(rtxSsrc)
                    .marker(true)
                    .extension(3, twcc());
            if (sendMidAndRid) {
                b.extension(4, mid.getBytes());
                if (rid != null) {
                    b.extension(11, rid.getBytes());
                }
            }
            return b.payload(payload).build(PooledByteBufAllocator.DEFAULT);
        }

        /** A padding-only probe on the media stream (takes a sequence number). */
        ByteBuf padding() {
            ByteBuf out = header(sequence, timestamp, false).padding(200).build(PooledByteBufAllocator.DEFAULT);
            sequence = (sequence + 1) & 0xFFFF;
            return out;
        }
    }

    Stream stream(
            long ssrc,
            int payloadType,
            String mid,
            String rid,
            int firstSequence,
            long firstTimestamp,
            int firstPicture) {
        return new Stream(ssrc, payloadType, mid, rid, firstSequence, firstTimestamp, firstPicture);
    }

    private byte[] twcc() {
        int s = transportSequence;
        transportSequence = (transportSequence + 1) & 0xFFFF;
        return new byte[] {(byte) (s >> 8), (byte) s};
    }
}

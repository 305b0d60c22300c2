package dev.quorum.bench.load;

import dev.quorum.sfu.transport.MediaBuffers;
import dev.quorum.sfu.transport.srtp.SrtpSession;
import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * One participant's camera and microphone: VP8-shaped video (a keyframe every two seconds, or
 * on the next frame after a PLI/FIR from the server) and Opus-sized audio, paced by the
 * generator's one sending thread. Every payload ends with the send time ({@link System#nanoTime})
 * so receivers can measure latency through the SFU; the VP8 payload descriptor and frame header
 * are real enough for the engine to find keyframes and rewrite picture ids.
 */
final class MediaSender implements LoadPeer.Listener {

    static final int AUDIO_PAYLOAD_TYPE = 111;
    static final int VIDEO_PAYLOAD_TYPE = 96;
    /** An Opus frame of 20 ms at about 64 kbit/s. */
    static final int AUDIO_PAYLOAD_BYTES = 160;

    static final long AUDIO_INTERVAL_NANOS = 20_000_000L;
    static final int FRAMES_PER_SECOND = 30;
    static final int KEYFRAME_INTERVAL_FRAMES = 2 * FRAMES_PER_SECOND;
    /** The largest payload a video packet carries; a frame is cut into packets of this or less. */
    static final int MAX_VIDEO_PAYLOAD = 1100;

    private static final int RTP_HEADER = 12;
    private static final int TIMESTAMP_BYTES = 8;
    private static final int VP8_DESCRIPTOR = 4;
    /** VP8 keyframe header (RFC 6386 §9.1): frame tag, start code, 640×480. */
    private static final byte[] VP8_KEYFRAME_HEADER = {
        0x10, 0x02, 0x00, (byte) 0x9d, 0x01, 0x2a, (byte) 0x80, 0x02, (byte) 0xe0, 0x01
    };

    // Given.
    private final LoadPeer peer;
    private final int audioSsrc;
    private final int videoSsrc;
    private final int packetsPerFrame;
    private final int videoPayloadBytes;
    private final long phaseNanos;
    // Owned; written by the sending thread only.
    private long startNanos;
    private final ByteBuf packet = MediaBuffers.allocate(RTP_HEADER + MAX_VIDEO_PAYLOAD + SrtpSession.MAX_OVERHEAD);
    private long audioPackets;
    private long videoFrames;
    private int audioSeq;
    private int videoSeq;
    private int pictureId;
    private volatile boolean keyframeRequested;
    private volatile long packetsSent;
    private volatile long sendFailures;

    /**
     * @param videoKbps the video bit rate; each 30 fps frame is cut into equal packets of at most
     *                  {@value #MAX_VIDEO_PAYLOAD} payload bytes
     * @param phaseNanos how long after the common start this sender begins (staggered so senders
     *                   do not burst together)
     */
    MediaSender(LoadPeer peer, int audioSsrc, int videoSsrc, int videoKbps, long phaseNanos) {
        this.peer = peer;
        this.audioSsrc = audioSsrc;
        this.videoSsrc = videoSsrc;
        int frameBytes = Math.max(
                VP8_DESCRIPTOR + VP8_KEYFRAME_HEADER.length + TIMESTAMP_BYTES,
                videoKbps * 1000 / 8 / FRAMES_PER_SECOND);
        this.packetsPerFrame = (frameBytes + MAX_VIDEO_PAYLOAD - 1) / MAX_VIDEO_PAYLOAD;
        this.videoPayloadBytes =
                Math.max(VP8_DESCRIPTOR + VP8_KEYFRAME_HEADER.length + TIMESTAMP_BYTES, frameBytes / packetsPerFrame);
        this.phaseNanos = phaseNanos;
        this.audioSeq = audioSsrc & 0x7FFF;
        this.videoSeq = videoSsrc & 0x7FFF;
    }

    int packetsPerFrame() {
        return packetsPerFrame;
    }

    int videoPayloadBytes() {
        return videoPayloadBytes;
    }

    /** RTP packets given to the socket so far. */
    long packetsSent() {
        return packetsSent;
    }

    long sendFailures() {
        return sendFailures;
    }

    /** Starts this sender's clock, {@code phaseNanos} after {@code commonStartNanos}. Sending thread only. */
    void startAt(long commonStartNanos) {
        startNanos = commonStartNanos + phaseNanos;
    }

    /** Sends every audio packet and video frame due by {@code nowNanos}. Sending thread only. */
    void tick(long nowNanos) {
        long elapsed = nowNanos - startNanos;
        if (elapsed < 0) {
            return;
        }
        try {
            while (audioPackets * AUDIO_INTERVAL_NANOS <= elapsed) {
                sendAudio();
            }
            while (videoFrames * 1_000_000_000L / FRAMES_PER_SECOND <= elapsed) {
                sendFrame();
            }
        } catch (IOException e) {
            sendFailures++;
        }
    }

    private void sendAudio() throws IOException {
        writeHeader(AUDIO_PAYLOAD_TYPE, audioSeq, audioPackets * 960, audioSsrc, true);
        packet.writeZero(AUDIO_PAYLOAD_BYTES - TIMESTAMP_BYTES);
        send();
        audioSeq = (audioSeq + 1) & 0xFFFF;
        audioPackets++;
    }

    private void sendFrame() throws IOException {
        boolean keyframe = keyframeRequested || videoFrames % KEYFRAME_INTERVAL_FRAMES == 0;
        keyframeRequested = false;
        long timestamp = videoFrames * (90_000 / FRAMES_PER_SECOND);
        for (int i = 0; i < packetsPerFrame; i++) {
            writeHeader(VIDEO_PAYLOAD_TYPE, videoSeq, timestamp, videoSsrc, i == packetsPerFrame - 1);
            // RFC 7741 §4.2: X=1, S on the first packet of the frame, PID 0; I=1 with a 15-bit picture id.
            packet.writeByte(i == 0 ? 0x90 : 0x80).writeByte(0x80).writeShort(0x8000 | pictureId);
            int rest = videoPayloadBytes - VP8_DESCRIPTOR - TIMESTAMP_BYTES;
            if (i == 0) {
                if (keyframe) {
                    packet.writeBytes(VP8_KEYFRAME_HEADER);
                } else {
                    packet.writeByte(0x11).writeZero(VP8_KEYFRAME_HEADER.length - 1);
                }
                rest -= VP8_KEYFRAME_HEADER.length;
            }
            packet.writeZero(rest);
            send();
            videoSeq = (videoSeq + 1) & 0xFFFF;
        }
        pictureId = (pictureId + 1) & 0x7FFF;
        videoFrames++;
    }

    private void writeHeader(int payloadType, int seq, long timestamp, int ssrc, boolean marker) {
        packet.clear();
        packet.writeByte(0x80)
                .writeByte((marker ? 0x80 : 0) | payloadType)
                .writeShort(seq)
                .writeInt((int) timestamp)
                .writeInt(ssrc);
    }

    private void send() throws IOException {
        packet.writeLong(System.nanoTime());
        if (peer.sendRtp(packet)) {
            packetsSent++;
        } else {
            sendFailures++;
        }
    }

    /** Publishers receive nothing but feedback; a PLI or FIR asks for the next frame to be a keyframe. */
    @Override
    public void onRtp(ByteBuf packet, long receivedNanos) {}

    /** Borrows {@code compound}. */
    @Override
    public void onRtcp(ByteBuf compound) {
        int at = compound.readerIndex();
        int end = compound.writerIndex();
        while (at + 4 <= end) {
            int format = compound.getUnsignedByte(at) & 0x1F;
            int type = compound.getUnsignedByte(at + 1);
            if (type == 206 && (format == 1 || format == 4)) {
                keyframeRequested = true;
            }
            at += 4 + 4 * compound.getUnsignedShort(at + 2);
        }
    }

    void close() {
        packet.release();
    }
}

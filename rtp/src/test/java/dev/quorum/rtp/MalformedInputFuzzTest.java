package dev.quorum.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.rtp.codec.BitReader;
import dev.quorum.rtp.codec.Depacketizer;
import dev.quorum.rtp.codec.Frame;
import dev.quorum.rtp.codec.PayloadError;
import dev.quorum.rtp.codec.RedPayload;
import dev.quorum.rtp.codec.av1.Av1Depacketizer;
import dev.quorum.rtp.codec.av1.Av1SequenceHeader;
import dev.quorum.rtp.codec.av1.Leb128;
import dev.quorum.rtp.codec.h264.H264Depacketizer;
import dev.quorum.rtp.codec.h264.H264SequenceParameterSet;
import dev.quorum.rtp.codec.opus.OpusDepacketizer;
import dev.quorum.rtp.codec.opus.OpusToc;
import dev.quorum.rtp.codec.vp8.Vp8Depacketizer;
import dev.quorum.rtp.codec.vp8.Vp8FrameHeader;
import dev.quorum.rtp.codec.vp8.Vp8PayloadDescriptor;
import dev.quorum.rtp.codec.vp9.Vp9Depacketizer;
import dev.quorum.rtp.codec.vp9.Vp9FrameHeader;
import dev.quorum.rtp.codec.vp9.Vp9PayloadDescriptor;
import dev.quorum.rtp.codec.vp9.Vp9Superframe;
import dev.quorum.rtp.ext.AbsSendTime;
import dev.quorum.rtp.ext.AudioLevel;
import dev.quorum.rtp.ext.SdesExtension;
import dev.quorum.rtp.ext.TransportWideSequenceNumber;
import dev.quorum.rtp.ext.VideoOrientation;
import dev.quorum.rtp.rtcp.ApplicationDefined;
import dev.quorum.rtp.rtcp.FullIntraRequest;
import dev.quorum.rtp.rtcp.Goodbye;
import dev.quorum.rtp.rtcp.PictureLossIndication;
import dev.quorum.rtp.rtcp.RawRtcp;
import dev.quorum.rtp.rtcp.ReceiverEstimatedMaxBitrate;
import dev.quorum.rtp.rtcp.ReceiverReport;
import dev.quorum.rtp.rtcp.RtcpPacket;
import dev.quorum.rtp.rtcp.RtcpParser;
import dev.quorum.rtp.rtcp.RtcpReader;
import dev.quorum.rtp.rtcp.RtcpResult;
import dev.quorum.rtp.rtcp.SenderReport;
import dev.quorum.rtp.rtcp.SourceDescription;
import dev.quorum.rtp.rtcp.TransportLayerNack;
import dev.quorum.rtp.rtcp.TransportWideFeedback;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds corrupted packets through every parser and depacketizer: seeded bit flips, truncations,
 * corrupted length fields and appended garbage applied to valid packets of every kind, plus pure
 * random bytes. Nothing may throw, and when everything is closed no buffer may still be
 * allocated: the test's own allocator counts live bytes exactly, and the leak detector runs at
 * PARANOID on top.
 */
class MalformedInputFuzzTest {

    private static final int MUTATED_RTP = 80_000;
    private static final int MUTATED_RTCP = 30_000;
    private static final int RANDOM = 20_000;
    private static final long SEED = 0x5EED_C0DEL;

    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false, false);
    private final Random random = new Random(SEED);
    private final Map<PayloadError, Integer> drops = new EnumMap<>(PayloadError.class);
    private int frames;
    private int validRtp;
    private int validRtcp;
    private final int[] frameIndex = new int[6];

    private final Depacketizer.Listener listener = new Depacketizer.Listener() {
        @Override
        public void onFrame(Frame frame) {
            frames++;
            frame.data().getByte(frame.data().readerIndex());
            frame.data().getByte(frame.data().writerIndex() - 1);
            frame.release();
        }

        @Override
        public void onDropped(PayloadError reason) {
            drops.merge(reason, 1, Integer::sum);
        }
    };

    @Test
    void corruptedAndRandomInputNeverThrowsNorLeaks() {
        List<byte[]> rtpSeeds = FuzzSeeds.rtp();
        List<byte[]> rtcpSeeds = FuzzSeeds.rtcp();
        Depacketizer[] depacketizers = {
            new Vp8Depacketizer(listener, alloc),
            new Vp9Depacketizer(listener, alloc),
            new Vp9Depacketizer(listener, alloc, 0),
            new H264Depacketizer(listener, alloc),
            new Av1Depacketizer(listener, alloc, true),
            new OpusDepacketizer(listener, FuzzSeeds.RED),
        };
        int[] nextSequence = new int[depacketizers.length];
        RtpPacket view = new RtpPacket();
        RtcpReader reader = new RtcpReader();
        try (PacketCache cache = new PacketCache(64)) {
            for (int i = 0; i < MUTATED_RTP; i++) {
                byte[] datagram = mutate(rtpSeeds.get(random.nextInt(rtpSeeds.size())), true);
                rtp(datagram, view, depacketizers, nextSequence, cache);
            }
            for (int i = 0; i < MUTATED_RTCP; i++) {
                rtcp(mutate(rtcpSeeds.get(random.nextInt(rtcpSeeds.size())), false), reader);
            }
            for (int i = 0; i < RANDOM; i++) {
                byte[] garbage = new byte[random.nextInt(1500)];
                random.nextBytes(garbage);
                if (random.nextBoolean() && garbage.length > 1) {
                    garbage[0] = (byte) (0x80 | (garbage[0] & 0x3F));
                }
                rtp(garbage, view, depacketizers, nextSequence, cache);
                rtcp(garbage, reader);
            }
        } finally {
            for (Depacketizer depacketizer : depacketizers) {
                depacketizer.close();
            }
        }
        assertThat(alloc.metric().usedHeapMemory())
                .as("bytes still allocated after closing everything")
                .isZero();
        assertThat(validRtp).as("mutations that stayed valid RTP").isGreaterThan(MUTATED_RTP / 4);
        assertThat(validRtcp).as("mutations that stayed valid RTCP").isGreaterThan(MUTATED_RTCP / 20);
        assertThat(frames).as("frames still emitted between corruptions").isGreaterThan(1_000);
        assertThat(drops.keySet()).as("drop reasons exercised").hasSizeGreaterThan(20);
    }

    private byte[] mutate(byte[] seed, boolean rtp) {
        byte[] bytes = seed.clone();
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    int bit = random.nextInt(bytes.length * 8);
                    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case 2 -> corruptLengthField(bytes, rtp);
            case 3 -> {
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) new int[] {0x00, 0xFF, 0x80, 0x7F, random.nextInt(256)}[random.nextInt(5)];
            }
            case 4 -> {
                byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(64));
                for (int i = bytes.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                bytes = longer;
            }
            default -> {} // unchanged: keeps the depacketizers producing frames between corruptions
        }
        return bytes;
    }

    /** Rewrites a field that says how long something is. */
    private void corruptLengthField(byte[] bytes, boolean rtp) {
        if (bytes.length < 4) {
            return;
        }
        if (!rtp) {
            bytes[2] = (byte) random.nextInt(256);
            bytes[3] = (byte) random.nextInt(256);
            return;
        }
        switch (random.nextInt(4)) {
            case 0 -> bytes[0] = (byte) ((bytes[0] & 0xF0) | random.nextInt(16));
            case 1 -> bytes[bytes.length - 1] = (byte) random.nextInt(256);
            default -> {
                int at = Math.min(bytes.length - 1, 12 + random.nextInt(Math.max(1, Math.min(24, bytes.length - 12))));
                bytes[at] = (byte) random.nextInt(256);
            }
        }
    }

    private void rtp(
            byte[] datagram, RtpPacket view, Depacketizer[] depacketizers, int[] nextSequence, PacketCache cache) {
        ByteBuf buf = alloc.buffer(datagram.length);
        buf.writeBytes(datagram);
        try {
            if (!(view.wrap(buf) instanceof RtpPacket)) {
                return;
            }
            validRtp++;
            readEverything(view);
            cache.put(view, 0);
            int target = switch (view.payloadType()) {
                case FuzzSeeds.VP8 -> 0;
                case FuzzSeeds.VP9 -> random.nextBoolean() ? 1 : 2;
                case FuzzSeeds.H264 -> 3;
                case FuzzSeeds.AV1 -> 4;
                default -> 5;
            };
            if (random.nextInt(10) < 9) {
                // In order, with a new timestamp after each marker, like a real stream.
                view.setSequenceNumber(nextSequence[target]++);
                view.setTimestamp(3000L * frameIndex[target]);
                if (view.marker()) {
                    frameIndex[target]++;
                }
            }
            depacketizers[target].push(view);
            if (random.nextInt(50) == 0) {
                depacketizers[random.nextInt(depacketizers.length)].push(view);
            }
        } finally {
            buf.release();
        }
    }

    private static void readEverything(RtpPacket p) {
        p.marker();
        p.timestamp();
        p.ssrc();
        for (int i = 0; i < p.csrcCount(); i++) {
            p.csrc(i);
        }
        for (int id = 1; id <= 15; id++) {
            p.extensionValue(id);
            AbsSendTime.read(p, id);
            TransportWideSequenceNumber.read(p, id);
            AudioLevel.read(p, id);
            VideoOrientation.read(p, id);
            SdesExtension.read(p, id);
        }
        p.extensionValue(200);
        Rtx.originalSequenceNumber(p);
        ByteBuf buf = p.buffer();
        int offset = p.payloadOffset();
        int length = p.payloadLength();
        new Vp8PayloadDescriptor().wrap(buf, offset, length);
        new Vp9PayloadDescriptor().wrap(buf, offset, length);
        new RedPayload().wrap(buf, offset, length);
        if (Vp8FrameHeader.hasValidKeyframeHeader(buf, offset, length)) {
            Vp8FrameHeader.width(buf, offset);
        }
        Vp9FrameHeader.keyframeSize(buf, offset, length);
        Vp9Superframe.readIndex(buf, offset, length, new int[Vp9Superframe.MAX_FRAMES]);
        H264SequenceParameterSet.parse(buf, offset, length);
        Av1SequenceHeader.parse(buf, offset, length);
        Leb128.read(buf, offset, offset + length);
        OpusToc.durationSamples(buf, offset, length);
        BitReader bits = new BitReader(buf, offset, length, true);
        while (!bits.overrun()) {
            bits.ue();
        }
    }

    private void rtcp(byte[] datagram, RtcpReader reader) {
        ByteBuf buf = alloc.buffer(datagram.length);
        buf.writeBytes(datagram);
        try {
            RtcpResult<List<RtcpPacket>> all = RtcpParser.parse(buf);
            if (all.packetOrNull() != null) {
                validRtcp++;
                ByteBuf out = alloc.buffer();
                try {
                    RtcpParser.writeCompound(all.packetOrNull(), out);
                    assertThat(out.readableBytes()).isEqualTo(RtcpParser.compoundLength(all.packetOrNull()));
                } finally {
                    out.release();
                }
            }
            int at = buf.readerIndex();
            int length = buf.readableBytes();
            SenderReport.parse(buf, at, length);
            ReceiverReport.parse(buf, at, length);
            SourceDescription.parse(buf, at, length);
            Goodbye.parse(buf, at, length);
            ApplicationDefined.parse(buf, at, length);
            TransportLayerNack.parse(buf, at, length);
            TransportWideFeedback.parse(buf, at, length);
            PictureLossIndication.parse(buf, at, length);
            FullIntraRequest.parse(buf, at, length);
            ReceiverEstimatedMaxBitrate.parse(buf, at, length);
            RawRtcp.parse(buf, at, length);
            if (reader.reset(buf)) {
                while (reader.next()) {
                    reader.senderSsrc();
                    reader.mediaSsrc();
                    RtcpParser.parseOne(buf, reader.offset(), reader.length());
                }
            }
            RtcpReader.isRtcp(buf);
        } finally {
            buf.release();
        }
    }
}

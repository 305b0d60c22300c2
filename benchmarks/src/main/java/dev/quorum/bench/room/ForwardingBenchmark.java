package dev.quorum.bench.room;

import dev.quorum.rtp.RtpPacketBuilder;
import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.room.CodecChoice;
import dev.quorum.sfu.room.Participant;
import dev.quorum.sfu.room.PublishedMedia;
import dev.quorum.sfu.room.RoomClock;
import dev.quorum.sfu.room.Rooms;
import dev.quorum.sfu.room.RoomsConfig;
import dev.quorum.sfu.room.SubscriberOffer;
import dev.quorum.sfu.room.link.MediaLink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoopGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The forwarding engine's packet path, 1 publisher → N subscribers, on one event loop (one
 * core): a received 1,000-byte VP8 packet is parsed, its stream found, transport-cc and loss
 * state updated, checked for a keyframe, then for every subscriber rewritten into its own copy
 * (header, extensions, payload), cached for NACKs and handed to the transport. Everything but
 * SRTP and the socket: the links release what they are given (the transport benchmarks measure
 * protect and send). Scores are per received packet; {@code -prof gc} gives the allocation per
 * received packet. Packets go to the loop in batches of {@value #BATCH}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ForwardingBenchmark {

    static final int BATCH = 1000;
    private static final int SSRC = 0x1111;
    private static final String ACCOUNT = "AC00000000000000000000000000000000";
    private static final dev.quorum.sfu.transport.DtlsFingerprint FINGERPRINT =
            new dev.quorum.sfu.transport.DtlsFingerprint("sha-256", "AA" + ":AA".repeat(31));

    @Param({"1", "10", "50"})
    int subscribers;

    private final DefaultEventLoopGroup loop = new DefaultEventLoopGroup(1);
    private final EventBus bus = new EventBus();
    private final List<DiscardLink> links = new ArrayList<>();
    private Rooms rooms;
    private DiscardLink publisher;
    private ByteBuf packet;
    private int sequence = 1;
    private long injected;
    private long timestamp = 90_000;
    private Callable<Void> batch;

    /** A transport that connects at once and drops (releases) what the engine sends. */
    final class DiscardLink implements MediaLink {
        final MediaLink.Listener listener;
        long sent;

        DiscardLink(MediaLink.Listener listener) {
            this.listener = listener;
        }

        @Override
        public dev.quorum.sfu.transport.TransportDescription description() {
            return new dev.quorum.sfu.transport.TransportDescription(
                    dev.quorum.sfu.transport.IceCredentials.random(), FINGERPRINT, List.of());
        }

        @Override
        public void setRemoteFingerprint(String algorithm, String fingerprint) {}

        @Override
        public dev.quorum.sfu.transport.TransportDescription restartIce() {
            return description();
        }

        @Override
        public ByteBuf allocate(int length) {
            return PooledByteBufAllocator.DEFAULT.heapBuffer(length + 32);
        }

        @Override
        public ByteBufAllocator allocator() {
            return PooledByteBufAllocator.DEFAULT;
        }

        @Override
        public boolean sendRtp(ByteBuf p) {
            sent++;
            p.release();
            return true;
        }

        @Override
        public boolean sendRtcp(ByteBuf p) {
            p.release();
            return true;
        }

        @Override
        public boolean connected() {
            return true;
        }

        @Override
        public void close() {}
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        rooms = new Rooms(
                RoomsConfig.defaults(),
                loop,
                (label, l, listener) -> {
                    DiscardLink link = new DiscardLink(listener);
                    links.add(link);
                    if (label.endsWith("/publisher")) {
                        publisher = link;
                    }
                    return link;
                },
                bus,
                null,
                new SimpleMeterRegistry(),
                RoomClock.system(),
                account -> large());
        Participant alice = get(rooms.join(ACCOUNT, "bench", "alice", new Quiet()));
        get(alice.publisherTransport("sha-256", "AA"));
        CodecChoice vp8 = new CodecChoice(
                96, "VP8", 90000, 0, Map.of(), List.of("nack", "nack pli", "ccm fir", "transport-cc", "goog-remb"), 97);
        Map<String, Integer> ext = Map.of(
                "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
                3,
                "urn:ietf:params:rtp-hdrext:sdes:mid",
                4,
                "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                2);
        get(alice.updatePublications(List.of(
                new PublishedMedia("0", TrackKind.VIDEO, "cam", vp8, ext, List.of((long) SSRC), Map.of(), List.of()))));
        for (int i = 0; i < subscribers; i++) {
            Participant p = get(rooms.join(ACCOUNT, "bench", "sub" + i, new Quiet()));
            get(p.subscriberTransport(false));
            SubscriberOffer offer = get(p.subscriberOffer());
            Map<String, Integer> accepted = new HashMap<>();
            offer.sections().forEach(s -> accepted.putAll(s.headerExtensions()));
            get(p.subscriberAnswered(offer.version(), "sha-256", "BB", accepted));
        }
        loop.submit(() -> links.forEach(l -> l.listener.onConnected())).get();
        packet = PooledByteBufAllocator.DEFAULT.heapBuffer(1100);
        write(true);
        loop.submit(() -> publisher.listener.onRtp(packet, System.nanoTime())).get();
        batch = () -> {
            for (int i = 0; i < BATCH; i++) {
                write(false);
                publisher.listener.onRtp(packet, System.nanoTime());
            }
            return null;
        };
    }

    /** Header (12) + extension block (8: transport-cc) in front of the VP8 descriptor. */
    private static final int PAYLOAD = 20;

    /**
     * Makes the one reused packet the publisher's next frame (a 1,000-byte VP8 payload): built
     * once as a keyframe, then only its sequence numbers, timestamp and picture id are rewritten.
     */
    private void write(boolean keyframe) {
        if (keyframe) {
            byte[] payload = new byte[1000];
            payload[0] = (byte) 0x90;
            payload[1] = (byte) 0x80;
            payload[4] = 0x10;
            packet.clear();
            new RtpPacketBuilder()
                    .payloadType(96)
                    .sequenceNumber(sequence)
                    .timestamp(timestamp)
                    .ssrc(SSRC)
                    .marker(true)
                    .extension(3, new byte[] {0, 0})
                    .payload(payload)
                    .writeTo(packet);
        } else {
            packet.setByte(PAYLOAD + 4, 0x11);
        }
        packet.setShort(2, sequence);
        packet.setInt(4, (int) timestamp);
        packet.setShort(12 + 4 + 1, sequence);
        packet.setShort(PAYLOAD + 2, 0x8000 | (sequence & 0x7FFF));
        sequence = (sequence + 1) & 0xFFFF;
        timestamp += 3000;
        injected++;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Void forward() throws Exception {
        return loop.submit(batch).get();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        long forwarded = links.stream()
                .filter(l -> l != publisher)
                .mapToLong(l -> l.sent)
                .min()
                .orElse(0);
        if (forwarded < injected) {
            throw new IllegalStateException("a subscriber got " + forwarded + " of " + injected + " packets");
        }
        rooms.close();
        packet.release();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        bus.close();
    }

    /** Group-room defaults, but room for every subscriber (the default allows 50 participants). */
    private static RoomSettings large() {
        RoomSettings d = RoomSettings.defaults(false);
        return new RoomSettings(
                d.type(),
                null,
                "POST",
                1000,
                d.maxParticipantDuration(),
                d.emptyRoomTimeout(),
                d.unusedRoomTimeout(),
                d.videoCodecs(),
                false,
                List.of(),
                false,
                d.mediaRegion(),
                true);
    }

    private static <T> T get(java.util.concurrent.CompletionStage<T> s) throws Exception {
        return s.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A participant listener that ignores everything. */
    static final class Quiet implements Participant.Listener {
        @Override
        public void onParticipantConnected(
                dev.quorum.sfu.api.ParticipantInfo p, List<dev.quorum.sfu.api.TrackInfo> t) {}

        @Override
        public void onParticipantDisconnected(dev.quorum.sfu.api.ParticipantInfo p) {}

        @Override
        public void onTrackPublished(dev.quorum.sfu.api.ParticipantInfo p, dev.quorum.sfu.api.TrackInfo t) {}

        @Override
        public void onTrackUnpublished(dev.quorum.sfu.api.ParticipantInfo p, dev.quorum.sfu.api.TrackInfo t) {}

        @Override
        public void onTrackEnabledChanged(dev.quorum.sfu.api.ParticipantInfo p, dev.quorum.sfu.api.TrackInfo t) {}

        @Override
        public void onSubscriptionsChanged() {}

        @Override
        public void onDominantSpeakerChanged(String participantSidOrNull) {}

        @Override
        public void onDisconnected(int code, String reason) {}
    }
}

package dev.quorum.bench.load;

import dev.quorum.sfu.api.RoomSettings;
import dev.quorum.sfu.api.TrackKind;
import dev.quorum.sfu.event.EventBus;
import dev.quorum.sfu.room.CodecChoice;
import dev.quorum.sfu.room.OutgoingTrack;
import dev.quorum.sfu.room.Participant;
import dev.quorum.sfu.room.Publication;
import dev.quorum.sfu.room.PublishedMedia;
import dev.quorum.sfu.room.RoomClock;
import dev.quorum.sfu.room.Rooms;
import dev.quorum.sfu.room.RoomsConfig;
import dev.quorum.sfu.room.SubscriberOffer;
import dev.quorum.sfu.room.link.TransportLinks;
import dev.quorum.sfu.transport.DtlsFingerprint;
import dev.quorum.sfu.transport.MediaPort;
import dev.quorum.sfu.transport.TransportConfig;
import dev.quorum.sfu.transport.TransportDescription;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for the SFU's real media path: the media port on loopback UDP (ICE-lite,
 * DTLS-SRTP), the rooms engine on its event loops, and client-role peers for every participant
 * in the same JVM. Each participant publishes one audio and one video track and receives
 * everyone else's, so {@code R × P × (P − 1) × 2} streams are forwarded. Reports packet rates,
 * the SFU threads' CPU and allocation (apart from the generator's own threads), loss and latency
 * every few seconds and for the whole run.
 *
 * <pre>
 * java -cp benchmarks.jar dev.quorum.bench.load.LoadGenerator rooms=4 participants=4 seconds=30 video-kbps=1000
 * </pre>
 *
 * Exits with 1 (and says why) when transports do not connect within 10 s, when not every
 * forwarded stream delivers a packet within 10 s of the senders starting, or when nothing is
 * received during the measured run; with 2 on bad arguments.
 */
public final class LoadGenerator {

    static final long CONNECT_TIMEOUT_MS = 10_000;
    static final long FLOW_TIMEOUT_MS = 10_000;
    private static final String ACCOUNT = "AC00000000000000000000000000000000";
    private static final long SEND_TICK_MS = 2;
    private static final long CONSENT_INTERVAL_MS = 5_000;
    private static final long IDLE_MS = 2_000;

    /** One simulated participant: its session in the engine and its two peer connections. */
    private record Member(
            Participant participant,
            LoadPeer publisher,
            MediaSender sender,
            LoadPeer subscriber,
            StreamReceiver receiver) {}

    // Given.
    private final LoadSettings settings;
    // Owned.
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventBus bus = new EventBus();
    private final ThreadCost server =
            new ThreadCost(n -> n.startsWith("media-") || n.equals("event-bus") || n.equals("room-taps"));
    private final ThreadCost generator = new ThreadCost(n -> n.startsWith("load-") || n.equals("main"));
    private final List<LoadPeer> peers = new ArrayList<>();
    /** Two threads read every peer's socket: the generator's receive side, not one thread per socket. */
    private final PeerReaders readers = new PeerReaders(2);

    private final List<MediaSender> senders = new ArrayList<>();
    private final List<StreamReceiver> receivers = new ArrayList<>();
    private final ExecutorService connectors = Executors.newFixedThreadPool(4, named("load-connect"));
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(named("load-sender"));
    private MediaPort port;
    private Rooms rooms;
    private MemorySample beforeJoining;
    private MemorySample connected;
    private MemorySample afterRun;
    private final List<MemorySample> memoryOverRun = new ArrayList<>();

    private LoadGenerator(LoadSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        MemorySample.countLeaks();
        LoadSettings settings;
        try {
            settings = LoadSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load generator: " + e.getMessage());
            System.err.println("usage: LoadGenerator [rooms=4] [participants=4] [seconds=30] [video-kbps=1000]"
                    + " [report-seconds=5] [warmup-seconds=10] [event-loops=<processors>]");
            System.exit(2);
            return;
        }
        int code;
        LoadGenerator g = new LoadGenerator(settings);
        try {
            g.run();
            code = 0;
        } catch (LoadFailure e) {
            System.err.println("LOAD GENERATOR FAILED: " + e.getMessage());
            code = 1;
        } catch (Exception e) {
            System.err.println("LOAD GENERATOR FAILED: " + e);
            e.printStackTrace();
            code = 1;
        } finally {
            g.close();
        }
        // Buffers leaked while rooms and transports closed are only found once collected.
        long leaks = MemorySample.leaksAfterCollection();
        if (leaks > 0 && code == 0) {
            System.err.println("LOAD GENERATOR FAILED: " + leaks + " buffer leak(s) reported by the end of the"
                    + " teardown (see the LEAK lines above)");
            code = 1;
        }
        System.exit(code);
    }

    private void run() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        port = new MediaPort(
                TransportConfig.defaults()
                        .withPort(0)
                        .withAddresses(loopback, List.of(loopback))
                        .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10))
                        .withThreads(settings.eventLoops(), TransportConfig.DEFAULT_DTLS_WORKERS, true),
                registry);
        get(port.start());
        rooms = new Rooms(
                RoomsConfig.defaults(),
                port.eventLoops(),
                new TransportLinks(port),
                bus,
                null,
                registry,
                RoomClock.system(),
                account -> roomSettings(settings.participants()));
        System.out.printf(
                Locale.ROOT,
                "Load: %d room(s) x %d participants, %d forwarded streams, video %d kbit/s,"
                        + " %d s measured; SRTP via %s; %d event loop(s), %d processors%n",
                settings.rooms(),
                settings.participants(),
                settings.forwardedStreams(),
                settings.videoKbps(),
                settings.seconds(),
                port.srtpProvider(),
                settings.eventLoops(),
                Runtime.getRuntime().availableProcessors());

        beforeJoining = MemorySample.afterCollection();
        long setupStart = System.nanoTime();
        List<Member> members = join();
        System.out.printf(
                Locale.ROOT,
                "%d peer connections connected in %.1f s%n",
                peers.size(),
                (System.nanoTime() - setupStart) / 1e9);
        connected = MemorySample.afterCollection();
        idleCost();
        startSending();
        awaitFlow();
        Thread.sleep(TimeUnit.SECONDS.toMillis(settings.warmupSeconds()));
        measure();
        members.forEach(m -> m.participant().leave("load generator finished"));
    }

    /** Every participant joins, connects its publisher and publishes, then connects its subscriber. */
    private List<Member> join() throws Exception {
        int perRoom = settings.participants();
        List<Participant> participants = new ArrayList<>();
        List<LoadPeer> publishers = new ArrayList<>();
        List<Future<?>> connecting = new ArrayList<>();
        long stagger = 1_000_000_000L / MediaSender.FRAMES_PER_SECOND;
        for (int r = 0; r < settings.rooms(); r++) {
            for (int i = 0; i < perRoom; i++) {
                int index = r * perRoom + i;
                Participant p = get(rooms.join(ACCOUNT, "load-" + r, "p" + i, new QuietListener()));
                LoadPeer pub = new LoadPeer("r" + r + "p" + i + "-pub", readers);
                peers.add(pub);
                MediaSender sender = new MediaSender(
                        pub,
                        0x10000000 + 2 * index,
                        0x10000001 + 2 * index,
                        settings.videoKbps(),
                        index * stagger / (settings.rooms() * perRoom));
                senders.add(sender);
                DtlsFingerprint fp = pub.fingerprint();
                TransportDescription answer = get(p.publisherTransport(fp.algorithm(), fp.hex()));
                pub.start(answer, port.candidates(), sender);
                connecting.add(connectors.submit(() -> {
                    pub.connect(CONNECT_TIMEOUT_MS);
                    return null;
                }));
                participants.add(p);
                publishers.add(pub);
            }
        }
        awaitConnected(connecting, "publisher");
        for (int k = 0; k < participants.size(); k++) {
            List<Publication> published = get(participants.get(k).updatePublications(publications(k)));
            if (published.size() != 2) {
                throw new LoadFailure(
                        "the engine accepted " + published.size() + " of 2 tracks of " + publishers.get(k));
            }
        }
        connecting.clear();
        List<Member> members = new ArrayList<>();
        for (int k = 0; k < participants.size(); k++) {
            Participant p = participants.get(k);
            LoadPeer sub = new LoadPeer("r" + (k / perRoom) + "p" + (k % perRoom) + "-sub", readers);
            peers.add(sub);
            TransportDescription offerSide = get(p.subscriberTransport(false));
            SubscriberOffer offer = get(p.subscriberOffer());
            List<OutgoingTrack> active =
                    offer.sections().stream().filter(OutgoingTrack::active).toList();
            if (active.size() != 2 * (perRoom - 1)) {
                throw new LoadFailure(p.identity() + " in room " + (k / perRoom) + " was offered " + active.size()
                        + " tracks, expected " + 2 * (perRoom - 1));
            }
            StreamReceiver receiver = new StreamReceiver(
                    active.stream().mapToInt(t -> (int) t.ssrc()).toArray());
            receivers.add(receiver);
            Map<String, Integer> extensions = new HashMap<>();
            offer.sections().forEach(s -> extensions.putAll(s.headerExtensions()));
            sub.start(offerSide, port.candidates(), receiver);
            DtlsFingerprint fp = sub.fingerprint();
            get(p.subscriberAnswered(offer.version(), fp.algorithm(), fp.hex(), extensions));
            connecting.add(connectors.submit(() -> {
                sub.connect(CONNECT_TIMEOUT_MS);
                return null;
            }));
            members.add(new Member(p, publishers.get(k), senders.get(k), sub, receiver));
        }
        awaitConnected(connecting, "subscriber");
        return members;
    }

    /** Opus audio (mid 0) and VP8 video (mid 1) with the SSRCs participant {@code k}'s sender uses. */
    private static List<PublishedMedia> publications(int k) {
        long audio = 0x10000000L + 2L * k;
        CodecChoice opus = new CodecChoice(MediaSender.AUDIO_PAYLOAD_TYPE, "opus", 48000, 2, Map.of(), List.of(), -1);
        CodecChoice vp8 = new CodecChoice(
                MediaSender.VIDEO_PAYLOAD_TYPE,
                "VP8",
                90000,
                0,
                Map.of(),
                List.of(CodecChoice.NACK, CodecChoice.NACK_PLI, CodecChoice.CCM_FIR),
                -1);
        return List.of(
                new PublishedMedia(
                        "0", TrackKind.AUDIO, "microphone", opus, Map.of(), List.of(audio), Map.of(), List.of()),
                new PublishedMedia(
                        "1", TrackKind.VIDEO, "camera", vp8, Map.of(), List.of(audio + 1), Map.of(), List.of()));
    }

    private void awaitConnected(List<Future<?>> connecting, String what) throws Exception {
        int failed = 0;
        String first = null;
        for (Future<?> f : connecting) {
            try {
                f.get(CONNECT_TIMEOUT_MS * 4, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                failed++;
                if (first == null) {
                    first = String.valueOf(e.getCause().getMessage());
                }
            } catch (java.util.concurrent.TimeoutException e) {
                failed++;
                if (first == null) {
                    first = "connect did not finish";
                }
            }
        }
        if (failed > 0) {
            throw new LoadFailure(failed + " of " + connecting.size() + " " + what
                    + " connections did not connect within " + CONNECT_TIMEOUT_MS + " ms (first: " + first + ")");
        }
    }

    /**
     * What the server's threads cost with every transport connected and no media: timers, RTCP
     * and idle event loops. Part of every figure later; shown so it can be told apart.
     */
    private void idleCost() throws InterruptedException {
        long[] before = server.sample();
        long start = System.nanoTime();
        Thread.sleep(IDLE_MS);
        long[] after = server.sample();
        System.out.printf(
                Locale.ROOT,
                "server CPU while connected without media: %.3f cores%n",
                (after[0] - before[0]) / (double) (System.nanoTime() - start));
    }

    /** One thread paces every sender; the same thread keeps ICE consent fresh on every connection. */
    private void startSending() {
        List<MediaSender> all = List.copyOf(senders);
        long start = System.nanoTime();
        pacer.execute(() -> all.forEach(s -> s.startAt(start)));
        pacer.scheduleAtFixedRate(
                () -> {
                    long now = System.nanoTime();
                    for (MediaSender s : all) {
                        s.tick(now);
                    }
                },
                0,
                SEND_TICK_MS,
                TimeUnit.MILLISECONDS);
        List<LoadPeer> connections = List.copyOf(peers);
        pacer.scheduleAtFixedRate(
                () -> {
                    for (LoadPeer p : connections) {
                        try {
                            p.sendBindingRequest();
                        } catch (IOException e) {
                            // The next round retries; lost consent would show as a closed transport.
                        }
                    }
                },
                CONSENT_INTERVAL_MS,
                CONSENT_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
    }

    /** Waits until every forwarded stream delivered at least one packet. */
    private void awaitFlow() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(FLOW_TIMEOUT_MS);
        while (true) {
            StreamReceiver.Totals t = new StreamReceiver.Totals();
            receivers.forEach(r -> r.addTo(t));
            if (t.streamsFlowing == t.streams) {
                System.out.printf(
                        Locale.ROOT,
                        "all %d forwarded streams flowing after %.1f s%n",
                        t.streams,
                        (System.nanoTime() - start) / 1e9);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LoadFailure("media did not flow: " + t.streamsFlowing + " of " + t.streams
                        + " forwarded streams delivered a packet within " + FLOW_TIMEOUT_MS + " ms (" + t.packets
                        + " packets received, " + t.unknown + " with unknown SSRCs)");
            }
            Thread.sleep(50);
        }
    }

    private void measure() throws InterruptedException {
        Sample first = sample();
        Sample previous = first;
        long end = first.nanos() + TimeUnit.SECONDS.toNanos(settings.seconds());
        while (true) {
            long next = Math.min(end, previous.nanos() + TimeUnit.SECONDS.toNanos(settings.reportSeconds()));
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Sample now = sample();
            Interval interval = new Interval(previous, now, settings.forwardedStreams());
            MemorySample memory = MemorySample.now();
            memoryOverRun.add(memory);
            System.out.printf(
                    Locale.ROOT,
                    "[%5.1f s] %s%n          %s%n",
                    (now.nanos() - first.nanos()) / 1e9,
                    interval.line(),
                    memory.line());
            if (interval.receivedPackets() == 0) {
                throw new LoadFailure("no packet was received in the last "
                        + String.format(Locale.ROOT, "%.1f", interval.seconds()) + " s");
            }
            previous = now;
            if (now.nanos() >= end) {
                break;
            }
        }
        afterRun = MemorySample.afterCollection();
        summarize(new Interval(first, previous, settings.forwardedStreams()));
        summarizeMemory();
    }

    /**
     * Live memory before the participants joined, once they were connected and after the run,
     * per participant; and how resident memory and the media pool moved over the measured run
     * (the soak's "flat memory"). Fails the run on any leak report.
     */
    private void summarizeMemory() {
        int participants = settings.rooms() * settings.participants();
        MemorySample firstReport = memoryOverRun.get(0);
        MemorySample lastReport = memoryOverRun.get(memoryOverRun.size() - 1);
        long highestResident =
                memoryOverRun.stream().mapToLong(MemorySample::rssBytes).max().orElse(-1);
        long highestPool =
                memoryOverRun.stream().mapToLong(MemorySample::poolBytes).max().orElse(-1);
        System.out.printf(
                Locale.ROOT,
                """
                memory after a full GC  before joining: heap %.1f MiB, media pool %.1f MiB, resident %.1f MiB
                                        connected, no media: heap %.1f MiB, media pool %.1f MiB, resident %.1f MiB
                                        after the run: heap %.1f MiB, media pool %.1f MiB, resident %.1f MiB
                                        => per participant: media pool %.2f MiB, heap %.2f MiB (the generator's peers included)
                memory over the run     resident %.1f -> %.1f MiB (highest %.1f), media pool %.1f -> %.1f MiB (highest %.1f)
                leak reports            %d (leak detection %s)
                """,
                MemorySample.mib(beforeJoining.heapBytes()),
                MemorySample.mib(beforeJoining.poolBytes()),
                MemorySample.mib(beforeJoining.rssBytes()),
                MemorySample.mib(connected.heapBytes()),
                MemorySample.mib(connected.poolBytes()),
                MemorySample.mib(connected.rssBytes()),
                MemorySample.mib(afterRun.heapBytes()),
                MemorySample.mib(afterRun.poolBytes()),
                MemorySample.mib(afterRun.rssBytes()),
                MemorySample.mib(afterRun.poolBytes() - beforeJoining.poolBytes()) / participants,
                MemorySample.mib(afterRun.heapBytes() - beforeJoining.heapBytes()) / participants,
                MemorySample.mib(firstReport.rssBytes()),
                MemorySample.mib(lastReport.rssBytes()),
                MemorySample.mib(highestResident),
                MemorySample.mib(firstReport.poolBytes()),
                MemorySample.mib(lastReport.poolBytes()),
                MemorySample.mib(highestPool),
                afterRun.leaks(),
                io.netty.util.ResourceLeakDetector.getLevel().name().toLowerCase(Locale.ROOT));
        if (afterRun.leaks() > 0) {
            throw new LoadFailure(afterRun.leaks() + " buffer leak(s) reported (see the LEAK lines above)");
        }
    }

    private Sample sample() {
        return Sample.take(registry, server, generator, senders, receivers);
    }

    private void summarize(Interval run) {
        long failures = senders.stream().mapToLong(MediaSender::sendFailures).sum();
        MediaSender any = senders.get(0);
        System.out.printf(
                Locale.ROOT,
                """
                == Load generator: %d room(s) x %d participants, %.1f s measured
                forwarded streams     %d (%d audio at 50 pkt/s, %d video at %d kbit/s: %d packets of %d B per frame, 30 fps)
                server packets        in %,.0f /s, out %,.0f /s; engine received %,.0f /s, forwarded %,.0f /s (%.1f Mbit/s)
                server CPU            %.3f cores (%.3f in the kernel) on %d SFU threads = %.3f ms per 1,000 forwarded packets
                                      => about %,.0f forwarded streams per core at this mix
                server allocation     %,.0f B/s = %.2f B per forwarded packet
                receivers             %,d packets (%.1f Mbit/s); loss %.3f %%; latency p50 %.2f ms, p99 %.2f ms; drops at the server %.0f
                generator CPU         %.3f cores (client peers and pacing; not in the server figures); send failures %d
                """,
                settings.rooms(),
                settings.participants(),
                run.seconds(),
                settings.forwardedStreams(),
                settings.forwardedStreams() / 2,
                settings.forwardedStreams() / 2,
                settings.videoKbps(),
                any.packetsPerFrame(),
                any.videoPayloadBytes(),
                run.portInPerSecond(),
                run.portOutPerSecond(),
                run.receivedPerSecond(),
                run.forwardedPerSecond(),
                run.forwardedMbitPerSecond(),
                run.serverCores(),
                run.serverKernelCores(),
                server.threads(),
                run.cpuMillisPerThousandForwarded(),
                run.streamsPerCore(),
                run.allocatedBytesPerSecond(),
                run.allocatedBytesPerForwarded(),
                run.receivedPackets(),
                run.receivedMbitPerSecond(),
                run.lossPercent(),
                run.latencyMillis(0.5),
                run.latencyMillis(0.99),
                run.drops(),
                run.generatorCores(),
                failures);
        if (run.forwarded() <= 0) {
            throw new LoadFailure("the engine forwarded nothing during the measured run");
        }
    }

    private void close() {
        pacer.shutdownNow();
        connectors.shutdownNow();
        try {
            pacer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (rooms != null) {
            rooms.close();
        }
        readers.close();
        peers.forEach(LoadPeer::close);
        senders.forEach(MediaSender::close);
        if (port != null) {
            port.close();
        }
        bus.close();
    }

    /** Group-room defaults with room for every participant. */
    private static RoomSettings roomSettings(int participants) {
        RoomSettings d = RoomSettings.defaults(false);
        return new RoomSettings(
                d.type(),
                null,
                "POST",
                Math.max(d.maxParticipants(), participants),
                d.maxParticipantDuration(),
                d.emptyRoomTimeout(),
                d.unusedRoomTimeout(),
                d.videoCodecs(),
                false,
                List.of(),
                false,
                d.mediaRegion(),
                d.largeRoom());
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A run that cannot produce a meaningful figure. */
    static final class LoadFailure extends RuntimeException {
        LoadFailure(String message) {
            super(message);
        }
    }
}

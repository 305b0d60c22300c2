package dev.quorum.bench.sidebyside;

import dev.quorum.signaling.testing.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Our server from its shaded jar, as {@code bin/quorum} starts it: embedded defaults (SQLite and
 * local disk under a fresh data directory, development mode so that the demo page mints tokens),
 * HTTP and media on loopback. Rooms made by a first join do not record (the development account's
 * {@code RecordParticipantsOnConnect} is false), so, like Janus, it only forwards. Participants
 * join through the browser SDK the server serves, without simulcast in the load comparison.
 */
final class QuorumProcess implements MediaServer {

    static final String ROOM = "side-by-side";

    private static final String CONNECT = """
            const [identity, room, options] = args;
            const r = await fetch('/dev/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ identity, room }) });
            if (!r.ok) throw new Error('POST /dev/token: ' + r.status + ' ' + await r.text());
            const { token } = await r.json();
            const { connect } = await import('/sdk/quorum.js');
            const joined = window.room = await connect({ token, room, ...options });
            const play = (track) => document.body.appendChild(track.attach());
            joined.on('trackSubscribed', play);
            for (const p of joined.participants.values()) p.subscribedTracks.forEach(play);
            return joined.localParticipant.sid;
            """;

    private final Process process;
    private final String baseUrl;

    private QuorumProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static QuorumProcess start(Path jar, List<String> javaOptions, Path workDir) throws java.io.IOException {
        return start(jar, javaOptions, workDir, "127.0.0.1", Child.freePort());
    }

    /**
     * Listening for HTTP on {@code address}:{@code port} and announcing media on {@code address}:
     * a browser in a network namespace reaches the host only on its link's host address.
     */
    static QuorumProcess start(Path jar, List<String> javaOptions, Path workDir, String address, int port)
            throws java.io.IOException {
        if (!Files.isRegularFile(jar)) {
            throw new BenchmarkFailure(
                    jar + " is missing: build it with ./mvnw -q -B -DskipTests -pl server -am package");
        }
        Path data = Files.createDirectories(workDir.resolve("quorum-data"));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString()));
        Path log = workDir.resolve("quorum.log");
        String base = "http://" + address + ":" + port;
        Process p = Child.start(
                command,
                Map.of(
                        "QUORUM_HTTP_HOST",
                        address,
                        "QUORUM_HTTP_PORT",
                        Integer.toString(port),
                        "QUORUM_HTTP_PUBLIC_URL",
                        base,
                        "QUORUM_MEDIA_PORT",
                        "0",
                        "QUORUM_MEDIA_ANNOUNCED_ADDRESSES",
                        address,
                        "QUORUM_DATA_DIR",
                        data.toString()),
                log);
        try {
            Child.awaitHttp("Quorum", p, base + "/", log, Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            Child.stop(p);
            throw e;
        }
        return new QuorumProcess(p, base);
    }

    @Override
    public String name() {
        return "quorum";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void join(Browser browser, int participants, Video video) {
        String stats = Child.resource("stats.js");
        for (int i = 0; i < participants; i++) {
            browser.open(i, baseUrl + "/");
            browser.run(i, stats);
            browser.await(i, CONNECT, "p" + i, ROOM, Map.of("video", video.constraints(), "simulcast", false));
        }
    }

    @Override
    public String origin() {
        return baseUrl;
    }

    @Override
    public Object publish(Chromium browser, Video video, boolean simulcast) {
        open(browser);
        Page.await(browser, CONNECT, "publisher", ROOM, Map.of("video", video.constraints(), "simulcast", simulcast));
        return "publisher";
    }

    @Override
    public void watch(Chromium browser, Object publisher) {
        open(browser);
        // Receives only: the room's only publisher's camera and microphone.
        Page.await(browser, CONNECT, "viewer", ROOM, Map.of("video", false, "audio", false));
    }

    private void open(Chromium browser) {
        browser.open(baseUrl + "/");
        browser.run(Child.resource("stats.js"));
    }

    @Override
    public void close() {
        Child.stop(process);
    }
}

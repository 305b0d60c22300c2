package dev.quorum.bench.sidebyside;

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
 * join through the browser SDK the server serves, without simulcast.
 */
final class QuorumProcess implements MediaServer {

    static final String ROOM = "side-by-side";

    private static final String CONNECT = """
            const [identity, room, video] = args;
            const r = await fetch('/dev/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ identity, room }) });
            if (!r.ok) throw new Error('POST /dev/token: ' + r.status + ' ' + await r.text());
            const { token } = await r.json();
            const { connect } = await import('/sdk/quorum.js');
            const joined = window.room = await connect({ token, room, video, simulcast: false });
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
        if (!Files.isRegularFile(jar)) {
            throw new BenchmarkFailure(
                    jar + " is missing: build it with ./mvnw -q -B -DskipTests -pl server -am package");
        }
        Path data = Files.createDirectories(workDir.resolve("quorum-data"));
        int port = Child.freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString()));
        Path log = workDir.resolve("quorum.log");
        Process p = Child.start(
                command,
                Map.of(
                        "QUORUM_HTTP_HOST",
                        "127.0.0.1",
                        "QUORUM_HTTP_PORT",
                        Integer.toString(port),
                        "QUORUM_HTTP_PUBLIC_URL",
                        "http://127.0.0.1:" + port,
                        "QUORUM_MEDIA_PORT",
                        "0",
                        "QUORUM_MEDIA_ANNOUNCED_ADDRESSES",
                        "127.0.0.1",
                        "QUORUM_DATA_DIR",
                        data.toString()),
                log);
        String base = "http://127.0.0.1:" + port;
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
            browser.await(i, CONNECT, "p" + i, ROOM, video.constraints());
        }
    }

    @Override
    public void close() {
        Child.stop(process);
    }
}

package dev.quorum.bench.sidebyside;

import com.sun.net.httpserver.HttpServer;
import dev.quorum.signaling.testing.Chromium;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's Janus ({@code /usr/bin/janus}) with a generated configuration: the videoroom plugin and
 * the HTTP transport on loopback (or one given address) only, every other plugin, transport,
 * logger and event handler off; ICE on the loopback interface (or that address), IPv4 only, no
 * mDNS. One room matching ours: Opus and VP8, a
 * publisher's video capped at {@link #MAX_VIDEO_BITRATE} (our {@code rooms.max-video-bitrate}
 * default), no recording. The participants' page ({@code janus.html}) is served from here.
 */
final class JanusServer implements MediaServer {

    static final Path BINARY = Path.of("/usr/bin/janus");
    static final Path LIB = Path.of("/usr/lib/x86_64-linux-gnu/janus");
    static final int ROOM = 1234;
    /** Our default {@code rooms.max-video-bitrate}, so that both servers let publishers send as much. */
    static final int MAX_VIDEO_BITRATE = 2_500_000;

    private final Process process;
    private final HttpServer pages;
    private final String origin;
    private final String pageUrl;

    private JanusServer(Process process, HttpServer pages, String origin, String pageUrl) {
        this.process = process;
        this.pages = pages;
        this.origin = origin;
        this.pageUrl = pageUrl;
    }

    static JanusServer start(Path workDir) throws IOException {
        return start(workDir, "127.0.0.1", "lo", 0);
    }

    /**
     * With its HTTP API, its ICE candidates and the participants' page (on {@code pagePort}, 0 for
     * any) on {@code address} only, whose interface or address is {@code iceInterface}: a browser
     * in a network namespace reaches the host only on its link's host address.
     */
    static JanusServer start(Path workDir, String address, String iceInterface, int pagePort) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new BenchmarkFailure(BINARY + " is missing: install Debian's janus package (apt-get install janus)");
        }
        Path config = Files.createDirectories(workDir.resolve("janus"));
        int apiPort = Child.freePort();
        writeConfig(config, apiPort, address, iceInterface);
        Path log = workDir.resolve("janus.log");
        Process p = Child.start(
                List.of(BINARY.toString(), "--config=" + config.resolve("janus.jcfg"), "--configs-folder=" + config),
                Map.of(),
                log);
        String api = "http://" + address + ":" + apiPort + "/janus";
        HttpServer pages = null;
        try {
            Child.awaitHttp("Janus", p, api + "/info", log, Duration.ofSeconds(30));
            pages = HttpServer.create(new InetSocketAddress(address, pagePort), 0);
            byte[] page = Child.resource("janus.html").getBytes(StandardCharsets.UTF_8);
            pages.createContext("/janus.html", x -> {
                x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                x.sendResponseHeaders(200, page.length);
                x.getResponseBody().write(page);
                x.close();
            });
            pages.start();
            String origin = "http://" + address + ":" + pages.getAddress().getPort();
            return new JanusServer(p, pages, origin, origin + "/janus.html?api=" + api);
        } catch (RuntimeException | IOException e) {
            if (pages != null) {
                pages.stop(0);
            }
            Child.stop(p);
            throw e;
        }
    }

    private static void writeConfig(Path dir, int apiPort, String address, String iceInterface) throws IOException {
        List<String> otherPlugins = new ArrayList<>();
        for (String plugin : List.of(
                "audiobridge",
                "duktape",
                "echotest",
                "lua",
                "nosip",
                "recordplay",
                "sip",
                "streaming",
                "textroom",
                "videocall",
                "voicemail")) {
            otherPlugins.add("libjanus_" + plugin + ".so");
        }
        Files.writeString(dir.resolve("janus.jcfg"), """
                general: {
                \tconfigs_folder = "%s"
                \tplugins_folder = "%s/plugins"
                \ttransports_folder = "%s/transports"
                \tevents_folder = "%s/events"
                \tloggers_folder = "%s/loggers"
                \tdebug_level = 4
                }
                media: {
                \tipv6 = false
                }
                nat: {
                \tnice_debug = false
                \tfull_trickle = false
                \tignore_mdns = true
                \tice_enforce_list = "%s"
                }
                plugins: {
                \tdisable = "%s"
                }
                transports: {
                \tdisable = "libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so,libjanus_websockets.so"
                }
                loggers: {
                \tdisable = "libjanus_jsonlog.so"
                }
                events: {
                \tbroadcast = false
                }
                """.formatted(
                        dir, LIB, LIB, LIB, LIB, iceInterface, String.join(",", otherPlugins)));
        Files.writeString(dir.resolve("janus.transport.http.jcfg"), """
                general: {
                \tjson = "plain"
                \tbase_path = "/janus"
                \thttp = true
                \tport = %d
                \tip = "%s"
                \thttps = false
                }
                admin: {
                \tadmin_http = false
                }
                cors: {
                \tallow_origin = "*"
                }
                """.formatted(apiPort, address));
        Files.writeString(dir.resolve("janus.plugin.videoroom.jcfg"), """
                general: {
                }
                room-%d: {
                \tdescription = "side by side"
                \tpublishers = 16
                \tbitrate = %d
                \tfir_freq = 10
                \taudiocodec = "opus"
                \tvideocodec = "vp8"
                \trecord = false
                }
                """.formatted(ROOM, MAX_VIDEO_BITRATE));
    }

    @Override
    public String name() {
        return "janus";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void join(Browser browser, int participants, Video video) {
        String stats = Child.resource("stats.js");
        List<Object> feeds = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            browser.open(i, pageUrl);
            browser.run(i, stats);
            feeds.add(browser.await(
                    i,
                    "return await window.benchJoin(args[0], args[1], args[2]);",
                    ROOM,
                    "p" + i,
                    video.constraints()));
        }
        for (int i = 0; i < participants; i++) {
            List<Object> others = new ArrayList<>(feeds);
            others.remove(i);
            browser.await(i, "return await window.benchSubscribe(args[0], args[1]);", ROOM, others);
        }
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public Object publish(Chromium browser, Video video, boolean simulcast) {
        open(browser);
        return Page.await(
                browser,
                "return await window.benchJoin(args[0], args[1], args[2], args[3]);",
                ROOM,
                "publisher",
                video.constraints(),
                simulcast);
    }

    @Override
    public void watch(Chromium browser, Object publisher) {
        open(browser);
        Page.await(browser, "return await window.benchWatch(args[0], args[1]);", ROOM, publisher);
    }

    private void open(Chromium browser) {
        browser.open(pageUrl);
        browser.run(Child.resource("stats.js"));
    }

    @Override
    public void close() {
        pages.stop(0);
        Child.stop(process);
    }
}

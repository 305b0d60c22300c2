package dev.quorum.signaling.testing;

import dev.quorum.sfu.room.Rooms;
import dev.quorum.sfu.room.link.TransportLinks;
import dev.quorum.sfu.transport.MediaPort;
import dev.quorum.sfu.transport.TransportConfig;
import dev.quorum.signaling.session.RoomDirectory;
import dev.quorum.signaling.session.SignalingConfig;
import dev.quorum.signaling.token.AccessTokenMinter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A whole SFU on 127.0.0.1 and ephemeral ports: the media port (UDP and ICE-TCP), the rooms
 * engine on its event loops, and signaling with the SDK and demo page over HTTP.
 */
public final class MediaServer implements AutoCloseable {

    public final MediaPort port;
    /** The media port's meters. */
    public final SimpleMeterRegistry mediaMetrics = new SimpleMeterRegistry();

    public final EngineFixture engine;
    public final TestHttpServer http;
    private final AccessTokenMinter minter = new AccessTokenMinter(TestHttpServer.KEY, Clock.systemUTC());

    public MediaServer() throws Exception {
        this(UnaryOperator.identity());
    }

    /** With {@code adjust} applied to the media port's settings. */
    public MediaServer(UnaryOperator<TransportConfig> adjust) throws Exception {
        this(adjust, SignalingConfig.DEFAULTS);
    }

    /** With {@code adjust} applied to the media port's settings, and these signaling settings. */
    public MediaServer(UnaryOperator<TransportConfig> adjust, SignalingConfig signaling) throws Exception {
        this(adjust, signaling, InetAddress.getByName("127.0.0.1"));
    }

    /**
     * Reached at {@code address} (a local address): the media port announces it as its only
     * candidate. The page and signaling are served on every address: browsers on this machine
     * load it from 127.0.0.1 ({@link #pageUrl()}), where the camera may be used, and those in a
     * network namespace from {@code address} ({@link #pageUrl(InetAddress)}).
     */
    public MediaServer(UnaryOperator<TransportConfig> adjust, SignalingConfig signaling, InetAddress address)
            throws Exception {
        port = new MediaPort(
                adjust.apply(TransportConfig.defaults()
                        .withPort(0)
                        .withAddresses(address, List.of(address))
                        .withThreads(2, 4, true)),
                mediaMetrics);
        port.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        engine = new EngineFixture(port.eventLoops(), new TransportLinks(port));
        http = new TestHttpServer(
                io.vertx.core.Vertx.vertx(), true, RoomDirectory.of(engine.rooms), signaling, true, "0.0.0.0");
    }

    public Rooms rooms() {
        return engine.rooms;
    }

    public String pageUrl() {
        return http.url() + "/";
    }

    /** The page at {@code address}, for a browser that reaches this machine there. */
    public String pageUrl(InetAddress address) {
        return "http://" + address.getHostAddress() + ":" + http.port() + "/";
    }

    public String token(String identity) {
        return minter.mint(identity, null, Duration.ofHours(1));
    }

    public String accountSid() {
        return TestHttpServer.KEY.accountSid();
    }

    @Override
    public void close() throws Exception {
        http.close();
        engine.close();
        port.close();
    }
}

package dev.quorum.server;

import dev.quorum.server.config.ConfigException;
import dev.quorum.server.config.ConfigSource;
import dev.quorum.server.config.ServerConfig;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts the server: {@code java -jar quorum-server.jar [--config quorum.properties]}.
 *
 * <p>Without a configuration file the embedded defaults apply (see docs/configuration.md). The
 * file can also be named by {@code QUORUM_CONFIG}; every key can be overridden by its
 * {@code QUORUM_*} environment variable.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Logger log = LoggerFactory.getLogger(Main.class);

        if (args.length > 0 && args[0].equals("decrypt")) {
            System.exit(DecryptCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if (args[i].startsWith("--config=")) {
                configFile = Path.of(args[i].substring("--config=".length()));
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("Usage: java -jar quorum-server.jar [--config <file.properties>]");
                System.out.println(
                        "       java -jar quorum-server.jar decrypt …   (decrypts encrypted media; decrypt --help)");
                System.out.println("See docs/configuration.md for the keys and their QUORUM_* environment overrides.");
                return;
            } else {
                System.err.println("Unknown argument: " + args[i] + " (try --help)");
                System.exit(2);
            }
        }
        if (configFile == null && System.getenv("QUORUM_CONFIG") != null) {
            configFile = Path.of(System.getenv("QUORUM_CONFIG"));
        }

        QuorumServer server;
        try {
            ConfigSource source = ConfigSource.load(configFile, System.getenv());
            server = new QuorumServer(ServerConfig.from(source), source);
            server.start();
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(78); // EX_CONFIG
            return;
        } catch (Exception e) {
            log.error("Start-up failed", e);
            System.exit(1);
            return;
        }

        QuorumServer running = server;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("Shutting down");
                            running.close();
                            log.info("Stopped");
                        },
                        "shutdown"));

        Banner.print(running);
    }
}

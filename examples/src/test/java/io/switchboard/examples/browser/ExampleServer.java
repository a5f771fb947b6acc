package io.switchboard.examples.browser;

import io.switchboard.ConfigChecks;
import io.switchboard.Switchboard;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.ServerConfig;
import io.switchboard.config.SwitchboardConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The bundled example configuration, served as {@code ./switchboard start} serves it, on 127.0.0.1 and a free port:
 * {@code try (ExampleServer server = ExampleServer.start()) { … server.url("/apps/…") … }}. The development
 * issuer's key lives in a directory of its own, deleted on close, rather than in the user's home.
 */
public final class ExampleServer implements AutoCloseable {
    private final Switchboard server;
    private final Path keyDirectory;

    private ExampleServer(Switchboard server, Path keyDirectory) {
        this.server = server;
        this.keyDirectory = keyDirectory;
    }

    /** Starts the examples with the environment of this process. */
    public static ExampleServer start() {
        return start(Map.of());
    }

    /** Starts the examples with extra environment variables for the configuration's {@code ${VAR}}s. */
    public static ExampleServer start(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(environment);
        SwitchboardConfig config = ConfigLoader.withEnvironment(env).loadResource("/examples/switchboard.yaml");
        ConfigChecks.check(config);
        Path keys;
        try {
            keys = Files.createTempDirectory("switchboard-dev-issuer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config = config.withDevIssuer(config.devIssuer().withKeyFile(keys.resolve("key.json")));
        return new ExampleServer(Switchboard.start(config.withServer(config.server().withHost("127.0.0.1").withPort(0)
                .withAccessLog(ServerConfig.AccessLogMode.LOGGER))), keys);
    }

    public Switchboard server() {
        return server;
    }

    /** {@code http://127.0.0.1:port} followed by the path. */
    public String url(String path) {
        return server.httpUri() + path;
    }

    /** {@code ws://127.0.0.1:port/{stage}}. */
    public URI webSocket(String stage) {
        return server.webSocketUri(stage);
    }

    /** A token of the development issuer for a user, as {@code ./switchboard gen-token --sub user} prints it. */
    public String token(String user) {
        return server.gateway().devIssuer().orElseThrow().mint(user, Duration.ofMinutes(10), Map.of());
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try (var files = Files.list(keyDirectory)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
                Files.delete(keyDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

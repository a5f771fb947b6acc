package io.switchboard.examples.browser;

import io.switchboard.Gateway;
import io.switchboard.Switchboard;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.ServerConfig;
import io.switchboard.config.SwitchboardConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The bundled example configuration, served as {@code ./switchboard start} serves it, on 127.0.0.1 and a free port:
 * {@code try (ExampleServer server = ExampleServer.start()) { … server.url("/apps/…") … }}.
 */
public final class ExampleServer implements AutoCloseable {
    private final Switchboard server;

    private ExampleServer(Switchboard server) {
        this.server = server;
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
        Gateway.check(config);
        return new ExampleServer(Switchboard.start(config.withServer(config.server().withHost("127.0.0.1").withPort(0)
                .withAccessLog(ServerConfig.AccessLogMode.LOGGER))));
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

    @Override
    public void close() {
        server.close();
    }
}

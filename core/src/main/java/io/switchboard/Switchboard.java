package io.switchboard;

import io.switchboard.config.ConfigException;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.handler.Handlers;
import io.switchboard.transport.NettyServer;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A running Switchboard: the gateway built from a configuration, listening on its port.
 *
 * <pre>{@code
 * try (Switchboard server = Switchboard.start(ConfigLoader.create().load(Path.of("switchboard.yaml")))) {
 *     System.out.println("listening on " + server.port());
 *     ...
 * }
 * }</pre>
 */
public final class Switchboard implements AutoCloseable {
    private final SwitchboardConfig config;
    private final Gateway gateway;
    private final NettyServer server;

    private Switchboard(SwitchboardConfig config, Gateway gateway, NettyServer server) {
        this.config = config;
        this.gateway = gateway;
        this.server = server;
    }

    /**
     * Builds the gateway and binds its port.
     *
     * @throws ConfigException when the configuration cannot be served (handler classes, templates, TLS files)
     */
    public static Switchboard start(SwitchboardConfig config) {
        return start(config, Handlers.none());
    }

    /**
     * Builds the gateway, with handler instances the configuration names ({@code handler: echo}) before class names,
     * and binds its port.
     *
     * <pre>{@code
     * Switchboard.start(config, Handlers.builder()
     *         .route("echo", (event, context) -> RouteResult.ok(event.body().orElse("")))
     *         .build());
     * }</pre>
     *
     * @throws ConfigException when the configuration cannot be served (handlers, templates, TLS files)
     */
    public static Switchboard start(SwitchboardConfig config, Handlers handlers) {
        return start(Gateway.create(config, handlers), config);
    }

    /**
     * Builds the gateway on an engine of the caller's (a node of an in-JVM
     * {@link io.switchboard.engine.MemoryCluster}, say) and binds its port; the gateway closes the engine.
     *
     * @throws ConfigException when the configuration cannot be served (every problem at its YAML path)
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static Switchboard start(SwitchboardConfig config, Handlers handlers,
                                    java.util.function.Function<io.switchboard.engine.EngineContext,
                                            io.switchboard.engine.Engine> engine) {
        return start(Gateway.create(config, handlers, engine), config);
    }

    private static Switchboard start(Gateway gateway, SwitchboardConfig config) {
        try {
            return new Switchboard(config, gateway, NettyServer.start(gateway.served()));
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    /** The port actually bound. */
    public int port() {
        return server.address().getPort();
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** {@code ws://host:port/{stage}} (or {@code wss://}) of a stage, for clients on this machine. */
    public URI webSocketUri(String stage) {
        String scheme = config.server().secure() ? "wss" : "ws";
        return URI.create(scheme + "://127.0.0.1:" + port() + "/" + stage);
    }

    /** {@code http://host:port} (or {@code https://}), for clients on this machine. */
    public URI httpUri() {
        String scheme = config.server().secure() ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + port());
    }

    public Gateway gateway() {
        return gateway;
    }

    /** Stops gracefully (see {@link NettyServer#close()}), then closes the gateway's parts. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            gateway.close();
        }
    }
}

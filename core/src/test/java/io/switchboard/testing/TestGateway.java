package io.switchboard.testing;

import io.switchboard.Switchboard;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.handler.Handlers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Switchboard on 127.0.0.1 and a free port, from YAML text, for one test: {@code try (var gw =
 * TestGateway.start(yaml)) { ... }}.
 */
public final class TestGateway implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Switchboard server;

    private TestGateway(Switchboard server) {
        this.server = server;
    }

    /** Starts from YAML; the listener is always 127.0.0.1 with a free port. */
    public static TestGateway start(String yaml) {
        return start(yaml, Map.of());
    }

    /** Starts from YAML whose handler names resolve among {@code handlers} first. */
    public static TestGateway start(String yaml, Handlers handlers) {
        return start(yaml, Map.of(), handlers);
    }

    /** Starts from YAML with extra environment variables for {@code ${VAR}} interpolation. */
    public static TestGateway start(String yaml, Map<String, String> environment) {
        return start(yaml, environment, Handlers.none());
    }

    /** Starts from YAML with extra environment variables, handler names resolving among {@code handlers} first. */
    public static TestGateway start(String yaml, Map<String, String> environment, Handlers handlers) {
        return start(yaml, environment, handlers, null);
    }

    /**
     * Starts from YAML as a node of an in-JVM cluster: {@code TestGateway.start(yaml, handlers, cluster::node)} (its
     * engine, whatever {@code engine} says).
     */
    public static TestGateway start(String yaml, Handlers handlers,
                                    java.util.function.Function<io.switchboard.engine.EngineContext,
                                            io.switchboard.engine.Engine> engine) {
        return start(yaml, Map.of(), handlers, java.util.Objects.requireNonNull(engine, "engine"));
    }

    private static TestGateway start(String yaml, Map<String, String> environment, Handlers handlers,
                                     java.util.function.Function<io.switchboard.engine.EngineContext,
                                             io.switchboard.engine.Engine> engine) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(environment);
        SwitchboardConfig config = ConfigLoader.withEnvironment(env).parse(yaml);
        // The access log through SLF4J: quiet in tests (logback-test.xml), and capturable (AccessLogTest).
        config = config.withServer(config.server().withHost("127.0.0.1").withPort(0)
                .withAccessLog(io.switchboard.config.ServerConfig.AccessLogMode.LOGGER));
        return new TestGateway(engine == null ? Switchboard.start(config, handlers)
                : Switchboard.start(config, handlers, engine));
    }

    public Switchboard server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** {@code ws://127.0.0.1:port/{stage}}, with an optional query string such as {@code ?a=1}. */
    public URI ws(String stageAndQuery) {
        return URI.create(server.webSocketUri("").toString() + stageAndQuery);
    }

    /** A WebSocket client connected to a stage. */
    public TestWsClient connect(String stageAndQuery) {
        return TestWsClient.connect(ws(stageAndQuery));
    }

    /** A plain HTTP GET. */
    public HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.httpUri() + path))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP call to this gateway ({@code path} from the root, such as {@code /stage/@users}); no body when null. */
    public HttpResponse<String> call(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.httpUri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}

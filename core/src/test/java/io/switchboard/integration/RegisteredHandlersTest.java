package io.switchboard.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.ConfigException;
import io.switchboard.handler.BatchResult;
import io.switchboard.handler.HandlerProvider;
import io.switchboard.handler.Handlers;
import io.switchboard.handler.QueueMessage;
import io.switchboard.handler.RouteResult;
import io.switchboard.handler.TopicMessage;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handlers by instance: names in the configuration resolve among registered handlers before class names. */
class RegisteredHandlersTest {
    private static final String ROUTES = """
            apis:
              - name: app
                stage: app
                routes:
                  count: {integration: {type: function, handler: counter}, route-response: true}
                  provided: {integration: {type: function, handler: provided.counter}, route-response: true}
                  shadowed: {integration: {type: function, handler: io.switchboard.testing.RecordingHandler}, route-response: true}
                http-routes:
                  GET /hello: {integration: {type: function, handler: hello}}
            """;

    private static Handlers counting(AtomicInteger count) {
        return Handlers.builder()
                .route("counter", (event, context) -> RouteResult.ok("count " + count.incrementAndGet()))
                .route("io.switchboard.testing.RecordingHandler", (event, context) -> RouteResult.ok("instance"))
                .http("hello", (request, context) -> RouteResult.ok("hello " + request.path()))
                .build();
    }

    @Test
    void aRegisteredInstanceServesItsRouteAndKeepsItsOwnState() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        try (TestGateway a = TestGateway.start(ROUTES, counting(first));
             TestGateway b = TestGateway.start(ROUTES, counting(second));
             TestWsClient onA = a.connect("app");
             TestWsClient onB = b.connect("app")) {
            onA.send("{\"action\":\"count\"}");
            assertThat(onA.next()).isEqualTo("count 1");
            onA.send("{\"action\":\"count\"}");
            assertThat(onA.next()).isEqualTo("count 2");
            onB.send("{\"action\":\"count\"}");
            assertThat(onB.next()).isEqualTo("count 1");
            assertThat(first).hasValue(2);
            assertThat(second).hasValue(1);
        }
    }

    @Test
    void aRegisteredNameWinsOverTheClassOfThatName() {
        try (TestGateway gateway = TestGateway.start(ROUTES, counting(new AtomicInteger()));
             TestWsClient client = gateway.connect("app")) {
            client.send("{\"action\":\"shadowed\"}");
            assertThat(client.next()).isEqualTo("instance");
        }
    }

    @Test
    void providersOnTheClassPathContributeHandlersFreshForEachGateway() {
        try (TestGateway a = TestGateway.start(ROUTES, counting(new AtomicInteger()));
             TestGateway b = TestGateway.start(ROUTES, counting(new AtomicInteger()));
             TestWsClient onA = a.connect("app");
             TestWsClient onB = b.connect("app")) {
            onA.send("{\"action\":\"provided\"}");
            assertThat(onA.next()).isEqualTo("seen 1");
            onA.send("{\"action\":\"provided\"}");
            assertThat(onA.next()).isEqualTo("seen 2");
            onB.send("{\"action\":\"provided\"}");
            assertThat(onB.next()).isEqualTo("seen 1");
        }
    }

    @Test
    void aRegisteredHttpHandlerAnswersItsRoute() {
        try (TestGateway gateway = TestGateway.start(ROUTES, counting(new AtomicInteger()))) {
            HttpResponse<String> response = gateway.get("/app/hello");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello /hello");
        }
    }

    @Test
    void topicAndQueueHandlersAreMadeForTheirApiFromItsServices() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        Handlers handlers = Handlers.builder()
                .topicPerApi("archive", api -> message -> {
                    seen.add("topic " + message.body());
                    api.queues().send("jobs", "from topic " + message.body());
                })
                .queue("worker", (List<QueueMessage> batch) -> {
                    batch.forEach(m -> seen.add("queue " + m.body()));
                    return BatchResult.ok();
                })
                .route("publish", (event, context) -> {
                    context.topics().publish("orders", event.body().orElse(""));
                    return RouteResult.ok();
                })
                .build();
        try (TestGateway gateway = TestGateway.start("""
                apis:
                  - name: app
                    stage: app
                    routes:
                      $default: {integration: {type: function, handler: publish}}
                    topics:
                      orders: {subscribers: [{handler: archive}]}
                    queues:
                      jobs: {consumer: {handler: worker}}
                """, handlers); TestWsClient client = gateway.connect("app")) {
            client.send("order-1");
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("topic order-1");
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("queue from topic order-1");
        }
    }

    @Test
    void aNameThatIsNeitherRegisteredNorAClassIsAProblemAtItsPath() {
        assertThatThrownBy(() -> TestGateway.start("""
                apis:
                  - name: app
                    stage: app
                    routes:
                      x: {integration: {type: function, handler: nowhere}}
                """, Handlers.builder().http("nowhere-else", (r, c) -> RouteResult.ok()).build()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement()
                        .satisfies(p -> assertThat(p.path()).isEqualTo("apis[0].routes.x.integration"))
                        .satisfies(p -> assertThat(p.message()).contains("nowhere", "cannot be loaded")));
    }

    @Test
    void aNameRegisteredTwiceIsRefused() {
        Handlers one = Handlers.builder().route("provided.counter", (e, c) -> RouteResult.ok()).build();
        assertThatThrownBy(() -> TestGateway.start(ROUTES, one))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("provided.counter is registered twice");
        assertThatThrownBy(() -> Handlers.builder().route("x", (e, c) -> RouteResult.ok())
                .topic("x", (TopicMessage m) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProviderThatCannotBeLoadedIsAProblemNotACrash(@TempDir Path jar) throws Exception {
        Path services = Files.createDirectories(jar.resolve("META-INF/services"));
        Files.writeString(services.resolve(HandlerProvider.class.getName()), "com.example.MissingProvider\n");
        assertThatThrownBy(() -> TestGateway.start("server: {classpath: [\"" + jar + "\"]}\n" + ROUTES,
                Handlers.none()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement()
                        .satisfies(p -> assertThat(p.path()).isEqualTo("handlers"))
                        .satisfies(p -> assertThat(p.message()).contains("com.example.MissingProvider")));
    }
}

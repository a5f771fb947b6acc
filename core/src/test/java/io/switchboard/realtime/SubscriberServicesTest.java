package io.switchboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ConfigChecks;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigLoader;
import io.switchboard.json.Json;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Topic subscriber and queue consumer classes that take {@code ApiServices} in their constructor reach the real-time
 * stack of the API their topic or queue belongs to, as a backend answers clients through the pusher.
 */
class SubscriberServicesTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        String api = """
                  - name: %1$s
                    stage: %1$s
                    connections: {user-id: $request.querystring.user}
                    routes:
                      ping: {integration: {type: mock, response-template: pong}, route-response: true}
                    topics:
                      requests: {subscribers: [{handler: io.switchboard.testing.ForwardingTopicHandler}]}
                    queues:
                      requests: {consumer: {handler: io.switchboard.testing.ForwardingQueueHandler}}
                """;
        gateway = TestGateway.start("apis:\n" + api.formatted("one") + api.formatted("two"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a topic handler,   one, two, /one/@topics/requests,         message",
        "a queue consumer,  two, one, /two/@queues/requests/messages, body"})
    void notifiesUsersOfItsOwnApiOnly(String subscriber, String own, String other, String path, String field) {
        String user = own + "-" + field;
        try (TestWsClient onOwn = gateway.connect(own + "?user=" + user);
             TestWsClient onOther = gateway.connect(other + "?user=" + user)) {
            String request = Json.MAPPER.writeValueAsString(Map.of("users", List.of(user), "data",
                    Map.of("via", subscriber)));
            assertThat(gateway.call("POST", path, Json.MAPPER.writeValueAsString(Map.of(field, request)))
                    .statusCode()).isEqualTo(200);
            assertThat(onOwn.next()).isEqualTo("{\"via\":\"" + subscriber + "\"}");
            onOther.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void onlyOurOwnInterfacesMayAskForTheServices() {
        String yaml = """
                apis:
                  - name: x
                    stage: x
                    routes: {ping: {integration: {type: mock, response-template: pong}}}
                    topics:
                      t: {subscribers: [{handler: io.switchboard.testing.ForwardingTopicHandler},
                                        {handler: io.switchboard.testing.ServicesSnsLambda}]}
                    queues:
                      q: {consumer: {handler: io.switchboard.testing.ForwardingQueueHandler}}
                """;
        assertThatThrownBy(() -> ConfigChecks.check(ConfigLoader.create().parse(yaml)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement().asString()
                        .contains("subscribers[1].handler", "ServicesSnsLambda needs a public constructor without "
                                + "arguments"));
    }
}

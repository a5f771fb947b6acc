package io.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.Handlers;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A message whose route needs no shared state never waits for Redis: with Redis gone, mock routes still answer on
 * the connections a node holds, and what does need Redis answers an error within the command timeout, never hangs.
 */
class RedisOffThePathTest {
    private static final String YAML = """
            apis:
              - name: chat
                stage: chat
                routes:
                  ping: {integration: {type: mock, response-template: pong}, route-response: true}
                connections: {user-id: $request.querystring.user}
            """;

    @Test
    void mockRoutesAnswerWhileRedisIsGoneAndCallsThatNeedItFailClearly() throws Exception {
        try (RedisProcess redis = RedisProcess.start()) {
            RedisSettings settings = RedisSettings.at(redis.uri()).withKeyPrefix(TestPrefixes.fresh());
            try (TestGateway gateway = TestGateway.start(YAML, Handlers.none(),
                    context -> new RedisEngine(settings, context));
                 TestWsClient client = gateway.connect("chat?user=ola")) {
                assertThat(client.send("{\"action\":\"ping\"}").next()).isEqualTo("pong");
                redis.kill();
                for (int i = 0; i < 20; i++) {
                    assertThat(client.send("{\"action\":\"ping\"}").next(Duration.ofSeconds(2))).isEqualTo("pong");
                }
                HttpResponse<String> users = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gateway.server().httpUri() + "/chat/@users/ola"))
                        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(users.statusCode()).as(users.body()).isGreaterThanOrEqualTo(500);
                assertThat(users.body()).doesNotContain("password");
            }
        }
    }
}

package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.redis.RedisProcess;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Three {@code switchboard start --engine redis} processes sharing one real {@code redis-server}: to the unchanged
 * AWS SDK and to WebSocket clients they are one gateway. (The in-JVM scenarios, run against Redis in the redis
 * module, cover the rest; this is the same thing across real process boundaries.)
 */
class ThreeProcessClusterTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RedisProcess redis;
    private static final List<GatewayProcess> nodes = new ArrayList<>();

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        redis = RedisProcess.start();
        Path config = dir.resolve("cluster.yaml");
        Files.writeString(config, """
                server: {host: 127.0.0.1, access-log: off}
                apis:
                  - name: chat
                    stage: chat
                    routes:
                      whoami: {integration: {type: mock, response-template: '$context.connectionId'}, route-response: true}
                    connections: {user-id: $request.querystring.user}
                """);
        for (String node : List.of("a", "b", "c")) {
            nodes.add(GatewayProcess.start(config, "--engine", "redis", "--redis-uri", redis.uri().toString(),
                    "--node-id", "node-" + node));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (GatewayProcess node : nodes) {
            node.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static URI http(int node) {
        return nodes.get(node).http();
    }

    private static TestWsClient connect(int node, String user) {
        return TestWsClient.connect(nodes.get(node).ws("chat?user=" + user), Map.of("User-Agent", "proc-test/1"),
                List.of());
    }

    private static String idOf(TestWsClient client) {
        return client.send("{\"action\":\"whoami\"}").next();
    }

    private static ApiGatewayManagementApiClient sdk(int node) {
        return ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(http(node) + "/chat"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL",
                        "local-secret")))
                .build();
    }

    @Test
    void theSdkThroughTheFirstProcessReachesAClientOfTheThird() {
        try (ApiGatewayManagementApiClient sdk = sdk(0); TestWsClient client = connect(2, "cyd")) {
            String id = idOf(client);
            sdk.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("across processes")));
            assertThat(client.next()).isEqualTo("across processes");
            GetConnectionResponse info = sdk.getConnection(r -> r.connectionId(id));
            assertThat(info.identity().userAgent()).isEqualTo("proc-test/1");
            assertThat(info.identity().sourceIp()).isEqualTo("127.0.0.1");
            sdk.deleteConnection(r -> r.connectionId(id));
            assertThat(client.awaitClose().code()).isEqualTo(1000);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() ->
                    sdk.getConnection(r -> r.connectionId(id))).isInstanceOf(GoneException.class));
        }
    }

    @Test
    void aGroupOverTheThreeProcessesGivesEachMemberOneCopy() throws Exception {
        List<TestWsClient> members = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                TestWsClient member = connect(i % 3, "m" + i);
                members.add(member);
                HttpResponse<String> joined = HTTP.send(HttpRequest.newBuilder(URI.create(http(1)
                        + "/chat/@groups/hall/members/" + idOf(member))).PUT(HttpRequest.BodyPublishers.noBody())
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(joined.statusCode()).isEqualTo(204);
            }
            HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(http(0) + "/chat/@groups/hall"))
                    .POST(HttpRequest.BodyPublishers.ofString("to the hall")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.body()).contains("\"delivered\":6").contains("\"gone\":0");
            for (TestWsClient member : members) {
                assertThat(member.next()).isEqualTo("to the hall");
            }
            for (TestWsClient member : members) {
                member.expectNothing(Duration.ofMillis(200));
            }
        } finally {
            members.forEach(TestWsClient::close);
        }
    }
}

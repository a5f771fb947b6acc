package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.redis.RedisProcess;
import io.switchboard.testing.TestWsClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern LISTENING = Pattern.compile("Switchboard listening on [^:]+:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RedisProcess redis;
    private static final List<Process> processes = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();

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
            processes.add(new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                    "io.switchboard.server.Main", "start", "--config", config.toString(), "--port", "0",
                    "--engine", "redis", "--redis-uri", redis.uri().toString(), "--node-id", "node-" + node)
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start());
        }
        for (Process process : processes) {
            ports.add(portOf(process).get(60, TimeUnit.SECONDS));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process process : processes) {
            process.destroy(); // SIGTERM: the graceful stop
        }
        for (Process process : processes) {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** Reads the process's log until it says where it listens, then keeps draining it so it never blocks. */
    private static CompletableFuture<Integer> portOf(Process process) {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            StringBuilder seen = new StringBuilder();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (!port.isDone()) {
                        seen.append(line).append('\n');
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            port.completeExceptionally(new IllegalStateException("the node never listened:\n" + seen));
        }, "node-log");
        reader.setDaemon(true);
        reader.start();
        return port;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static URI http(int node) {
        return URI.create("http://127.0.0.1:" + ports.get(node));
    }

    private static TestWsClient connect(int node, String user) {
        return TestWsClient.connect(URI.create("ws://127.0.0.1:" + ports.get(node) + "/chat?user=" + user),
                Map.of("User-Agent", "proc-test/1"), List.of());
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

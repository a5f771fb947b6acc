package io.switchboard.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.handler.Handlers;
import io.switchboard.json.Json;
import io.switchboard.testing.ManagementClients;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import io.switchboard.testing.WhoLeftHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import tools.jackson.databind.JsonNode;

/**
 * Connections by user over HTTP ({@code @users}) and in process ({@code RouteContext.users()} and the other real-time
 * services), the user id falling back to the connection id, and the management API's SigV4 rule on the new calls.
 */
class UsersTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("who-left", new WhoLeftHandler(RECORDER))
            .build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: people
                    stage: people
                    connections: {user-id: $request.querystring.user}
                    routes:
                      $default: {integration: {type: function, handler: io.switchboard.testing.RealtimeHandler},
                                 route-response: true}
                      $disconnect: {integration: {type: function, handler: who-left}}
                    topics:
                      news: {subscribers: [{queue: work}]}
                    queues:
                      work: {}
                """, HANDLERS);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> call(String method, String path, String body) {
        return gateway.call(method, "/people" + path, body);
    }

    private static String ask(TestWsClient client, String request) {
        return client.send(request).next();
    }

    @Test
    void usersAreListedDescribedAndReachedOverHttp() throws Exception {
        try (TestWsClient phone = gateway.connect("people?user=alice");
             TestWsClient laptop = gateway.connect("people?user=alice");
             TestWsClient bob = gateway.connect("people?user=bob")) {
            await().until(() -> Json.MAPPER.readTree(call("GET", "/@users/alice", null).body()).get("connections")
                    .size() == 2);
            assertThat(Json.MAPPER.readTree(call("GET", "/@users", null).body()).get("users"))
                    .extracting(JsonNode::asString).contains("alice", "bob");
            JsonNode alice = Json.MAPPER.readTree(call("GET", "/@users/alice", null).body());
            assertThat(alice.get("user_id").asString()).isEqualTo("alice");
            assertThat(alice.get("status").asString()).isEqualTo("ONLINE");
            assertThat(alice.get("since").asLong()).isPositive();
            assertThat(alice.get("connections").get(0).get("connected_at").asLong()).isPositive();
            HttpResponse<String> sent = call("POST", "/@users/alice", "to every device");
            assertThat(sent.body()).isEqualTo("{\"delivered\":2,\"gone\":0}");
            assertThat(phone.next()).isEqualTo("to every device");
            assertThat(laptop.next()).isEqualTo("to every device");
            assertThat(call("GET", "/@users/nobody", null).body())
                    .isEqualTo("{\"user_id\":\"nobody\",\"status\":\"OFFLINE\",\"connections\":[]}");
            assertThat(call("POST", "/@users/nobody", "x").body()).isEqualTo("{\"delivered\":0,\"gone\":0}");
            assertThat(call("DELETE", "/@users/alice", null).statusCode()).isEqualTo(405);
            assertThat(call("POST", "/@users", "x").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void withoutAUserTheConnectionIsItsOwnUser() throws Exception {
        try (TestWsClient anonymous = gateway.connect("people")) {
            String id = ask(anonymous, "{\"action\":\"whoami\"}");
            assertThat(id).endsWith("=");
            assertThat(call("GET", "/@users/" + id.replace("=", "%3D"), null).body()).contains("\"ONLINE\"");
        }
    }

    @Test
    void handlersReachUsersTopicsQueuesAndThePusherInProcess() {
        try (TestWsClient carol = gateway.connect("people?user=carol");
             TestWsClient dave = gateway.connect("people?user=dave")) {
            assertThat(ask(carol, "{\"action\":\"whoami\"}")).isEqualTo("carol");
            assertThat(ask(carol, "{\"action\":\"connected\"}")).contains("carol", "dave");
            assertThat(ask(carol, "{\"action\":\"devices\",\"user\":\"dave\"}")).isEqualTo("1");
            assertThat(ask(carol, "{\"action\":\"presence\",\"user\":\"dave\"}")).isEqualTo("ONLINE");
            assertThat(ask(carol, "{\"action\":\"presence\",\"user\":\"nobody\"}")).isEqualTo("OFFLINE");
            assertThat(ask(carol, "{\"action\":\"dm\",\"user\":\"dave\",\"text\":\"psst\"}")).isEqualTo("1/0");
            assertThat(dave.next()).isEqualTo("psst");
            assertThat(ask(carol, "{\"action\":\"publish\",\"topic\":\"nope\",\"text\":\"x\"}"))
                    .isEqualTo("NOT_FOUND");
            assertThat(ask(carol, "{\"action\":\"roundtrip\",\"text\":\"queued\"}")).isEqualTo("queued|v");
            assertThat(ask(carol, "{\"action\":\"notify\",\"text\":\"{\\\"users\\\":[\\\"dave\\\"],\\\"data\\\":7}\"}"))
                    .isEqualTo("notified 1");
            assertThat(dave.next()).isEqualTo("7");
            assertThat(ask(carol, "{\"action\":\"notify\",\"text\":\"not json\"}")).isEqualTo("BAD_REQUEST");
        }
    }

    @Test
    void aDisconnectHandlerStillKnowsWhoseConnectionLeft() {
        RECORDER.clear("people-left");
        TestWsClient erin = gateway.connect("people?user=erin");
        ask(erin, "{\"action\":\"whoami\"}");
        erin.close();
        assertThat(RECORDER.<String>next("people-left")).isEqualTo("erin");
        await().until(() -> call("GET", "/@users/erin", null).body().contains("\"OFFLINE\""));
    }

    @Test
    void withCredentialsTheNewCallsNeedASignatureToo() throws Exception {
        try (TestGateway signed = TestGateway.start(ManagementClients.CREDENTIALS_YAML + """
                apis:
                  - name: s
                    stage: s
                    routes:
                      ping: {integration: {type: mock, response-template: pong}}
                """)) {
            URI uri = URI.create(signed.server().httpUri() + "/s/@notifications");
            String body = "{\"data\":\"to everyone\"}";
            HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
            SdkHttpRequest toSign = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri).build();
            SdkHttpRequest signature = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create(ManagementClients.ACCESS_KEY, ManagementClients.SECRET_KEY))
                    .request(toSign)
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            signature.forEachHeader((name, values) -> {
                if (!name.equalsIgnoreCase("host")) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<String> accepted = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(accepted.body()).startsWith("{\"notified\":0,");
        }
    }
}

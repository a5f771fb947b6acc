package io.switchboard.httproutes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ConfigChecks;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigLoader;
import io.switchboard.handler.HttpRequestEvent;
import io.switchboard.handler.HttpRouteHandler;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteResult;
import io.switchboard.json.Json;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code http-routes}: plain HTTP endpoints under a stage, answered by Java handlers with a proxy response. */
class HttpRoutesTest {
    private static TestGateway gateway;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Answers with what it received. */
    public static final class Echo implements HttpRouteHandler {
        @Override
        public RouteResult handle(HttpRequestEvent request, RouteContext context) {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("routeKey", request.routeKey());
            seen.put("method", request.method());
            seen.put("path", request.path());
            seen.put("rawQueryString", request.rawQueryString());
            seen.put("query", request.queryStringParameters());
            seen.put("pathParameters", request.pathParameters());
            seen.put("header", request.header("X-Test").orElse(""));
            seen.put("body", request.body().orElse(null));
            seen.put("base64", request.base64Encoded());
            seen.put("requestId", request.requestId());
            seen.put("stage", request.stage());
            seen.put("apiId", request.apiId());
            seen.put("stageVariables", request.stageVariables());
            seen.put("sourceIp", request.sourceIp());
            seen.put("domainName", request.domainName());
            return RouteResult.ok(Json.MAPPER.writeValueAsString(seen));
        }
    }

    /** Chooses its own status, headers and a binary body. */
    public static final class Custom implements HttpRouteHandler {
        @Override
        public RouteResult handle(HttpRequestEvent request, RouteContext context) {
            return new RouteResult(201, Map.of("Content-Type", "application/octet-stream", "X-Made-By", "custom",
                    "Connection", "close"), java.util.Optional.of("AAEC/w=="), true);
        }
    }

    /** Posts the {@code text} parameter to every member of group {@code all}. */
    public static final class Broadcast implements HttpRouteHandler {
        @Override
        public RouteResult handle(HttpRequestEvent request, RouteContext context) {
            var fanOut = context.groups().post("all", request.queryParameter("text").orElse(""), Set.of());
            return RouteResult.ok("{\"delivered\":" + fanOut.delivered() + "}");
        }
    }

    /** Fails. */
    public static final class Broken implements HttpRouteHandler {
        @Override
        public RouteResult handle(HttpRequestEvent request, RouteContext context) {
            throw new IllegalStateException("broken on purpose");
        }
    }

    /** Takes longer than its route's timeout. */
    public static final class Slow implements HttpRouteHandler {
        @Override
        public RouteResult handle(HttpRequestEvent request, RouteContext context) throws InterruptedException {
            Thread.sleep(context.remainingTime().toMillis() + 500);
            return RouteResult.ok("too late");
        }
    }

    /** Joins the sender to group {@code all}. */
    public static final class JoinAll implements io.switchboard.handler.RouteHandler {
        @Override
        public RouteResult handle(io.switchboard.handler.RouteEvent event, RouteContext context) {
            context.groups().join("all", event.connectionId());
            return RouteResult.ok("joined");
        }
    }

    @BeforeAll
    static void start() {
        String base = "io.switchboard.httproutes.HttpRoutesTest$";
        gateway = TestGateway.start("""
                apis:
                  - name: shop
                    stage: prod
                    stage-variables: {color: blue}
                    routes:
                      join: {integration: {type: function, handler: %1$sJoinAll}, route-response: true}
                    http-routes:
                      GET /echo: {integration: {type: function, handler: %1$sEcho}}
                      POST /echo: {integration: {type: function, handler: %1$sEcho}}
                      GET /items/{id}: {integration: {type: function, handler: %1$sEcho}}
                      GET /items/new: {integration: {type: function, handler: %1$sCustom}}
                      ANY /broadcast: {integration: {type: function, handler: %1$sBroadcast}}
                      GET /broken: {integration: {type: function, handler: %1$sBroken}}
                      GET /slow: {integration: {type: function, handler: %1$sSlow, timeout: 200ms}}
                """.formatted(base));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body,
                                             String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.server().httpUri() + path))
                .method(method, body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    @Test
    void theHandlerSeesTheRequestLikeAnHttpApiEvent() throws Exception {
        HttpResponse<String> response = get("/prod/echo?x=1&x=2&y=%20z", "X-Test", "hello");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode seen = Json.MAPPER.readTree(response.body());
        assertThat(seen.get("routeKey").asString()).isEqualTo("GET /echo");
        assertThat(seen.get("method").asString()).isEqualTo("GET");
        assertThat(seen.get("path").asString()).isEqualTo("/echo");
        assertThat(seen.get("rawQueryString").asString()).isEqualTo("x=1&x=2&y=%20z");
        assertThat(seen.get("query").get("x").asString()).isEqualTo("1,2");
        assertThat(seen.get("query").get("y").asString()).isEqualTo(" z");
        assertThat(seen.get("header").asString()).isEqualTo("hello");
        assertThat(seen.get("body").isNull()).isTrue();
        assertThat(seen.get("requestId").asString()).isNotEmpty();
        assertThat(seen.get("stage").asString()).isEqualTo("prod");
        assertThat(seen.get("apiId").asString()).isEqualTo("shop");
        assertThat(seen.get("stageVariables").get("color").asString()).isEqualTo("blue");
        assertThat(seen.get("sourceIp").asString()).isEqualTo("127.0.0.1");
        assertThat(seen.get("domainName").asString()).startsWith("127.0.0.1:");
    }

    @Test
    void bodiesArriveAsTextOrBase64() throws Exception {
        JsonNode text = Json.MAPPER.readTree(send("POST", "/prod/echo", HttpRequest.BodyPublishers.ofString("héllo"))
                .body());
        assertThat(text.get("body").asString()).isEqualTo("héllo");
        assertThat(text.get("base64").asBoolean()).isFalse();
        JsonNode binary = Json.MAPPER.readTree(send("POST", "/prod/echo",
                HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 1, (byte) 0xff})).body());
        assertThat(binary.get("body").asString()).isEqualTo("AAH/");
        assertThat(binary.get("base64").asBoolean()).isTrue();
    }

    @Test
    void pathParametersAndLiteralSegmentsFirst() throws Exception {
        assertThat(Json.MAPPER.readTree(get("/prod/items/a%20b").body()).get("pathParameters").get("id").asString())
                .isEqualTo("a b");
        HttpResponse<byte[]> custom = HTTP.send(HttpRequest.newBuilder(
                URI.create(gateway.server().httpUri() + "/prod/items/new")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(custom.statusCode()).isEqualTo(201);
        assertThat(custom.body()).containsExactly(0, 1, 2, 0xff);
        assertThat(custom.headers().firstValue("X-Made-By")).contains("custom");
        assertThat(custom.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(custom.headers().firstValue("Connection").orElse("")).isNotEqualToIgnoringCase("close");
    }

    @Test
    void wrongMethodsAre405AndUnknownPaths404() throws Exception {
        HttpResponse<String> wrong = send("DELETE", "/prod/echo", HttpRequest.BodyPublishers.noBody());
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).contains("GET, POST");
        assertThat(get("/prod/nothing").statusCode()).isEqualTo(404);
        assertThat(get("/prod/items/1/more").statusCode()).isEqualTo(404);
        assertThat(get("/prod").statusCode()).isEqualTo(426);
        assertThat(get("/other/echo").statusCode()).isEqualTo(404);
    }

    @Test
    void failuresAre502AndTimeouts504() throws Exception {
        HttpResponse<String> broken = get("/prod/broken");
        assertThat(broken.statusCode()).isEqualTo(502);
        assertThat(broken.body()).isEqualTo("{\"message\":\"Internal server error\"}");
        HttpResponse<String> slow = get("/prod/slow");
        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(slow.body()).isEqualTo("{\"message\":\"Endpoint request timed out\"}");
        assertThat(get("/prod/echo").statusCode()).isEqualTo(200); // the connection's next request still works
    }

    @Test
    void aHandlerReachesTheStagesWebSocketClients() throws Exception {
        try (TestWsClient a = gateway.connect("prod"); TestWsClient b = gateway.connect("prod")) {
            a.send("{\"action\":\"join\"}");
            b.send("{\"action\":\"join\"}");
            assertThat(a.next()).isEqualTo("joined");
            assertThat(b.next()).isEqualTo("joined");
            HttpResponse<String> response = send("POST", "/prod/broadcast?text=hi", HttpRequest.BodyPublishers.noBody());
            assertThat(response.body()).isEqualTo("{\"delivered\":2}");
            assertThat(a.next()).isEqualTo("hi");
            assertThat(b.next()).isEqualTo("hi");
        }
    }

    @Test
    void keepAliveSurvivesAnHttpRouteCall() throws IOException {
        String answers = RawWebSocket.httpExchange(gateway.port(), "GET /prod/echo HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /prod/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answers).startsWith("HTTP/1.1 200").contains("HTTP/1.1 404");
    }

    @Test
    void badRoutesAreConfigurationProblems() {
        assertThatThrownBy(() -> ConfigLoader.withEnvironment(Map.of()).parse("""
                apis:
                  - name: a
                    stage: s
                    routes: {ping: {integration: {type: mock}}}
                    http-routes:
                      FETCH /x: {integration: {type: function, handler: a.B}}
                      GET /@connections: {integration: {type: function, handler: a.B}}
                      GET /y: {integration: {type: mock}}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http-routes.FETCH /x")
                .hasMessageContaining("management API")
                .hasMessageContaining("http-routes.GET /y.integration");
        assertThatThrownBy(() -> ConfigChecks.check(ConfigLoader.withEnvironment(Map.of()).parse("""
                apis:
                  - name: a
                    stage: s
                    routes: {ping: {integration: {type: mock}}}
                    http-routes:
                      GET /x: {integration: {type: function, handler: io.switchboard.httproutes.HttpRoutesTest$JoinAll}}
                """)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not implement io.switchboard.handler.HttpRouteHandler");
    }
}

package io.switchboard.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.json.Json;
import io.switchboard.testing.HeldDisconnectHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Rooms over HTTP ({@code @groups}) and in process: a fan-out to thousands of members, exclusions, membership that
 * ends with the connection, and the {@code gone} count.
 */
class GroupsTest {
    private static TestGateway gateway;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: rooms
                    stage: rooms
                    routes:
                      $default: {integration: {type: function, handler: io.switchboard.testing.RoomHandler}, route-response: true}
                  - name: held
                    stage: held
                    routes:
                      $default: {integration: {type: function, handler: io.switchboard.testing.RoomHandler}, route-response: true}
                      $disconnect: {integration: {type: function, handler: io.switchboard.testing.HeldDisconnectHandler}}
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, body, "rooms");
    }

    private static HttpResponse<String> call(String method, String path, String body, String stage)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.server().httpUri() + "/" + stage + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode fanOut(String group, String body) throws Exception {
        return fanOut(group, body, "rooms");
    }

    private static JsonNode fanOut(String group, String body, String stage) throws Exception {
        HttpResponse<String> response = call("POST", "/@groups/" + group, body, stage);
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static String join(TestWsClient client, String group) {
        return client.send("{\"action\":\"join\",\"group\":\"" + group + "\"}").next();
    }

    private static String encoded(String id) {
        return id.replace("=", "%3D");
    }

    @Test
    void fiveThousandMembersEachGetExactlyOneCopy() throws Exception {
        int members = 5000;
        HttpClient shared = HttpClient.newHttpClient(); // one selector thread for every socket
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<TestWsClient> clients = new ArrayList<>();
        try {
            List<CompletableFuture<TestWsClient>> opening = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                opening.add(CompletableFuture.supplyAsync(() -> {
                    TestWsClient c = TestWsClient.connect(shared, gateway.ws("rooms"), Map.of(), List.of());
                    join(c, "big");
                    return c;
                }, pool));
            }
            for (CompletableFuture<TestWsClient> f : opening) {
                clients.add(f.join());
            }
            JsonNode result = fanOut("big", "{\"news\":\"for everyone\"}");
            assertThat(result.get("delivered").asInt()).isEqualTo(members);
            assertThat(result.get("gone").asInt()).isZero();
            assertThat(fanOut("big", "marker").get("delivered").asInt()).isEqualTo(members);
            for (TestWsClient c : clients) { // messages of one connection keep their order: one copy, then marker
                assertThat(c.next()).isEqualTo("{\"news\":\"for everyone\"}");
                assertThat(c.next()).isEqualTo("marker");
            }
            HttpResponse<String> list = call("GET", "/@groups/big", null);
            assertThat(Json.MAPPER.readTree(list.body()).get("members").size()).isEqualTo(members);
        } finally {
            clients.forEach(TestWsClient::close);
            pool.shutdownNow();
        }
    }

    @Test
    void aMemberThatStopsReadingIsClosedWith1008AndTheOthersKeepReceiving() throws Exception {
        try (TestWsClient reader = gateway.connect("rooms");
             io.switchboard.testing.RawWebSocket stalled = io.switchboard.testing.RawWebSocket.open(gateway.port(),
                     "/rooms")) {
            join(reader, "slow");
            stalled.sendText("{\"action\":\"join\",\"group\":\"slow\"}");
            String stalledId = stalled.read().text();
            String chunk = "s".repeat(60 * 1024);
            int gone = 0;
            int posts = 0;
            while (gone == 0 && posts < 3000) { // at most 180 MB: far beyond socket buffers and the 1 MB queue
                JsonNode result = fanOut("slow", chunk);
                gone = result.get("gone").asInt();
                posts++;
                assertThat(reader.next()).hasSize(chunk.length());
            }
            assertThat(gone).isEqualTo(1);
            assertThat(stalled.awaitCloseCode()).isEqualTo(1008);
            org.awaitility.Awaitility.await().until(() -> !call("GET", "/@groups/slow", null).body()
                    .contains(stalledId));
            assertThat(fanOut("slow", "after").get("delivered").asInt()).isEqualTo(1);
            assertThat(reader.next()).isEqualTo("after");
        }
    }

    @Test
    void excludedMembersGetNothing() throws Exception {
        try (TestWsClient a = gateway.connect("rooms"); TestWsClient b = gateway.connect("rooms");
             TestWsClient c = gateway.connect("rooms")) {
            String idA = join(a, "ex");
            String idB = join(b, "ex");
            join(c, "ex");
            JsonNode result = fanOut("ex?exclude=" + encoded(idA) + "," + encoded(idB), "only c");
            assertThat(result.get("delivered").asInt()).isEqualTo(1);
            assertThat(c.next()).isEqualTo("only c");
            a.expectNothing(Duration.ofMillis(200));
            b.expectNothing(Duration.ofMillis(100));
            assertThat(fanOut("ex?exclude=" + encoded(idA) + "&exclude=" + encoded(idB), "again")
                    .get("delivered").asInt()).isEqualTo(1);
        }
    }

    @Test
    void membershipEndsWithTheConnection() throws Exception {
        TestWsClient leaving = gateway.connect("rooms");
        try (TestWsClient staying = gateway.connect("rooms")) {
            String leaver = join(leaving, "life");
            String stayer = join(staying, "life");
            assertThat(call("GET", "/@groups/life", null).body()).contains(leaver, stayer);
            leaving.close(1000, "bye");
            leaving.awaitClose();
            org.awaitility.Awaitility.await().until(() -> !call("GET", "/@groups/life", null).body()
                    .contains(leaver));
            JsonNode result = fanOut("life", "still here?");
            assertThat(result.get("delivered").asInt()).isEqualTo(1);
            assertThat(result.get("gone").asInt()).isZero();
            assertThat(staying.next()).isEqualTo("still here?");
        } finally {
            leaving.close();
        }
    }

    @Test
    void membersThatClosedMeanwhileCountAsGone() throws Exception {
        HeldDisconnectHandler.hold(); // the closed member stays listed until its $disconnect has run
        try (TestWsClient live = gateway.connect("held"); TestWsClient closing = gateway.connect("held")) {
            join(live, "meanwhile");
            String closed = join(closing, "meanwhile");
            closing.close(1000, "bye");
            closing.awaitClose();
            org.awaitility.Awaitility.await().until(() -> gateway.server().gateway().connections().find(closed)
                    .isEmpty());
            assertThat(call("GET", "/@groups/meanwhile", null, "held").body()).contains(closed);
            JsonNode result = fanOut("meanwhile", "hello", "held");
            assertThat(result.get("delivered").asInt()).isEqualTo(1);
            assertThat(result.get("gone").asInt()).isEqualTo(1);
            assertThat(live.next()).isEqualTo("hello");
            HeldDisconnectHandler.release();
            org.awaitility.Awaitility.await().until(() -> !call("GET", "/@groups/meanwhile", null, "held").body()
                    .contains(closed));
            assertThat(fanOut("meanwhile", "again", "held").get("gone").asInt()).isZero();
        } finally {
            HeldDisconnectHandler.release();
        }
    }

    @Test
    void httpMembershipCallsAndTheirErrors() throws Exception {
        try (TestWsClient a = gateway.connect("rooms")) {
            String id = a.send("{\"action\":\"say\",\"group\":\"nobody-here\",\"text\":\"x\"}").next();
            assertThat(id).isEqualTo("0/0");
            String me = join(a, "probe");
            assertThat(call("PUT", "/@groups/http-room/members/" + encoded(me), null).statusCode()).isEqualTo(204);
            assertThat(fanOut("http-room", "via http").get("delivered").asInt()).isEqualTo(1);
            assertThat(a.next()).isEqualTo("via http");
            assertThat(call("DELETE", "/@groups/http-room/members/" + encoded(me), null).statusCode())
                    .isEqualTo(204);
            assertThat(fanOut("http-room", "after leaving").get("delivered").asInt()).isZero();
            HttpResponse<String> gone = call("PUT", "/@groups/http-room/members/nobody%3D", null);
            assertThat(gone.statusCode()).isEqualTo(410);
            assertThat(gone.headers().firstValue("x-amzn-ErrorType")).hasValue("GoneException");
            HttpResponse<String> tooBig = call("POST", "/@groups/http-room", "x".repeat(128 * 1024 + 1));
            assertThat(tooBig.statusCode()).isEqualTo(413);
            assertThat(call("GET", "/@groups/" + "g".repeat(257), null).statusCode()).isEqualTo(400);
            a.expectNothing(Duration.ofMillis(100));
        }
    }

    @Test
    void inProcessFanOutLeavesTheSenderOut() {
        try (TestWsClient a = gateway.connect("rooms"); TestWsClient b = gateway.connect("rooms")) {
            join(a, "chat");
            join(b, "chat");
            assertThat(a.send("{\"action\":\"say\",\"group\":\"chat\",\"text\":\"hi b\"}").next()).isEqualTo("1/0");
            assertThat(b.next()).isEqualTo("hi b");
            a.expectNothing(Duration.ofMillis(200));
            assertThat(b.send("{\"action\":\"leave\",\"group\":\"chat\"}").next()).isEqualTo("left");
            assertThat(a.send("{\"action\":\"say\",\"group\":\"chat\",\"text\":\"alone\"}").next()).isEqualTo("0/0");
        }
    }

    @Test
    void onlyAMemberSpeaksToTheOthers() {
        try (TestWsClient a = gateway.connect("rooms"); TestWsClient b = gateway.connect("rooms");
             TestWsClient outsider = gateway.connect("rooms")) {
            join(a, "talk");
            join(b, "talk");
            assertThat(outsider.send("{\"action\":\"speak\",\"group\":\"talk\",\"text\":\"let me in\"}").next())
                    .isEqualTo("not a member");
            assertThat(a.send("{\"action\":\"speak\",\"group\":\"talk\",\"text\":\"hi b\"}").next())
                    .isEqualTo("1/0");
            assertThat(b.next()).isEqualTo("hi b");
            a.expectNothing(Duration.ofMillis(200));
            outsider.expectNothing(Duration.ofMillis(50));
        }
    }
}

package io.switchboard.examples.videochat;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.examples.browser.ExampleServer;
import io.switchboard.json.Json;
import io.switchboard.testing.TestWsClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seed 001's {@code joinRoom}/{@code sendMsgToRoom} pair on the in-process rooms API, through the bundled example
 * configuration: the second client receives exactly what the first sent.
 */
class VideoChatSignallingTest {
    private static ExampleServer server;

    @BeforeAll
    static void start() {
        server = ExampleServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestWsClient connect() {
        return TestWsClient.connect(server.webSocket("videochat"));
    }

    private static JsonNode join(TestWsClient client, String room) {
        client.send("{\"action\":\"joinRoom\",\"roomId\":\"" + room + "\"}");
        return Json.MAPPER.readTree(client.next());
    }

    @Test
    void theSecondClientReceivesExactlyWhatTheFirstSent() {
        try (TestWsClient first = connect(); TestWsClient second = connect(); TestWsClient elsewhere = connect()) {
            JsonNode firstJoined = join(first, "123");
            assertThat(firstJoined.get("type").asString()).isEqualTo("joined");
            assertThat(firstJoined.get("participants").size()).isZero();
            String firstId = firstJoined.get("connectionId").asString();
            join(elsewhere, "456");

            JsonNode secondJoined = join(second, "123");
            String secondId = secondJoined.get("connectionId").asString();
            assertThat(secondJoined.get("participants").get(0).asString()).isEqualTo(firstId);
            JsonNode arrival = Json.MAPPER.readTree(first.next());
            assertThat(arrival.get("type").asString()).isEqualTo("newParticipant");
            assertThat(arrival.get("participantConnectionId").asString()).isEqualTo(secondId);

            first.send("{\"action\": \"sendMsgToRoom\", \"roomId\": \"123\", \"message\": \"hello world!\"}");
            assertThat(second.next()).isEqualTo("hello world!");
            String offer = "{\"type\":\"offer\",\"from\":\"" + firstId + "\",\"sdp\":\"v=0\\r\\n\"}";
            first.send("{\"action\":\"sendMsgToRoom\",\"roomId\":\"123\",\"to\":\"" + secondId + "\",\"message\":"
                    + offer + "}");
            assertThat(Json.MAPPER.readTree(second.next())).isEqualTo(Json.MAPPER.readTree(offer));
            first.expectNothing(Duration.ofMillis(200));
            elsewhere.expectNothing(Duration.ofMillis(100));
        }
    }

    @Test
    void theRelayStampsTheSenderAndAnswersWithIceServers() {
        try (TestWsClient a = connect(); TestWsClient b = connect()) {
            JsonNode joined = join(a, "stamp");
            assertThat(joined.get("iceServers").isArray()).isTrue();
            String aId = joined.get("connectionId").asString();
            join(b, "stamp");
            a.next(); // newParticipant b
            a.send("{\"action\":\"sendMsgToRoom\",\"roomId\":\"stamp\",\"message\":{\"type\":\"signal\","
                    + "\"from\":\"someone-else\"}}");
            assertThat(Json.MAPPER.readTree(b.next()).get("from").asString()).isEqualTo(aId);
        }
    }

    @Test
    void leavingOrDisconnectingTellsTheOthers() {
        try (TestWsClient a = connect(); TestWsClient b = connect()) {
            TestWsClient c = connect();
            join(a, "bye");
            join(b, "bye");
            a.next(); // newParticipant b
            String cId = join(c, "bye").get("connectionId").asString();
            a.next();
            b.next(); // newParticipant c
            c.close(1000, "hang up");
            c.awaitClose();
            for (TestWsClient stayer : new TestWsClient[] {a, b}) {
                JsonNode left = Json.MAPPER.readTree(stayer.next());
                assertThat(left.get("type").asString()).isEqualTo("participantLeft");
                assertThat(left.get("participantConnectionId").asString()).isEqualTo(cId);
            }
            b.send("{\"action\":\"leaveRoom\"}");
            assertThat(b.next()).isEqualTo("{\"type\":\"left\"}");
            assertThat(Json.MAPPER.readTree(a.next()).get("type").asString()).isEqualTo("participantLeft");
            a.send("{\"action\":\"sendMsgToRoom\",\"roomId\":\"bye\",\"message\":\"anyone?\"}");
            b.expectNothing(Duration.ofMillis(200));
        }
    }

    @Test
    void badRequestsAreAnsweredNotRelayed() {
        try (TestWsClient a = connect(); TestWsClient b = connect()) {
            join(b, "r1");
            a.send("{\"action\":\"joinRoom\",\"roomId\":\"../etc\"}");
            assertThat(Json.MAPPER.readTree(a.next()).get("type").asString()).isEqualTo("error");
            a.send("{\"action\":\"sendMsgToRoom\",\"roomId\":\"r1\",\"message\":\"not a member\"}");
            assertThat(Json.MAPPER.readTree(a.next()).get("message").asString()).contains("join room r1");
            b.expectNothing(Duration.ofMillis(200));
        }
    }

    @Test
    void aRoomHoldsFourPeople() {
        TestWsClient[] clients = new TestWsClient[5];
        try {
            for (int i = 0; i < clients.length; i++) {
                clients[i] = connect();
            }
            for (int i = 0; i < 4; i++) {
                assertThat(join(clients[i], "full").get("type").asString()).isEqualTo("joined");
            }
            JsonNode refused = join(clients[4], "full");
            assertThat(refused.get("type").asString()).isEqualTo("error");
            assertThat(refused.get("message").asString()).contains("full");
        } finally {
            for (TestWsClient c : clients) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    /** Reads until the client's {@code joined} answer, counting the arrivals announced before it. */
    private static JsonNode joinedAnswer(TestWsClient client, java.util.Set<String> arrivals) {
        while (true) {
            JsonNode message = Json.MAPPER.readTree(client.next());
            if (message.get("type").asString().equals("newParticipant")) {
                arrivals.add(message.get("participantConnectionId").asString());
            } else {
                return message;
            }
        }
    }

    @Test
    void twoPeopleJoiningARoomAtTheSameMomentMeetExactlyOnce() {
        java.util.List<TestWsClient> clients = new java.util.ArrayList<>();
        try {
            int rooms = 30;
            for (int i = 0; i < rooms * 2; i++) {
                clients.add(connect());
            }
            for (int i = 0; i < rooms * 2; i++) { // both of a room's joins in flight together
                clients.get(i).send("{\"action\":\"joinRoom\",\"roomId\":\"same-moment-" + i / 2 + "\"}");
            }
            for (int room = 0; room < rooms; room++) {
                TestWsClient a = clients.get(2 * room);
                TestWsClient b = clients.get(2 * room + 1);
                java.util.Set<String> toldA = new java.util.HashSet<>();
                java.util.Set<String> toldB = new java.util.HashSet<>();
                JsonNode joinedA = joinedAnswer(a, toldA);
                JsonNode joinedB = joinedAnswer(b, toldB);
                String idA = joinedA.get("connectionId").asString();
                String idB = joinedB.get("connectionId").asString();
                boolean aFoundB = joinedA.get("participants").toString().contains(idB);
                boolean bFoundA = joinedB.get("participants").toString().contains(idA);
                assertThat(aFoundB ^ bFoundA).as("room " + room + ": exactly one finds the other there").isTrue();
                TestWsClient caller = aFoundB ? b : a; // the one who was there first is told, and calls
                java.util.Set<String> told = aFoundB ? toldB : toldA;
                if (told.isEmpty()) {
                    JsonNode arrival = Json.MAPPER.readTree(caller.next());
                    told.add(arrival.get("participantConnectionId").asString());
                }
                assertThat(told).containsExactly(aFoundB ? idA : idB);
                (aFoundB ? a : b).expectNothing(Duration.ofMillis(50)); // the newcomer is told of nobody
            }
        } finally {
            clients.forEach(TestWsClient::close);
        }
    }

    @Test
    void aRoomNeverHoldsMoreThanItsCapacityWhenEveryoneJoinsAtOnce() {
        java.util.List<TestWsClient> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                clients.add(connect());
            }
            clients.forEach(c -> c.send("{\"action\":\"joinRoom\",\"roomId\":\"crowded\"}"));
            int joined = 0;
            for (TestWsClient client : clients) {
                JsonNode answer = joinedAnswer(client, new java.util.HashSet<>());
                if (answer.get("type").asString().equals("joined")) {
                    joined++;
                } else {
                    assertThat(answer.get("message").asString()).contains("is full");
                }
            }
            assertThat(joined).isEqualTo(Rooms.MAX_PARTICIPANTS);
        } finally {
            clients.forEach(TestWsClient::close);
        }
    }
}

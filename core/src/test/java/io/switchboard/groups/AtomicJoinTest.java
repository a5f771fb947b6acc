package io.switchboard.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.json.Json;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code Groups.join(group, id, capacity, announcement)} in process: many connections entering one room at the same
 * moment never exceed its capacity, and each pair of those who got in meets exactly once: one finds the other among
 * its {@code others}, the other receives its announcement. That is what a room's "who is here" and "someone new"
 * need, and what reading the members, joining and posting as three steps cannot give.
 */
class AtomicJoinTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: rooms
                    stage: rooms
                    routes:
                      $default: {integration: {type: function, handler: io.switchboard.testing.RoomHandler}, route-response: true}
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** One client's view: its answer, and the announcements it received. */
    private record View(String id, JsonNode answer, Set<String> told) {
    }

    @Test
    void simultaneousEntriesRespectTheCapacityAndEveryPairMeetsOnce() throws Exception {
        int capacity = 4;
        List<TestWsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                clients.add(gateway.connect("rooms"));
            }
            for (TestWsClient client : clients) { // all at once: the handlers run in parallel on function threads
                client.send("{\"action\":\"enter\",\"group\":\"room\",\"capacity\":" + capacity + "}");
            }
            List<View> views = new ArrayList<>();
            for (TestWsClient client : clients) {
                views.add(read(client));
            }
            List<View> in = views.stream().filter(v -> v.answer().get("outcome").asString().equals("JOINED"))
                    .toList();
            assertThat(in).hasSize(capacity);
            views.stream().filter(v -> !in.contains(v)).forEach(v -> {
                assertThat(v.answer().get("outcome").asString()).isEqualTo("FULL");
                assertThat(v.told()).isEmpty();
            });
            Map<String, View> byId = new HashMap<>();
            in.forEach(v -> byId.put(v.id(), v));
            for (View a : in) {
                Set<String> others = others(a);
                assertThat(byId.keySet()).containsAll(others);
                // Told of exactly those who got in after it: together with its others, everyone else once.
                Set<String> rest = new HashSet<>(byId.keySet());
                rest.remove(a.id());
                rest.removeAll(others);
                awaitTold(a, rest.size(), clients.get(views.indexOf(a)));
                assertThat(a.told()).isEqualTo(rest);
            }
        } finally {
            clients.forEach(TestWsClient::close);
        }
    }

    /** Reads until the client's answer; announcements that come first are kept. */
    private static View read(TestWsClient client) {
        Set<String> told = new HashSet<>();
        while (true) {
            JsonNode message = Json.MAPPER.readTree(client.next());
            if (message.has("entered")) {
                told.add(message.get("entered").asString());
            } else {
                return new View(message.get("you").asString(), message, told);
            }
        }
    }

    private static Set<String> others(View view) {
        Set<String> others = new HashSet<>();
        view.answer().path("others").forEach(n -> others.add(n.asString()));
        return others;
    }

    private static void awaitTold(View view, int expected, TestWsClient client) {
        while (view.told().size() < expected) {
            JsonNode message = Json.MAPPER.readTree(client.next());
            view.told().add(message.get("entered").asString());
        }
    }
}

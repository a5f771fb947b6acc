package io.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.ConfigProblem;
import io.switchboard.connections.ConnectionRecord;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code server.node-id}: the id every connection record of the node carries; generated when not set. */
class NodeIdTest {
    private static final String API = """
            apis:
              - name: chat
                stage: chat
                routes:
                  ping: {integration: {type: mock, response-template: pong}, route-response: true}
                connections: {user-id: $request.querystring.user}
            """;

    @Test
    void aConfiguredIdIsTheEngineNodeAndNamedOnEveryRecord() {
        try (TestGateway gateway = TestGateway.start("server: {node-id: edge-1.eu_west}\n" + API);
             TestWsClient client = gateway.connect("chat?user=nia")) {
            assertThat(gateway.server().gateway().engine().nodes().nodeId()).isEqualTo("edge-1.eu_west");
            Awaitility.await().until(() -> !records(gateway).isEmpty());
            ConnectionRecord record = records(gateway).get(0);
            assertThat(record.nodeId()).isEqualTo("edge-1.eu_west");
            assertThat(record.sourceIp()).isEqualTo("127.0.0.1");
            assertThat(record.userAgent()).isPresent();
        }
    }

    @Test
    void withoutOneEachStartHasANewId() {
        String first;
        try (TestGateway gateway = TestGateway.start(API)) {
            first = gateway.server().gateway().engine().nodes().nodeId();
        }
        try (TestGateway gateway = TestGateway.start(API)) {
            assertThat(gateway.server().gateway().engine().nodes().nodeId()).isNotBlank().isNotEqualTo(first);
        }
    }

    @Test
    void aBadIdIsReportedAtItsPath() {
        for (String bad : List.of("\"has space\"", "\"a/b\"", "x".repeat(65))) {
            assertThatThrownBy(() -> ConfigLoader.withEnvironment(Map.of()).parse("server: {node-id: " + bad + "}\n"
                    + API)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                    .extracting(ConfigProblem::path).containsExactly("server.node-id"));
        }
    }

    private static List<ConnectionRecord> records(TestGateway gateway) {
        return gateway.server().gateway().realtime().users().connectionsOf("chat", "nia").toCompletableFuture()
                .join();
    }
}

package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client flooding a slow handler: the gateway stops reading from it past {@code pending-messages} (TCP back-pressure)
 * and resumes as the handler catches up; nothing is lost and the order holds.
 */
class BackpressureTest {

    @Test
    void aFloodAgainstASlowHandlerLosesNothingAndKeepsOrder() {
        try (TestGateway gw = TestGateway.start("""
                apis:
                  - name: flood
                    stage: flood
                    limits: {pending-messages: 8}
                    routes:
                      $default: {integration: {type: function, handler: io.switchboard.testing.RecordingHandler}, route-response: true}
                """); TestWsClient client = gw.connect("flood")) {
            int count = 400;
            for (int i = 0; i < count; i++) {
                client.send("m" + i + (i % 50 == 0 ? " sleep:20" : ""));
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                received.add(client.next());
            }
            for (int i = 0; i < count; i++) {
                assertThat(received.get(i)).startsWith("m" + i);
            }
        }
    }
}

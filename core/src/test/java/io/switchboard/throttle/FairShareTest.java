package io.switchboard.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.ConfigLoader;
import io.switchboard.config.ThrottleConfig;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One client's flood does not throttle everyone: unless configured otherwise, each connection has a bucket of its
 * own ({@link ThrottleConfig#PER_CONNECTION_DEFAULT}), checked before the stage's, so the messages it refuses never
 * take the stage's tokens. The stage's bucket here holds 1,000 tokens and does not refill while the test runs.
 */
class FairShareTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: fair
                    stage: fair
                    throttling: {rate-limit: 0.001, burst-limit: 1000}
                    routes:
                      $default: {integration: {type: mock, response-template: ok}, route-response: true}
                  - name: unfair
                    stage: unfair
                    throttling: {rate-limit: 0.001, burst-limit: 1000, per-connection: off}
                    routes:
                      $default: {integration: {type: mock, response-template: ok}, route-response: true}
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** Sends {@code count} messages and reads every answer: how many were served. */
    private static int flood(TestWsClient client, int count) {
        for (int i = 0; i < count; i++) {
            client.send("m" + i);
        }
        int served = 0;
        for (int i = 0; i < count; i++) {
            if (client.next().equals("ok")) {
                served++;
            }
        }
        return served;
    }

    @Test
    void aFloodingClientIsHeldToItsShareAndOthersAreServed() {
        try (TestWsClient flooder = gateway.connect("fair"); TestWsClient polite = gateway.connect("fair")) {
            int served = flood(flooder, 1000);
            assertThat(served).isLessThan(1000).isGreaterThanOrEqualTo(ThrottleConfig.PER_CONNECTION_DEFAULT
                    .burstLimit());
            assertThat(flood(polite, 20)).isEqualTo(20);
        }
    }

    @Test
    void withoutPerConnectionBucketsOneClientCanTakeTheStagesTokens() {
        try (TestWsClient flooder = gateway.connect("unfair"); TestWsClient polite = gateway.connect("unfair")) {
            assertThat(flood(flooder, 1000)).isEqualTo(998); // the two $connects took a token each
            assertThat(flood(polite, 20)).isZero();
        }
    }

    @Test
    void theDefaultShareIsDocumentedAndOffTurnsItOff() {
        var config = ConfigLoader.withEnvironment(java.util.Map.of()).parse("""
                apis:
                  - {name: a, stage: a, routes: {$default: {integration: {type: mock, response-template: ok}}}}
                  - name: b
                    stage: b
                    throttling: {per-connection: off}
                    routes: {$default: {integration: {type: mock, response-template: ok}}}
                """);
        assertThat(config.apis().get(0).access().perConnection())
                .isEqualTo(Optional.of(ThrottleConfig.PER_CONNECTION_DEFAULT));
        assertThat(config.apis().get(1).access().perConnection()).isEmpty();
        assertThat(ThrottleConfig.PER_CONNECTION_DEFAULT).isEqualTo(new ThrottleConfig(100, 200));
    }
}

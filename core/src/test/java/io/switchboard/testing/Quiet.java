package io.switchboard.testing;

import java.time.Duration;
import org.awaitility.Awaitility;

/** Waits until a gateway holds no connection and no integration call (a {@code $disconnect}) is under way. */
public final class Quiet {

    private Quiet() {
    }

    /** Returns once the previous test's connections are gone and their {@code $disconnect} events recorded. */
    public static void await(TestGateway gateway) {
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> gateway.server().gateway().connections().size() == 0
                        && gateway.server().gateway().awaitIdle(Duration.ofMillis(100)));
    }
}

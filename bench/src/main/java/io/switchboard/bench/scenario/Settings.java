package io.switchboard.bench.scenario;

import java.time.Duration;

/**
 * How long and how big a run is. {@link #quick()} is the smoke run of the test suite; {@link #full()} the recorded
 * comparison.
 *
 * @param warmup        load before measuring, not counted (JIT, pools, caches)
 * @param measure       the measured window
 * @param clientThreads event-loop threads of the load generator
 * @param sources       loopback source addresses to spread connections over
 * @param echoConnections connections of the echo scenario
 * @param rooms         rooms of the rooms scenario
 * @param roomSize      members per room
 * @param broadcastConnections members of the broadcast scenario
 * @param idleConnections connections held by the idle scenario
 * @param connectConcurrency handshakes in flight in the connect scenario
 * @param manageConnections  WebSocket clients the manage scenario posts to
 * @param manageConcurrency  HTTP requests in flight in the manage scenario
 * @param payloadBytes  size of the messages sent
 */
public record Settings(
        Duration warmup,
        Duration measure,
        int clientThreads,
        int sources,
        int echoConnections,
        int rooms,
        int roomSize,
        int broadcastConnections,
        int idleConnections,
        int connectConcurrency,
        int manageConnections,
        int manageConcurrency,
        int payloadBytes) {

    /** The recorded comparison. */
    public static Settings full() {
        return new Settings(Duration.ofSeconds(20), Duration.ofSeconds(15), 1, 16, 100, 100, 10, 10_000, 19_000, 64,
                100, 32, 100);
    }

    /** A few seconds per scenario: that the harness works, not how fast anything is. */
    public static Settings quick() {
        return new Settings(Duration.ofMillis(500), Duration.ofSeconds(2), 1, 4, 20, 10, 5, 500, 1_000, 16, 20, 8,
                100);
    }

    /** The same with another warm-up. */
    public Settings withWarmup(Duration newWarmup) {
        return new Settings(newWarmup, measure, clientThreads, sources, echoConnections, rooms, roomSize,
                broadcastConnections, idleConnections, connectConcurrency, manageConnections, manageConcurrency,
                payloadBytes);
    }

    public Settings withIdleConnections(int n) {
        return new Settings(warmup, measure, clientThreads, sources, echoConnections, rooms, roomSize,
                broadcastConnections, n, connectConcurrency, manageConnections, manageConcurrency, payloadBytes);
    }
}

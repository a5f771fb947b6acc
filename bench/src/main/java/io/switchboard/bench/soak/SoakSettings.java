package io.switchboard.bench.soak;

import java.time.Duration;

/**
 * What a soak run offers the gateway. See {@code bench/README.md} ("Soak") for what each part does.
 *
 * @param connections        WebSocket connections in all: room members, churners and slow consumers
 * @param duration           how long the load runs once every connection is open and in its room
 * @param warmup             the first part of the load, left out of the latency totals (JIT, pools)
 * @param roomSize           members per room
 * @param sendIntervalMin    each room member sends one message every {@code sendIntervalMin…Max} (its own period,
 *                           drawn once), on a fixed schedule
 * @param sendIntervalMax    see {@code sendIntervalMin}
 * @param payloadBytes       size of room messages and management posts
 * @param busyRooms          rooms whose members send {@code busyRate} messages/s of {@code busyPayloadBytes}; the
 *                           slow consumers join these
 * @param busyRate           messages per second per member of a busy room
 * @param busyPayloadBytes   size of a busy room's messages
 * @param postsPerSecond     {@code POST @connections/{id}} per second to random healthy members (0: none)
 * @param churnPercent       share of the connections that leave and come back, each after 30–90 s (so about this
 *                           share of all connections reconnects per minute)
 * @param churnLifetimeMin   shortest life of a churning connection
 * @param churnLifetimeMax   longest life of a churning connection
 * @param slowConsumers      connections that join a busy room and stop reading
 * @param slowDeadline       how long a slow consumer waits, not reading, for the gateway to give it up (410 on
 *                           {@code GET @connections/{id}}) before counting {@code slow_not_closed} and leaving
 * @param slowCloseWait      in every other cycle, how long a given-up slow consumer keeps not reading, waiting for
 *                           the gateway to drop the TCP connection by itself
 * @param sampleEvery        how often the time series takes a sample
 * @param heapEvery          how often the server's live heap is measured after a full GC (0: at start and end only)
 * @param handshakeTimeout   deadline of a WebSocket opening handshake
 * @param requestTimeout     deadline of a join's answer, an HTTP call, a post's delivery, a close
 * @param clientThreads      event-loop threads of the WebSocket load
 * @param sources            loopback source addresses (127.0.0.1…) to spread connections over
 * @param connectInFlight    handshakes in flight while the connections are first opened
 */
public record SoakSettings(
        int connections,
        Duration duration,
        Duration warmup,
        int roomSize,
        Duration sendIntervalMin,
        Duration sendIntervalMax,
        int payloadBytes,
        int busyRooms,
        double busyRate,
        int busyPayloadBytes,
        double postsPerSecond,
        double churnPercent,
        Duration churnLifetimeMin,
        Duration churnLifetimeMax,
        int slowConsumers,
        Duration slowDeadline,
        Duration slowCloseWait,
        Duration sampleEvery,
        Duration heapEvery,
        Duration handshakeTimeout,
        Duration requestTimeout,
        int clientThreads,
        int sources,
        int connectInFlight) {

    /** Connections that churn. */
    public int churners() {
        return churnPercent <= 0 ? 0 : Math.max(2, (int) Math.round(connections * churnPercent / 100));
    }

    /** Room members that stay (the healthy clients whose latency is the goal's). */
    public int members() {
        return connections - churners() - slowConsumers;
    }

    /** @throws IllegalArgumentException when the parts do not fit together */
    public SoakSettings {
        if (roomSize < 2) {
            throw new IllegalArgumentException("--room-size must be at least 2");
        }
        if (slowConsumers > 0 && busyRooms < 1) {
            throw new IllegalArgumentException("slow consumers need at least one busy room (--busy-rooms)");
        }
        if (sendIntervalMin.isNegative() || sendIntervalMin.isZero() || sendIntervalMax.compareTo(sendIntervalMin) < 0) {
            throw new IllegalArgumentException("need 0 < --send-interval-min <= --send-interval-max");
        }
        if (churnLifetimeMin.isZero() || churnLifetimeMax.compareTo(churnLifetimeMin) < 0) {
            throw new IllegalArgumentException("need 0 < --churn-lifetime-min <= --churn-lifetime-max");
        }
        if (sampleEvery.toMillis() < 100) {
            throw new IllegalArgumentException("--sample-every must be at least 100ms");
        }
    }
}

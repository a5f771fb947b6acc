package io.switchboard.engine;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the gateway gives every engine it creates, whatever its type.
 *
 * @param nodeId this gateway process among the nodes that share an engine (a clustered engine tells its nodes apart
 *               with it); not blank
 * @param clock  the time stores stamp and compare with
 * @param timers the gateway's timer thread, for long polls and housekeeping; the engine does not shut it down
 */
public record EngineContext(String nodeId, Clock clock, ScheduledExecutorService timers) {

    public EngineContext {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timers, "timers");
        if (nodeId.isBlank()) {
            throw new IllegalArgumentException("the node id must not be blank");
        }
    }

    /**
     * A context for a node with a new random id: a node has no configured id yet, and a fresh one on each start means
     * a restarted node is never mistaken for the one before it.
     */
    public static EngineContext forNewNode(Clock clock, ScheduledExecutorService timers) {
        return new EngineContext(UUID.randomUUID().toString(), clock, timers);
    }
}

package io.switchboard.engine;

import io.switchboard.groups.GroupStore;
import io.switchboard.throttle.QuotaStore;

/**
 * The stores that hold state shared by every connection (and, with a clustered engine, by every node). Built once at
 * start by {@link Engines#create}.
 */
public interface Engine extends AutoCloseable {

    /** Group (room) membership. */
    GroupStore groups();

    /** Usage-plan quota counters. */
    QuotaStore quotas();

    /** Releases the engine's resources (connections to a server, threads). */
    @Override
    void close();
}

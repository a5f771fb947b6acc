package io.switchboard.connections;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open connections of this node by id. A connection is here from the moment its upgrade completes until it
 * closes; a connection still inside {@code $connect} is not.
 */
public final class ConnectionRegistry {
    private final ConcurrentHashMap<String, Connection> connections = new ConcurrentHashMap<>();

    public void register(Connection connection) {
        connections.put(connection.id(), connection);
    }

    public void unregister(Connection connection) {
        if (connections.remove(connection.id(), connection) && connections.isEmpty()) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until no connection is open or the timeout passes; returns whether none is open. */
    public synchronized boolean awaitEmpty(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!connections.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    public Optional<Connection> find(String connectionId) {
        return Optional.ofNullable(connections.get(connectionId));
    }

    /** A live view; iterating it while connections come and go is safe. */
    public Collection<Connection> all() {
        return Collections.unmodifiableCollection(connections.values());
    }

    public int size() {
        return connections.size();
    }
}

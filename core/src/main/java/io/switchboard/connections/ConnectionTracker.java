package io.switchboard.connections;

import io.switchboard.config.ConnectionsConfig;
import io.switchboard.handler.RouteEvent;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the connections store in step with this node's connections: an entry when a connection opens (with the user
 * {@code connections.user-id} gives it and an expiry {@code connections.ttl} away), its removal when the connection
 * closes, and periodic pruning of entries nobody removed. A removal waits for the addition of the same connection if
 * that is still under way, so an engine that answers later never sees them swapped.
 */
public final class ConnectionTracker {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTracker.class);

    private final ConnectionStore store;
    private final String nodeId;
    private final Map<String, ConnectionsConfig> configByStage;
    private final Clock clock;
    private final ConcurrentHashMap<String, CompletableFuture<?>> adding = new ConcurrentHashMap<>();

    /** @param nodeId the node whose connections these are, named on every entry */
    public ConnectionTracker(ConnectionStore store, String nodeId, Map<String, ConnectionsConfig> configByStage,
                             Clock clock) {
        this.store = store;
        this.nodeId = nodeId;
        this.configByStage = Map.copyOf(configByStage);
        this.clock = clock;
    }

    /** A connection opened; {@code connect} is its CONNECT event, which the user id is read from. */
    public void opened(Connection connection, RouteEvent connect) {
        ConnectionsConfig config = configByStage.get(connection.info().stage());
        if (config == null) {
            return;
        }
        long connectedAt = connection.info().connectedAt();
        ConnectionRecord record = new ConnectionRecord(connection.info().stage(), config.userId().userId(connect),
                connection.id(), nodeId, connection.info().sourceIp(), connection.info().userAgent(), connectedAt,
                connectedAt + config.ttl().toMillis());
        CompletableFuture<Void> added = store.add(record).toCompletableFuture();
        if (!added.isDone()) {
            adding.put(connection.id(), added);
            added.whenComplete((ok, error) -> adding.remove(connection.id(), added));
        }
        added.whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("connection {} could not be recorded for user {}", connection.id(), record.userId(), error);
            }
        });
    }

    /** A connection closed (and its {@code $disconnect} ran): its entry goes. */
    public CompletionStage<Void> closed(Connection connection) {
        CompletableFuture<?> pending = adding.remove(connection.id());
        CompletionStage<?> before = pending == null ? CompletableFuture.completedFuture(null) : pending;
        return before.handle((ok, error) -> null)
                .thenCompose(ignored -> store.remove(connection.info().stage(), connection.id()))
                .handle((removed, error) -> {
                    if (error != null) {
                        LOG.warn("connection {} could not be removed from the connections store", connection.id(),
                                error);
                    }
                    return null;
                });
    }

    /** Removes every entry past its expiry; called periodically. */
    public CompletionStage<Integer> prune() {
        return store.pruneExpired(clock.millis()).whenComplete((pruned, error) -> {
            if (error != null) {
                LOG.warn("pruning the connections store failed", error);
            } else if (pruned > 0) {
                LOG.info("pruned {} expired entries from the connections store", pruned);
            }
        });
    }
}

package io.switchboard.notify;

import io.switchboard.connections.ConnectionRecord;
import io.switchboard.connections.ConnectionService;
import io.switchboard.connections.ConnectionStore;
import io.switchboard.connections.Delivery;
import io.switchboard.connections.OutboundMessage;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.Notification;
import io.switchboard.handler.PushStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUMU's notification pusher, built in: finds the targeted connections in the connections store, sends one encoding
 * of the message to those of this node and one command to each other node holding some ({@link Delivery}), and
 * removes from the store the entries of this node's connections that turned out to be gone (each other node prunes
 * its own). Any thread; the writes happen on the connections' event loops.
 */
public final class Pusher {
    private static final Logger LOG = LoggerFactory.getLogger(Pusher.class);

    private final ConnectionStore store;
    private final ConnectionService connections;
    private final Delivery delivery;

    public Pusher(ConnectionStore store, ConnectionService connections) {
        this.store = store;
        this.connections = connections;
        this.delivery = connections.delivery();
    }

    /** Fulfils a notification request: 413 when the data is over the API's message limit. */
    public CompletionStage<PushStats> push(String stage, Notification notification) {
        return deliver(stage, notification.users(), notification.excludeUsers(),
                OutboundMessage.text(notification.data()));
    }

    /**
     * Sends a message to every connection of {@code users} (every connection of the stage when empty) whose user is
     * not excluded.
     */
    public CompletionStage<PushStats> deliver(String stage, Set<String> users, Set<String> exclude,
                                              OutboundMessage message) {
        long start = System.nanoTime();
        try {
            connections.checkSize(stage, message);
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
        return targets(stage, users, exclude)
                .thenCompose(targets -> delivery.fanOutTo(stage, targets, message))
                .thenCompose(result -> {
                    return delivery.pruneOwn(stage, result.goneHere()).thenApply(pruned -> {
                        PushStats stats = new PushStats(result.delivered(), result.gone(), pruned,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                        LOG.debug("push to {}: notified {} connections, {} gone, pruned {}, in {} ms", stage,
                                stats.notified(), stats.gone(), stats.pruned(), stats.elapsedMillis());
                        return stats;
                    });
                });
    }

    private CompletionStage<List<ConnectionRecord>> targets(String stage, Set<String> users, Set<String> exclude) {
        if (users.isEmpty()) {
            return store.all(stage).thenApply(all -> exclude.isEmpty() ? all
                    : all.stream().filter(r -> !exclude.contains(r.userId())).toList());
        }
        List<CompletableFuture<List<ConnectionRecord>>> lookups = new ArrayList<>(users.size());
        for (String user : users) {
            if (!exclude.contains(user)) {
                lookups.add(store.connectionsOf(stage, user).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<ConnectionRecord> all = new ArrayList<>();
            lookups.forEach(l -> all.addAll(l.join()));
            return all;
        });
    }
}

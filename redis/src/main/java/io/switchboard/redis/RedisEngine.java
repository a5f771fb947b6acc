package io.switchboard.redis;

import io.switchboard.connections.ConnectionStore;
import io.switchboard.connections.NodeBus;
import io.switchboard.connections.NodeMembership;
import io.switchboard.engine.Engine;
import io.switchboard.engine.EngineContext;
import io.switchboard.engine.EngineListener;
import io.switchboard.groups.GroupStore;
import io.switchboard.presence.PresenceStore;
import io.switchboard.queues.QueueStore;
import io.switchboard.throttle.QuotaStore;
import io.switchboard.topics.TopicBus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code engine.type: redis}: every store on one Redis server or Redis Cluster, so that the gateways sharing it (and
 * its key prefix) act as one. All stores share one {@link RedisClients}; events (this node's connection changes, topic messages,
 * commands from other nodes) reach the listener on one thread, {@code switchboard-redis-events} ({@link RedisEvents}),
 * never on Lettuce's I/O threads.
 *
 * <p>Failure contract: building it fails with {@link IllegalStateException} when Redis cannot be reached; after
 * that, a store's stage fails when Redis is away or slower than the command timeout, and Lettuce reconnects by
 * itself (pub/sub messages published meanwhile are missed).
 */
public final class RedisEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(RedisEngine.class);

    private final RedisClients clients;
    private final RedisEvents events = new RedisEvents();
    private final AtomicReference<EngineListener> listener = new AtomicReference<>(EngineListener.NONE);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RedisConnectionStore connections;
    private final RedisGroupStore groups;
    private final RedisPresenceStore presence;
    private final RedisQuotaStore quotas;
    private final RedisTopicBus topics;
    private final QueueStore queues;
    private final RedisNodeBus nodes;
    private final RedisNodeMembership membership;
    /** The stores as callers see them: Redis out of reach is {@code ENGINE_UNAVAILABLE} ({@link Unavailable}). */
    private final Views views;

    private record Views(GroupStore groups, QuotaStore quotas, ConnectionStore connections, PresenceStore presence,
                         TopicBus topics, QueueStore queues, NodeBus nodes, NodeMembership membership) {
    }

    /**
     * Connects to Redis; delivers nothing before {@link #start}.
     *
     * @throws IllegalStateException when Redis cannot be reached (the message names the server, never the password)
     */
    public RedisEngine(RedisSettings settings, EngineContext context) {
        this.clients = RedisClients.connect(settings);
        try {
            this.connections = new RedisConnectionStore(clients, events, c -> listener().connectionChanged(c));
            this.groups = new RedisGroupStore(clients);
            this.presence = new RedisPresenceStore(clients);
            this.quotas = new RedisQuotaStore(clients);
            this.topics = new RedisTopicBus(clients);
            this.queues = new RedisQueueStore(clients, context.clock(), context.timers());
            this.nodes = new RedisNodeBus(clients, context.nodeId(), context.clock());
            this.membership = new RedisNodeMembership(clients);
            this.views = new Views(Unavailable.mapped(GroupStore.class, groups),
                    Unavailable.mapped(QuotaStore.class, quotas), Unavailable.mapped(ConnectionStore.class, connections),
                    Unavailable.mapped(PresenceStore.class, presence), Unavailable.mapped(TopicBus.class, topics),
                    Unavailable.mapped(QueueStore.class, queues), Unavailable.mapped(NodeBus.class, nodes),
                    Unavailable.mapped(NodeMembership.class, membership));
        } catch (RuntimeException e) {
            clients.close();
            events.close();
            throw e;
        }
    }

    /** Where events go: nowhere before start and after close. */
    private EngineListener listener() {
        return closed.get() ? EngineListener.NONE : listener.get();
    }

    @Override
    public GroupStore groups() {
        return views.groups();
    }

    @Override
    public QuotaStore quotas() {
        return views.quotas();
    }

    @Override
    public ConnectionStore connections() {
        return views.connections();
    }

    @Override
    public PresenceStore presence() {
        return views.presence();
    }

    @Override
    public TopicBus topics() {
        return views.topics();
    }

    @Override
    public QueueStore queues() {
        return views.queues();
    }

    @Override
    public NodeBus nodes() {
        return views.nodes();
    }

    @Override
    public NodeMembership membership() {
        return views.membership();
    }

    /**
     * Subscribes this node's channel, the broadcast channel and the topic channel, and returns once Redis confirmed
     * them, so that a command or message sent after this returns reaches the listener. Events before this call are
     * dropped; a second call (or one after close) changes nothing.
     *
     * @throws IllegalStateException when Redis did not confirm the subscriptions within the command timeout
     */
    @Override
    public void start(EngineListener eventListener) {
        if (closed.get() || !listener.compareAndSet(EngineListener.NONE, eventListener)) {
            return;
        }
        CompletableFuture<Void> subscribed = nodes.subscribe(events, c -> listener().nodeCommand(c))
                .thenCombine(topics.subscribe(events, m -> listener().topicMessage(m)), (a, b) -> (Void) null)
                .toCompletableFuture();
        Duration timeout = clients.settings().commandTimeout();
        try {
            subscribed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Redis refused the engine's subscriptions: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Redis did not confirm the engine's subscriptions within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while subscribing", e);
        }
    }

    /** Closes the connections to Redis, then the event thread (events already received still go out). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        nodes.close();
        if (queues instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the queue store failed", e);
            }
        }
        clients.close();
        events.close();
    }
}

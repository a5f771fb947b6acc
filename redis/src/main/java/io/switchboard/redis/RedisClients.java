package io.switchboard.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * The connections one gateway keeps to Redis, shared by every store: one for commands with text values, one for
 * commands with byte values (node commands carry encoded frames), and one subscribed to this node's channels. Each
 * is a single multiplexed Lettuce connection, safe from any thread; commands time out after
 * {@code engine.redis.command-timeout}, and the connections reconnect by themselves.
 *
 * <p>On a Redis Cluster ({@code engine.redis.cluster}) they are cluster connections: a command goes to the master of
 * its key's slot, and the topology is refreshed every {@link #TOPOLOGY_REFRESH} and on every redirect or reconnect,
 * so a failover is followed. Pub/sub is then sharded ({@code SSUBSCRIBE}/{@code SPUBLISH}): a channel lives on the
 * shard of its slot, so a message crosses one shard instead of the whole cluster bus, and the count {@code SPUBLISH}
 * returns is every subscriber of the channel, which {@link RedisNodeBus#send} needs (a classic {@code PUBLISH} on a
 * cluster counts only the receiving node's subscribers). A channel whose slot moves is subscribed again on the
 * slot's new master: on the {@code sunsubscribed} Redis sends when the slot moves (a manual failover, resharding),
 * and on the topology change that shows a new master for it (a master killed, whose subscriptions just go with its
 * connection).
 */
public final class RedisClients implements AutoCloseable {
    /** How often a cluster's topology is read again even when nothing suggested a change. */
    static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(15);
    /** How long after a failed resubscription of a moved shard channel it is tried again. */
    static final Duration RESUBSCRIBE_EVERY = Duration.ofMillis(500);
    static final int RESUBSCRIBE_TRIES = 40;
    /** Commands at most waiting per node connection of a cluster while it (re)connects. */
    static final int REQUEST_QUEUE = 50_000;
    private static final Logger LOG = LoggerFactory.getLogger(RedisClients.class);

    private final RedisSettings settings;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> text;
    private final StatefulConnection<byte[], byte[]> bytes;
    private final StatefulRedisPubSubConnection<byte[], byte[]> subscriptions;
    private final RedisClusterAsyncCommands<String, String> textCommands;
    private final RedisClusterAsyncCommands<byte[], byte[]> byteCommands;
    private final Map<String, Consumer<byte[]>> handlers = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** On a cluster, the watch of topology changes that moves subscriptions off a dead master; else null. */
    private final Disposable topologyChanges;
    /** The topology read under way for resubscriptions (guarded by {@code handlers}). */
    private CompletableFuture<Void> refreshing;

    private RedisClients(RedisSettings settings) {
        this.settings = settings;
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                // Back within a second of Redis: Lettuce's default backoff grows to 30 s between attempts.
                .reconnectDelay(io.lettuce.core.resource.Delay.exponential(java.time.Duration.ofMillis(10),
                        java.time.Duration.ofSeconds(1), 2, java.util.concurrent.TimeUnit.MILLISECONDS))
                .build();
        SocketOptions socket = SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true)
                .build();
        AbstractRedisClient c = null;
        StatefulConnection<String, String> t = null;
        StatefulConnection<byte[], byte[]> b = null;
        StatefulRedisPubSubConnection<byte[], byte[]> s = null;
        try {
            if (settings.cluster()) {
                RedisClusterClient cluster = RedisClusterClient.create(resources,
                        settings.nodes().stream().map(this::redisUri).toList());
                c = cluster;
                cluster.setOptions(ClusterClientOptions.builder()
                        .autoReconnect(true)
                        .socketOptions(socket)
                        .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                        // Node connections open lazily, and REJECT_COMMANDS would fail a command to a node whose
                        // connection is still opening: commands wait instead, bounded by the command timeout and
                        // the request queue.
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                        .requestQueueSize(REQUEST_QUEUE)
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                                .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                                .enableAllAdaptiveRefreshTriggers()
                                .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
                                .build())
                        .build());
                StatefulRedisClusterConnection<String, String> ct = cluster.connect(StringCodec.UTF8);
                t = ct;
                StatefulRedisClusterConnection<byte[], byte[]> cb = cluster.connect(ByteArrayCodec.INSTANCE);
                b = cb;
                StatefulRedisClusterPubSubConnection<byte[], byte[]> cs =
                        cluster.connectPubSub(ByteArrayCodec.INSTANCE);
                s = cs;
                cs.addListener(new RedisClusterPubSubAdapter<>() {
                    @Override
                    public void smessage(RedisClusterNode node, byte[] channel, byte[] message) {
                        dispatch(channel, message);
                    }

                    @Override
                    public void sunsubscribed(RedisClusterNode node, byte[] channel, long count) {
                        // This gateway never unsubscribes: the channel's slot moved (failover, resharding).
                        resubscribe(new String(channel, StandardCharsets.UTF_8), 1);
                    }
                });
                this.textCommands = ct.async();
                this.byteCommands = cb.async();
            } else {
                RedisClient single = RedisClient.create(resources, redisUri(settings.uri()));
                c = single;
                single.setOptions(ClientOptions.builder()
                        .autoReconnect(true)
                        .socketOptions(socket)
                        .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                        // While Redis is away, commands fail at once instead of queueing without bound.
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .build());
                var st = single.connect(StringCodec.UTF8);
                t = st;
                var sb = single.connect(ByteArrayCodec.INSTANCE);
                b = sb;
                s = single.connectPubSub(ByteArrayCodec.INSTANCE);
                s.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(byte[] channel, byte[] message) {
                        dispatch(channel, message);
                    }
                });
                this.textCommands = st.async();
                this.byteCommands = sb.async();
            }
        } catch (RuntimeException e) {
            closeQuietly(t, b, s);
            if (c != null) {
                c.shutdown(0, 2, TimeUnit.SECONDS);
            }
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot reach Redis at " + settings.describe() + ": " + e.getMessage(),
                    e);
        }
        this.client = c;
        this.text = t;
        this.bytes = b;
        this.subscriptions = s;
        // A master that dies (killed, crashed) sends no sunsubscribed: its subscriptions just go with its
        // connection. Once a replica holds its slots, the topology read says so, and they are subscribed there.
        this.topologyChanges = settings.cluster() ? resources.eventBus().get()
                .ofType(ClusterTopologyChangedEvent.class).subscribe(this::mastersChanged) : null;
    }

    /** Subscribes again (as {@link #resubscribe}) every channel whose slot has another master than before. */
    private void mastersChanged(ClusterTopologyChangedEvent change) {
        for (String channel : handlers.keySet()) {
            int slot = SlotHash.getSlot(channel.getBytes(StandardCharsets.UTF_8));
            if (!Objects.equals(masterOf(change.before(), slot), masterOf(change.after(), slot))) {
                resubscribe(channel, 1);
            }
        }
    }

    /** The id of the master that serves a slot in a topology, null for none. */
    private static String masterOf(List<RedisClusterNode> nodes, int slot) {
        return nodes.stream().filter(n -> n.is(RedisClusterNode.NodeFlag.UPSTREAM) && n.hasSlot(slot))
                .map(RedisClusterNode::getNodeId).findFirst().orElse(null);
    }

    private RedisURI redisUri(java.net.URI node) {
        RedisURI uri = RedisURI.create(node);
        settings.password().ifPresent(p -> uri.setAuthentication(p.toCharArray()));
        if (settings.database() != 0) {
            uri.setDatabase(settings.database());
        }
        uri.setTimeout(settings.commandTimeout());
        return uri;
    }

    /**
     * Subscribes a shard channel again after its node dropped it, on the slot's new master: the topology is read
     * first (one read shared by the channels dropped together), since a subscription sent to the old master, now a
     * replica, would be accepted there and {@code SPUBLISH} on the new master would not count it. Starts after
     * {@link #RESUBSCRIBE_EVERY}, while the cluster settles, and is retried as often, {@value #RESUBSCRIBE_TRIES}
     * times at most.
     */
    private void resubscribe(String channel, int attempt) {
        if (closed || !handlers.containsKey(channel)) {
            return;
        }
        try {
            resources.eventExecutorGroup().schedule(() -> refreshTopology()
                    .thenCompose(ignored -> subscriptions.async().ssubscribe(channel.getBytes(StandardCharsets.UTF_8)))
                    .whenComplete((ok, error) -> {
                        if (error == null) {
                            LOG.info("subscribed {} again after its Redis Cluster slot moved", channel);
                        } else if (attempt >= RESUBSCRIBE_TRIES || closed) {
                            LOG.warn("could not subscribe {} again after its Redis Cluster slot moved: {}", channel,
                                    error.toString());
                        } else {
                            resubscribe(channel, attempt + 1);
                        }
                    }), RESUBSCRIBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException stopped) {
            LOG.debug("not subscribing {} again: the client stopped", channel, stopped);
        }
    }

    /** A topology read, or the one already under way; never fails (the resubscription then tries the old view). */
    private CompletableFuture<Void> refreshTopology() {
        synchronized (handlers) {
            if (refreshing == null || refreshing.isDone()) {
                refreshing = ((RedisClusterClient) client).refreshPartitionsAsync().toCompletableFuture()
                        .exceptionally(error -> {
                            LOG.debug("reading the Redis Cluster topology failed", error);
                            return null;
                        });
            }
            return refreshing;
        }
    }

    private void dispatch(byte[] channel, byte[] message) {
        Consumer<byte[]> handler = handlers.get(new String(channel, StandardCharsets.UTF_8));
        if (handler != null) {
            try {
                handler.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("a message on {} could not be handled", new String(channel, StandardCharsets.UTF_8), e);
            }
        }
    }

    /**
     * Connects to the Redis the settings name.
     *
     * @throws IllegalStateException when it cannot be reached (the message names the server, never the password)
     */
    public static RedisClients connect(RedisSettings settings) {
        return new RedisClients(settings);
    }

    public RedisSettings settings() {
        return settings;
    }

    /** Whether this is a Redis Cluster: scripts then publish with {@code SPUBLISH} ({@link Script#sharded}). */
    public boolean cluster() {
        return settings.cluster();
    }

    /** Commands with text keys and values (on a cluster, each goes to its key's slot). */
    public RedisClusterAsyncCommands<String, String> text() {
        return textCommands;
    }

    /** Commands with byte keys and values (on a cluster, each goes to its key's slot). */
    public RedisClusterAsyncCommands<byte[], byte[]> bytes() {
        return byteCommands;
    }

    /** A key or channel name: the prefix, then the parts joined by {@code :}. */
    public String key(String... parts) {
        return settings.keyPrefix() + String.join(":", parts);
    }

    /**
     * Subscribes {@code handler} to a channel (named with {@link #key}); it runs on a Lettuce thread, must not block,
     * and gets messages in the order Redis sent them. Completes once Redis confirmed the subscription (on a cluster,
     * the shard channel's master did).
     */
    public CompletionStage<Void> subscribe(String channel, Consumer<byte[]> handler) {
        handlers.put(channel, handler);
        byte[] name = channel.getBytes(StandardCharsets.UTF_8);
        return settings.cluster() ? subscriptions.async().ssubscribe(name) : subscriptions.async().subscribe(name);
    }

    /** Publishes to a channel; completes with how many subscribers got it. */
    public CompletionStage<Long> publish(String channel, byte[] message) {
        byte[] name = channel.getBytes(StandardCharsets.UTF_8);
        return settings.cluster() ? byteCommands.spublish(name, message) : byteCommands.publish(name, message);
    }

    @Override
    public void close() {
        closed = true;
        if (topologyChanges != null) {
            topologyChanges.dispose();
        }
        closeQuietly(subscriptions, bytes, text);
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static void closeQuietly(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("closing a Redis connection failed", e);
                }
            }
        }
    }
}

package io.switchboard.redis;

import io.switchboard.connections.NodeBus;
import io.switchboard.connections.NodeCommand;
import io.switchboard.connections.NodeCommandCodec;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands between the nodes on the same key prefix, over pub/sub: each node listens on a channel of its own
 * ({@code <prefix>node:<id>}) and on the broadcast channel ({@code <prefix>nodes}). A command is sent as the bytes
 * of {@link NodeCommandCodec}; a broadcast puts the sender's id before them (a 2-byte length, then UTF-8) so that
 * the sender, which hears its own broadcasts, drops them. {@code PUBLISH} tells how many subscribers got a message,
 * which is how {@link #send} knows the node was there. Delivery is at most once: a node that is not subscribed at
 * the moment misses the command. Received commands reach the listener on the engine's event thread; bytes that do
 * not decode are logged and dropped. Any thread; a stage fails with Lettuce's exception when Redis cannot be reached.
 *
 * <p>On one Redis, a node whose subscription is a moment late coming back after Redis was away (every node
 * reconnects on its own) would look gone: a send nobody got is tried again, every {@link #RESEND_EVERY} for at most
 * {@link #RESEND_WINDOW}, while the target is on record among the nodes (a dead node leaves the record when another
 * node cleans up after it, so its connections are told gone at most that much later).
 *
 * <p>On a Redis Cluster the channels are shard channels ({@link RedisClients}). When a channel's slot moves to another
 * master (a failover, resharding) its subscribers are dropped and subscribe again a moment later; a send in that
 * moment reaches nobody. So on a cluster a send nobody got is tried again, every {@link #RESEND_EVERY} for at most
 * {@link #RESEND_WINDOW}, while the target's heartbeat ({@link RedisNodeMembership}) says it is alive: a node that
 * is gone (no heartbeat, or an expired one) is still told apart at once, one that died within its expiry after the
 * window.
 */
final class RedisNodeBus implements NodeBus {
    private static final Logger LOG = LoggerFactory.getLogger(RedisNodeBus.class);

    /** How often a send to a node on record that reached nobody is tried again. */
    static final Duration RESEND_EVERY = Duration.ofMillis(100);
    /** How long it is tried again at most: longer than a slot takes to move and its subscribers to come back. */
    static final Duration RESEND_WINDOW = Duration.ofSeconds(3);

    private final RedisClients clients;
    private final Clock clock;
    private final String nodeId;
    private final byte[] sender;
    private final String broadcastChannel;
    private volatile boolean listening;
    private volatile boolean closed;

    RedisNodeBus(RedisClients clients, String nodeId) {
        this(clients, nodeId, Clock.systemUTC());
    }

    /** @param clock the time heartbeats are compared with (the gateway's) */
    RedisNodeBus(RedisClients clients, String nodeId, Clock clock) {
        this.clients = clients;
        this.clock = clock;
        this.nodeId = nodeId;
        this.sender = nodeId.getBytes(StandardCharsets.UTF_8);
        if (sender.length > 0xffff) {
            throw new IllegalArgumentException("a node id takes at most 65535 bytes");
        }
        this.broadcastChannel = clients.key("nodes");
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    /** Never to this node itself (it is not "another node"), nor after close. */
    @Override
    public CompletionStage<Boolean> send(String target, NodeCommand command) {
        if (closed || target.equals(nodeId)) {
            return CompletableFuture.completedFuture(false);
        }
        byte[] body = NodeCommandCodec.encode(command);
        return clients.publish(channel(target), body).thenCompose(n -> n >= 1 ? CompletableFuture.completedFuture(true)
                : resendWhileAlive(target, body, System.nanoTime() + RESEND_WINDOW.toNanos()));
    }

    /**
     * A send that reached nobody, again while the target is on record, until it reaches it or the deadline: on a
     * cluster while the target beats; on one Redis also when its heartbeat expired while Redis itself was away
     * (after an outage every node resubscribes, some a moment later than others, and all heartbeats are old).
     */
    private CompletionStage<Boolean> resendWhileAlive(String target, byte[] body, long deadline) {
        return clients.text().hget(RedisNodeMembership.key(clients), target).thenCompose(status -> {
            boolean onRecord = clients.cluster() ? RedisNodeMembership.expiresAt(status) > clock.millis()
                    : status != null;
            if (closed || System.nanoTime() >= deadline || !onRecord) {
                return CompletableFuture.completedFuture(false);
            }
            Executor later = CompletableFuture.delayedExecutor(RESEND_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> channel(target), later)
                    .thenCompose(channel -> clients.publish(channel, body))
                    .thenCompose(n -> n >= 1 ? CompletableFuture.completedFuture(true)
                            : resendWhileAlive(target, body, deadline));
        });
    }

    @Override
    public CompletionStage<Integer> broadcast(NodeCommand command) {
        if (closed) {
            return CompletableFuture.completedFuture(0);
        }
        byte[] body = NodeCommandCodec.encode(command);
        byte[] envelope = ByteBuffer.allocate(2 + sender.length + body.length).putShort((short) sender.length)
                .put(sender).put(body).array();
        boolean self = listening;
        return clients.publish(broadcastChannel, envelope)
                .thenApply(n -> (int) Math.max(0, n - (self ? 1 : 0)));
    }

    /**
     * Delivers the commands sent to this node, and the broadcasts of the others, to {@code listener} on
     * {@code events}; completes once Redis confirmed both subscriptions. Once per {@link RedisClients}.
     */
    CompletionStage<Void> subscribe(Executor events, Consumer<NodeCommand> listener) {
        CompletionStage<Void> own = clients.subscribe(channel(nodeId),
                bytes -> events.execute(() -> deliver(bytes, listener)));
        CompletionStage<Void> all = clients.subscribe(broadcastChannel, bytes -> events.execute(() -> {
            byte[] command = unwrap(bytes);
            if (command != null) {
                deliver(command, listener);
            }
        }));
        return own.thenCombine(all, (a, b) -> {
            listening = true;
            return null;
        });
    }

    /** Sends nothing more. */
    void close() {
        closed = true;
    }

    private String channel(String node) {
        return clients.key("node", node);
    }

    /** The command of a broadcast envelope, or {@code null} when it is this node's own or malformed. */
    private byte[] unwrap(byte[] envelope) {
        if (envelope.length < 2) {
            LOG.warn("a broadcast of {} bytes was dropped: too short", envelope.length);
            return null;
        }
        int length = ((envelope[0] & 0xff) << 8) | (envelope[1] & 0xff);
        if (length > envelope.length - 2) {
            LOG.warn("a broadcast of {} bytes was dropped: it claims a sender of {} bytes", envelope.length, length);
            return null;
        }
        if (Arrays.equals(envelope, 2, 2 + length, sender, 0, sender.length)) {
            return null; // our own
        }
        return Arrays.copyOfRange(envelope, 2 + length, envelope.length);
    }

    private void deliver(byte[] bytes, Consumer<NodeCommand> listener) {
        NodeCommand command;
        try {
            command = NodeCommandCodec.decode(bytes);
        } catch (RuntimeException e) {
            LOG.warn("a node command of {} bytes for {} was dropped: {}", bytes.length, nodeId, e.getMessage());
            return;
        }
        listener.accept(command);
    }
}

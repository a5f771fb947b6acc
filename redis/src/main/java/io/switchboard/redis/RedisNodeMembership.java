package io.switchboard.redis;

import io.lettuce.core.ScriptOutputType;
import io.switchboard.connections.NodeMembership;
import io.switchboard.connections.NodeStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes' heartbeats on Redis: one hash ({@code <prefix>nodes}), a field per node holding
 * {@code heartbeatAt:expiresAt:connections}. Claiming an expired node is one script (read, check, delete), so of the
 * nodes that notice a dead one at the same moment exactly one cleans up after it. Any thread.
 */
final class RedisNodeMembership implements NodeMembership {
    private static final Logger LOG = LoggerFactory.getLogger(RedisNodeMembership.class);

    /** KEYS nodes; ARGV node, now → 1 when the node's heartbeat had expired and this call removed it. */
    private static final Script CLAIM = Script.of("""
            local status = redis.call('HGET', KEYS[1], ARGV[1])
            if not status then return 0 end
            local expires = tonumber(string.match(status, '^%d+:(%d+):'))
            if expires == nil or expires > tonumber(ARGV[2]) then return 0 end
            redis.call('HDEL', KEYS[1], ARGV[1])
            return 1
            """);

    private final RedisClients clients;
    private final String key;

    RedisNodeMembership(RedisClients clients) {
        this.clients = clients;
        this.key = key(clients);
    }

    /** The hash of heartbeats. */
    static String key(RedisClients clients) {
        return clients.key("nodes");
    }

    /** When a heartbeat's value says its node expires, {@link Long#MIN_VALUE} for none or one that does not parse. */
    static long expiresAt(String status) {
        if (status == null) {
            return Long.MIN_VALUE;
        }
        String[] parts = status.split(":");
        try {
            return parts.length < 3 ? Long.MIN_VALUE : Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    @Override
    public CompletionStage<Boolean> heartbeat(NodeStatus status) {
        return clients.text().hset(key, status.nodeId(), status.heartbeatAt() + ":" + status.expiresAt() + ":"
                + status.connections()).thenApply(created -> !created); // HSET: true for a field it created
    }

    @Override
    public CompletionStage<List<NodeStatus>> nodes() {
        return clients.text().hgetall(key).thenApply(RedisNodeMembership::parse);
    }

    @Override
    public CompletionStage<Boolean> claimExpired(String nodeId, long now) {
        return CLAIM.<Long>run(clients.text(), ScriptOutputType.INTEGER, new String[] {key}, nodeId,
                Long.toString(now)).thenApply(claimed -> claimed == 1);
    }

    @Override
    public CompletionStage<Void> leave(String nodeId) {
        return clients.text().hdel(key, nodeId).thenApply(x -> null);
    }

    private static List<NodeStatus> parse(Map<String, String> fields) {
        List<NodeStatus> out = new ArrayList<>(fields.size());
        fields.forEach((node, value) -> {
            String[] parts = value.split(":");
            try {
                out.add(new NodeStatus(node, Long.parseLong(parts[0]), Long.parseLong(parts[1]),
                        Integer.parseInt(parts[2])));
            } catch (RuntimeException e) { // not written by a gateway: left alone, and said once per read
                LOG.warn("the heartbeat of node {} cannot be read: {}", node, value.length() > 64
                        ? value.substring(0, 64) + "…" : value);
            }
        });
        out.sort(Comparator.comparing(NodeStatus::nodeId));
        return List.copyOf(out);
    }
}

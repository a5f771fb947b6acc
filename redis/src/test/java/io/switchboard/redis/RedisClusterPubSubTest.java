package io.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import io.switchboard.connections.NodeCommand;
import io.switchboard.queues.NewMessage;
import io.switchboard.queues.QueueId;
import io.switchboard.queues.QueueSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sharded pub/sub on a Redis Cluster, where the contracts would not notice it failing: {@code SPUBLISH}'s count tells
 * a listening node from a gone one wherever their channels' slots are, and a queue's scripts publish their wake notes
 * on a shard channel of the queue's slot (a long poll would still find the message by its recheck without them).
 */
class RedisClusterPubSubTest {
    @RegisterExtension
    static final SharedRedis REDIS = SharedRedis.cluster();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Test
    void aNodeIsListeningExactlyWhileSubscribedWhereverItsChannelIs() throws Exception {
        RedisSettings settings = REDIS.freshSettings();
        RedisClients sender = REDIS.closeAfterTest(RedisClients.connect(settings));
        RedisNodeBus from = new RedisNodeBus(sender, "sender");
        List<NodeCommand> got = new CopyOnWriteArrayList<>();
        List<String> nodes = List.of("n-a", "n-b", "n-c", "n-d", "n-e", "n-f", "n-g", "n-h");
        RedisEvents events = REDIS.closeAfterTest(new RedisEvents());
        for (String node : nodes) {
            RedisNodeBus bus = new RedisNodeBus(REDIS.closeAfterTest(RedisClients.connect(settings)), node);
            bus.subscribe(events, got::add).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        // redis-cli gives each of the three masters a third of the slots: the channels are on more than one.
        assertThat(nodes.stream().map(n -> SlotHash.getSlot(sender.key("node", n)) * 3 / SlotHash.SLOT_COUNT)
                .distinct().count()).isGreaterThan(1);
        NodeCommand close = new NodeCommand.Close("prod", "c1", 1000, "bye");
        for (String node : nodes) {
            assertThat(from.send(node, close).toCompletableFuture().get(5, TimeUnit.SECONDS)).as(node).isTrue();
        }
        assertThat(from.send("nobody", close).toCompletableFuture().get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(from.broadcast(close).toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(nodes.size());
        Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> got.size() == 2 * nodes.size());
    }

    @Test
    void aSendPublishesAWakeNoteOnTheQueuesShardChannel() throws Exception {
        RedisClients clients = REDIS.clients();
        RedisQueueStore store = REDIS.closeAfterTest(new RedisQueueStore(clients, Clock.systemUTC(), timers));
        QueueId jobs = new QueueId("prod", "jobs");
        store.declare(jobs, QueueSettings.DEFAULTS).toCompletableFuture().get(5, TimeUnit.SECONDS);
        RedisClients listener = REDIS.clients();
        List<String> notes = new CopyOnWriteArrayList<>();
        String channel = QueueLayout.of(clients, jobs).channel();
        listener.subscribe(channel, note -> notes.add(new String(note, StandardCharsets.UTF_8)))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        store.send(jobs, NewMessage.of("hi", Map.of())).toCompletableFuture().get(5, TimeUnit.SECONDS);
        Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> notes.contains("sent"));
    }
}

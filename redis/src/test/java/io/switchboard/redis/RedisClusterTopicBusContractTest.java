package io.switchboard.redis;

import io.switchboard.handler.TopicMessage;
import io.switchboard.topics.TopicBus;
import io.switchboard.topics.TopicBusContract;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The topic bus contract, on a real three-master Redis Cluster: the node subscribed, publishing to itself. */
class RedisClusterTopicBusContractTest extends TopicBusContract {
    @RegisterExtension
    static final SharedRedis REDIS = SharedRedis.cluster();

    @Override
    protected TopicBus newBus(Consumer<TopicMessage> listener) {
        RedisClients clients = REDIS.clients();
        RedisEvents events = REDIS.closeAfterTest(new RedisEvents());
        RedisTopicBus bus = new RedisTopicBus(clients);
        try {
            bus.subscribe(events, listener).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return bus;
    }
}

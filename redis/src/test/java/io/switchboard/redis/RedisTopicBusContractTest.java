package io.switchboard.redis;

import io.switchboard.handler.TopicMessage;
import io.switchboard.topics.TopicBus;
import io.switchboard.topics.TopicBusContract;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The topic bus contract, against a real Redis: the node subscribed, then publishing to itself. */
class RedisTopicBusContractTest extends TopicBusContract {
    private static RedisProcess redis;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.stop();
    }

    @Override
    protected TopicBus newBus(Consumer<TopicMessage> listener) {
        RedisClients clients = RedisClients.connect(redis.settings(TestPrefixes.fresh()));
        RedisEvents events = new RedisEvents();
        opened.add(clients);
        opened.add(events);
        RedisTopicBus bus = new RedisTopicBus(clients);
        try {
            bus.subscribe(events, listener).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return bus;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }
}

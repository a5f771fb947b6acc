package io.switchboard.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.TopicMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TopicBus} must do, whatever engine carries it: each message delivered once and intact, in
 * publication order per topic, nothing lost under concurrent publishers. An engine's test extends this class.
 */
public abstract class TopicBusContract {
    private final BlockingQueue<TopicMessage> received = new LinkedBlockingQueue<>();
    private TopicBus bus;

    /** A new bus whose deliveries on this node go to {@code listener}. */
    protected abstract TopicBus newBus(Consumer<TopicMessage> listener);

    @BeforeEach
    void createBus() {
        bus = newBus(received::add);
    }

    private TopicMessage next() throws InterruptedException {
        TopicMessage message = received.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a message within 10 s").isNotNull();
        return message;
    }

    private static TopicMessage message(String stage, String topic, String id, String body) {
        return new TopicMessage(id, stage, topic, body, Map.of("user_id", "alice", "source", "test"), 1234);
    }

    @Test
    void messagesArriveIntactAndOnce() throws Exception {
        TopicMessage sent = new TopicMessage("m1", "s", "news", "{\"text\":\"h\u00e9llo \ud83d\udc4b\"}",
                Map.of("user_id", "alice", "timestamp", "1700000000000", "source", "switchboard.route.publish"), 99);
        bus.publish(sent).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(next()).isEqualTo(sent);
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void oneTopicKeepsPublicationOrder() throws Exception {
        for (int i = 0; i < 500; i++) {
            bus.publish(message("s", "ordered", "m" + i, "body " + i));
        }
        for (int i = 0; i < 500; i++) {
            assertThat(next().messageId()).isEqualTo("m" + i);
        }
    }

    @Test
    void concurrentPublishersLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int publishers = 8;
        int each = 500;
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int publisher = p;
                work.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < each; i++) {
                        bus.publish(message("s" + (publisher % 2), "t" + publisher, publisher + "-" + i, "x"))
                                .toCompletableFuture().join();
                    }
                }, pool));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        Set<String> ids = new HashSet<>();
        Map<String, Integer> lastOfTopic = new HashMap<>();
        for (int i = 0; i < publishers * each; i++) {
            TopicMessage m = next();
            assertThat(ids.add(m.messageId())).as("delivered once: %s", m.messageId()).isTrue();
            int index = Integer.parseInt(m.messageId().substring(m.messageId().indexOf('-') + 1));
            assertThat(index).isGreaterThan(lastOfTopic.getOrDefault(m.topic(), -1));
            lastOfTopic.put(m.topic(), index);
            assertThat(m.stage()).isEqualTo("s" + (Integer.parseInt(m.topic().substring(1)) % 2));
        }
        assertThat(ids).hasSize(publishers * each);
    }
}
